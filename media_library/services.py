"""Writes to the image library."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from media_library.images import verified_image_file
from media_library.models import Image


@transaction.atomic
def add_image(
    *, upload: File | None, alt_text: str, caption: str = "", credit: str = "", by: AbstractBaseUser | None
) -> Image:
    """Store an uploaded image in the library, re-encoded; raise ValidationError naming the field at fault."""
    image = Image(alt_text=alt_text.strip(), caption=caption.strip(), credit=credit.strip(), uploaded_by=by)
    if upload is None:
        raise ValidationError({"file": "Choose an image file to upload."})
    try:
        image.file = verified_image_file(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    # Validate before storing: a refused upload leaves no file behind.
    image.full_clean(exclude=["file"])
    image.save()
    return image
