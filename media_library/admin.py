"""The image library in the admin: thumbnails, search by alt text, caption or credit, and the Markdown to reuse."""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html

from media_library.forms import ImageForm
from media_library.models import Image
from media_library.references import image_url


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "alt_text", "caption", "credit", "size", "uploaded_at"]
    list_display_links = ["thumbnail", "alt_text"]
    search_fields = ["alt_text", "caption", "credit"]
    readonly_fields = ["preview", "size", "markdown_to_use", "uploaded_by", "uploaded_at"]
    fields = [
        "file",
        "preview",
        "alt_text",
        "caption",
        "credit",
        "size",
        "markdown_to_use",
        "uploaded_by",
        "uploaded_at",
    ]
    list_per_page = 48

    @admin.display(description="image")
    def thumbnail(self, image: Image) -> str:
        return format_html(
            '<img src="{}" alt="{}" style="max-width:96px;max-height:64px;object-fit:contain">',
            image_url(image),
            image.alt_text,
        )

    @admin.display(description="preview")
    def preview(self, image: Image) -> str:
        if not image.pk:
            return "-"
        return format_html(
            '<img src="{}" alt="{}" style="max-width:480px;max-height:320px">', image_url(image), image.alt_text
        )

    @admin.display(description="size")
    def size(self, image: Image) -> str:
        return f"{image.width} × {image.height} px" if image.pk else "-"

    @admin.display(description="Markdown")
    def markdown_to_use(self, image: Image) -> str:
        if not image.pk:
            return "-"
        return format_html(
            "<code>{}</code><br><span class='help'>Paste it into an explanation, or use “Insert image”.</span>",
            image.markdown(),
        )

    def save_model(self, request: HttpRequest, obj: Image, form, change: bool) -> None:
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
