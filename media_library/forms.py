"""Forms for the image library: the admin's, and the editor's upload (same rules, same messages)."""

from django import forms

from media_library.images import verified_image_file
from media_library.models import Image


class ImageForm(forms.ModelForm):
    """An image with its texts; the file is decoded and re-encoded (a non-image is a form error on `file`)."""

    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit"]
        widgets = {"alt_text": forms.TextInput(attrs={"size": 80}), "caption": forms.Textarea(attrs={"rows": 3})}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if hasattr(upload, "content_type"):  # a new upload, not the image's current file
            return verified_image_file(upload)
        return upload
