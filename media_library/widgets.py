"""The admin's Markdown editor with the image library: an "Insert image" button, and drops and
pastes of image files that ask for alt text before uploading (media_library/static/media_library/)."""

from django.urls import reverse
from markdownx.widgets import AdminMarkdownxWidget


class ImageLibraryMarkdownWidget(AdminMarkdownxWidget):
    class Media:
        js = ["media_library/image_picker.js"]
        css = {"all": ["media_library/image_picker.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-image-library-url"] = reverse("media-library-images")
        return context
