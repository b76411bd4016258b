from django.urls import path

from media_library.views import library_images_view

urlpatterns = [path("images/", library_images_view, name="media-library-images")]
