"""The editor's image endpoints (staff only, JSON): browse and search the library, upload with alt text.

Errors answer 400 with `{"errors": {field: [messages]}, "detail": "<first message>"}`, so the
editor shows the server's own words, never a generic failure.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_http_methods
from django.views.static import serve

from media_library.models import Image
from media_library.references import image_url
from media_library.services import add_image
from publishing.permissions import staff_only

PAGE_SIZE = 48


def image_as_json(image: Image) -> dict:
    return {
        "id": image.pk,
        "url": image_url(image),
        "alt_text": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "width": image.width,
        "height": image.height,
        "markdown": image.markdown(),
    }


def _forbidden(doing: str) -> JsonResponse:
    return JsonResponse({"detail": f"You do not have permission to {doing}."}, status=403)


@staff_only
@require_http_methods(["GET", "POST"])
def library_images_view(request: HttpRequest) -> HttpResponse:
    """GET: the newest images, or those matching `?q=`; POST (multipart): add one (file, alt_text, caption, credit)."""
    if request.method == "POST":
        if not request.user.has_perm("media_library.add_image"):
            return _forbidden("add images")
        try:
            image = add_image(
                upload=request.FILES.get("file"),
                alt_text=request.POST.get("alt_text", ""),
                caption=request.POST.get("caption", ""),
                credit=request.POST.get("credit", ""),
                by=request.user,
            )
        except ValidationError as error:
            errors = error.message_dict
            first = next(iter(errors.values()))[0]
            return JsonResponse({"errors": errors, "detail": first}, status=400)
        return JsonResponse(image_as_json(image), status=201)
    if not request.user.has_perm("media_library.view_image"):
        return _forbidden("view images")
    images = Image.objects.matching(request.GET.get("q", ""))[:PAGE_SIZE]
    return JsonResponse({"results": [image_as_json(image) for image in images]})


def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    """Files of the local media folder, where this app is to serve them (DEBUG, or GLOSSARY_SERVE_MEDIA)."""
    if not settings.GLOSSARY_SERVE_MEDIA:
        raise Http404("Media files are not served by this application.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)
