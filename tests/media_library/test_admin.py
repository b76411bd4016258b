"""The image library in the real admin: list with thumbnails, search, add with alt text, errors that keep the text."""

import pytest
from django.urls import reverse

from media_library.models import Image
from tests.editorial.helpers import user_in
from tests.factories import TermFactory
from tests.media_library.support import library_image, png_upload, stored_files, text_named_png

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:media_library_image_changelist")
ADD = reverse("admin:media_library_image_add")


def test_library_list_shows_each_image_as_a_thumbnail_with_its_alt_text(admin_client):
    image = library_image("Transformer block diagram")

    page = admin_client.get(CHANGELIST).content.decode()

    assert f'<img src="https://cms.example.org/media/{image.file.name}" alt="Transformer block diagram"' in page
    assert "40 × 30 px" in page


def test_library_search_finds_images_by_alt_text_or_caption(admin_client):
    library_image("Transformer block diagram", caption="From the 2017 paper")
    library_image("Loss curve", caption="Training run 12")

    def listed(query: str) -> str:
        return admin_client.get(CHANGELIST, {"q": query}).content.decode()

    assert "Transformer block diagram" in listed("2017") and "Loss curve" not in listed("2017")
    assert "Loss curve" in listed("curve") and "Transformer block diagram" not in listed("curve")


def test_admin_adds_an_image_with_its_texts_and_shows_the_markdown_to_use(admin_client, superuser):
    response = admin_client.post(
        ADD, {"file": png_upload(), "alt_text": "Heat map", "caption": "Weights", "credit": "Figure: us"}
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    assert (image.alt_text, image.caption, image.credit, image.uploaded_by) == (
        "Heat map",
        "Weights",
        "Figure: us",
        superuser,
    )
    change_page = admin_client.get(reverse("admin:media_library_image_change", args=[image.pk])).content.decode()
    assert f"![Heat map](image:{image.pk})" in change_page


def test_text_file_named_png_is_a_form_error_that_keeps_the_typed_texts(admin_client, media_root):
    response = admin_client.post(
        ADD, {"file": text_named_png(), "alt_text": "My carefully written alt text", "caption": "And a caption"}
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["file"]
    assert "image" in errors["file"][0].lower()
    page = response.content.decode()
    assert 'value="My carefully written alt text"' in page
    assert "And a caption" in page
    assert Image.objects.count() == 0
    assert stored_files(media_root) == []


def test_image_without_alt_text_is_a_form_error_in_the_admin(admin_client, media_root):
    response = admin_client.post(ADD, {"file": png_upload(), "alt_text": "", "caption": "Kept"})

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["alt_text"]
    assert Image.objects.count() == 0


def test_writer_browses_and_adds_library_images_in_the_admin(client):
    client.force_login(user_in("Writer"))
    library_image("Shared figure")

    assert "Shared figure" in client.get(CHANGELIST).content.decode()
    assert client.post(ADD, {"file": png_upload(), "alt_text": "Writer's figure"}).status_code == 302
    assert Image.objects.filter(alt_text="Writer's figure").exists()


def test_term_editor_offers_the_image_library(admin_client):
    term = TermFactory()

    page = admin_client.get(reverse("admin:terms_term_change", args=[term.pk])).content.decode()

    assert "media_library/image_picker.js" in page
    assert 'data-image-library-url="/media-library/images/"' in page
