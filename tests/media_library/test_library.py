"""The image library: real images only (re-encoded), alt text required, and the editor's JSON endpoint."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage

from media_library.models import Image
from media_library.references import library_images
from media_library.services import add_image
from publishing.markdown import render
from tests.editorial.helpers import user_in
from tests.factories import UserFactory
from tests.media_library.support import LIBRARY_URL, library_image, png_upload, stored_files, text_named_png

pytestmark = pytest.mark.django_db


def test_added_image_keeps_its_texts_and_real_size(media_root):
    image = add_image(
        upload=png_upload(size=(64, 48)),
        alt_text=" Loss curve ",
        caption="Training loss",
        credit="Photo: A. Lee",
        by=None,
    )

    image.refresh_from_db()
    assert (image.alt_text, image.caption, image.credit) == ("Loss curve", "Training loss", "Photo: A. Lee")
    assert (image.width, image.height) == (64, 48)
    assert image.file.name.startswith("images/") and image.file.name.endswith(".png")
    with PillowImage.open(media_root / image.file.name) as stored:
        assert stored.format == "PNG" and stored.size == (64, 48)
    assert image.markdown() == f"![Loss curve](image:{image.pk})"


def test_image_without_alt_text_is_refused_and_nothing_is_stored(media_root):
    with pytest.raises(ValidationError) as refusal:
        add_image(upload=png_upload(), alt_text="   ", by=None)

    assert "alt_text" in refusal.value.message_dict
    assert Image.objects.count() == 0
    assert stored_files(media_root) == []


def test_text_file_named_png_is_refused_on_the_file_field(media_root):
    with pytest.raises(ValidationError) as refusal:
        add_image(upload=text_named_png(), alt_text="Notes", by=None)

    assert refusal.value.message_dict == {"file": ["The file is not a readable image."]}
    assert Image.objects.count() == 0


def test_file_over_the_size_limit_is_refused(settings):
    settings.GLOSSARY_IMAGE_MAX_UPLOAD_BYTES = 100

    with pytest.raises(ValidationError) as refusal:
        add_image(upload=png_upload(size=(400, 400)), alt_text="Big", by=None)

    assert "images up to" in refusal.value.message_dict["file"][0]


def test_database_refuses_an_image_without_alt_text():
    image = library_image()

    with pytest.raises(ValidationError) as refusal:
        image.alt_text = ""
        image.full_clean()
    assert "alt_text" in refusal.value.message_dict


# --- The editor's endpoint ---------------------------------------------------------------


@pytest.fixture
def writer_client(client):
    client.force_login(user_in("Writer"))
    return client


def test_writer_uploads_an_image_with_alt_text_and_gets_its_markdown(writer_client):
    response = writer_client.post(
        LIBRARY_URL, {"file": png_upload(), "alt_text": "Tokens flowing through layers", "caption": "How it works"}
    )

    assert response.status_code == 201, response.content
    image = Image.objects.get()
    body = response.json()
    assert body["markdown"] == f"![Tokens flowing through layers](image:{image.pk})"
    assert body["url"] == f"https://cms.example.org/media/{image.file.name}"
    assert (body["alt_text"], body["caption"], body["width"], body["height"]) == (
        "Tokens flowing through layers",
        "How it works",
        40,
        30,
    )
    assert image.uploaded_by.groups.filter(name="Writer").exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"file": "text", "alt_text": "Notes"}, "file", "The file is not a readable image."),
        ({"alt_text": "Nothing attached"}, "file", "Choose an image file to upload."),
        ({"file": "png", "alt_text": ""}, "alt_text", "This field cannot be blank."),
    ],
    ids=["text-named-png", "no-file", "no-alt-text"],
)
def test_refused_upload_answers_400_json_naming_the_field_and_the_reason(
    writer_client, media_root, data, field, message
):
    files = {"text": text_named_png, "png": png_upload}
    data = {name: files[value]() if name == "file" else value for name, value in data.items()}

    response = writer_client.post(LIBRARY_URL, data)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"errors": {field: [message]}, "detail": message}
    assert Image.objects.count() == 0
    assert stored_files(media_root) == []


def test_reviewer_may_browse_but_not_upload(client):
    library_image()
    client.force_login(user_in("Reviewer"))

    assert client.get(LIBRARY_URL).status_code == 200
    response = client.post(LIBRARY_URL, {"file": png_upload(), "alt_text": "x"})
    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have permission to add images."}


@pytest.mark.parametrize("who", ["anonymous", "non-staff"])
def test_library_endpoint_refuses_anyone_but_staff(client, who, media_root):
    if who == "non-staff":
        client.force_login(UserFactory(username="reader", is_staff=False))

    assert client.get(LIBRARY_URL).status_code == 403
    assert client.post(LIBRARY_URL, {"file": png_upload(), "alt_text": "x"}).status_code == 403
    assert stored_files(media_root) == []


def test_library_search_matches_alt_text_caption_and_credit(writer_client):
    cat = library_image("A cat on a keyboard", caption="Our office")
    chart = library_image("Bar chart of accuracy", credit="Chart: Data team")
    library_image("Something else")

    def found(query: str) -> list[int]:
        return [row["id"] for row in writer_client.get(LIBRARY_URL, {"q": query}).json()["results"]]

    assert found("keyboard cat") == [cat.pk]
    assert found("office") == [cat.pk]
    assert found("data team") == [chart.pk]
    assert len(found("")) == 3


def test_library_listing_takes_one_query_whatever_its_size(writer_client, django_assert_max_num_queries):
    for number in range(5):
        library_image(f"Image {number}")

    # Session, user, the editor's time zone, two permission reads; then the images, in one query.
    with django_assert_max_num_queries(6):
        response = writer_client.get(LIBRARY_URL)
    assert len(response.json()["results"]) == 5


# --- Serving files -------------------------------------------------------------------------


def test_media_files_are_served_by_the_app_where_it_serves_media(client, settings):
    settings.GLOSSARY_SERVE_MEDIA = True
    image = library_image()

    response = client.get(f"/media/{image.file.name}")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == (settings.MEDIA_ROOT / image.file.name).read_bytes()


def test_media_files_are_not_served_where_the_app_does_not_serve_media(client, settings):
    settings.GLOSSARY_SERVE_MEDIA = False
    image = library_image()

    assert client.get(f"/media/{image.file.name}").status_code == 404


def test_media_path_outside_the_media_folder_is_not_served(client, settings):
    settings.GLOSSARY_SERVE_MEDIA = True
    library_image()

    # Django's static serving refuses a path out of its folder as suspicious (400), never serving it.
    assert client.get("/media/../glossary_cms/settings.py").status_code in {400, 404}
    assert client.get("/media/%2e%2e/manage.py").status_code in {400, 404}


def test_disguised_upload_through_the_endpoint_never_reaches_storage(writer_client, media_root):
    html_as_gif = SimpleUploadedFile("x.gif", b"GIF89a<script>alert(1)</script>", content_type="image/gif")

    response = writer_client.post(LIBRARY_URL, {"file": html_as_gif, "alt_text": "x"})

    assert response.status_code == 400
    assert stored_files(media_root) == []


def test_markdown_of_an_image_escapes_brackets_so_the_alt_text_survives_publication():
    image = library_image(r"Matrix [n × d] \ scaled")

    assert image.markdown() == rf"![Matrix \[n × d\] \\ scaled](image:{image.pk})"
    assert 'alt="Matrix [n × d] \\ scaled"' in render(image.markdown(), images=library_images).html
