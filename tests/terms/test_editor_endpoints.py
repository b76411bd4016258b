"""The Markdown editor's endpoints (live preview, image upload): staff only, sanitised, images only."""

import io

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageSequence

from tests.factories import UserFactory

PREVIEW_URL = "/markdownx/markdownify/"
UPLOAD_URL = "/markdownx/upload/"
AJAX = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}  # how the editor's script calls the upload endpoint
PAYLOAD = "## Hello\n\n<script>alert('x')</script>[click](javascript:alert(1)) <img src=x onerror=alert(1)>"


def png_bytes(size: tuple[int, int] = (8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color=(200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str) -> dict:
    return {"image": SimpleUploadedFile(name, content, content_type=content_type)}


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def staff_client(client, db):
    client.force_login(UserFactory(username="staff-editor", is_staff=True))
    return client


@pytest.fixture
def non_staff_client(client, db):
    client.force_login(UserFactory(username="reader", is_staff=False))
    return client


def uploaded_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()]


@pytest.mark.parametrize("who", ["anonymous", "non-staff"])
@pytest.mark.parametrize("url", [PREVIEW_URL, UPLOAD_URL])
def test_editor_endpoints_refuse_anyone_but_staff_with_403(request, who, url, media_root, db):
    client = request.getfixturevalue("client" if who == "anonymous" else "non_staff_client")
    data = {"content": PAYLOAD} if url == PREVIEW_URL else upload("dot.png", png_bytes(), "image/png")

    response = client.post(url, data, **AJAX)

    assert response.status_code == 403
    assert response.json() == {"detail": "Staff login required."}
    assert uploaded_files(media_root) == []


def test_preview_refuses_staff_whose_account_was_deactivated(client, db):
    user = UserFactory(username="left-the-team", is_staff=True)
    client.force_login(user)
    user.is_active = False
    user.save()

    response = client.post(PREVIEW_URL, {"content": "Hello"})

    assert response.status_code == 403


def test_preview_renders_sanitised_html_for_staff(staff_client):
    response = staff_client.post(PREVIEW_URL, {"content": PAYLOAD})

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="hello">Hello</h2>' in html
    assert "<script" not in html.lower()
    assert "alert('x')" not in html
    assert "onerror" not in html.lower()
    assert 'href="javascript' not in html.lower()


def test_preview_is_what_publication_would_store(staff_client):
    from publishing.markdown import render

    response = staff_client.post(PREVIEW_URL, {"content": PAYLOAD})

    assert response.content.decode() == render(PAYLOAD).html


def test_staff_upload_of_a_png_is_stored_and_answered_with_its_markdown(staff_client, media_root):
    response = staff_client.post(UPLOAD_URL, upload("diagram.png", png_bytes(), "image/png"), **AJAX)

    assert response.status_code == 200
    image_code = response.json()["image_code"]
    assert image_code.startswith(f"![]({django_settings.MEDIA_URL}{django_settings.MARKDOWNX_MEDIA_PATH}")
    assert image_code.endswith(".png)")
    (stored,) = uploaded_files(media_root)
    assert stored.suffix == ".png"
    assert image_code.endswith(f"{stored.name})")
    assert Image.open(stored).format == "PNG"


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("page.html", b"<html><script>alert(1)</script></html>", "text/html"),
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "image/svg+xml"),
        ("clean.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>', "image/svg+xml"),
        ("notes.txt", b"just text", "text/plain"),
        ("script.js", b"alert(1)", "application/javascript"),
    ],
    ids=["html", "svg-with-script", "svg-clean", "text", "javascript"],
)
def test_upload_of_anything_but_a_raster_image_is_refused(staff_client, media_root, name, content, content_type):
    response = staff_client.post(UPLOAD_URL, upload(name, content, content_type), **AJAX)

    assert response.status_code == 400
    assert response.json() == {"__all__": ["File type is not supported."]}
    assert uploaded_files(media_root) == []


def test_upload_larger_than_the_limit_is_refused(staff_client, media_root):
    limit = django_settings.MARKDOWNX_UPLOAD_MAX_SIZE
    oversized = png_bytes() + b"\0" * (limit + 1)

    response = staff_client.post(UPLOAD_URL, upload("huge.png", oversized, "image/png"), **AJAX)

    assert response.status_code == 400
    (message,) = response.json()["__all__"]
    assert message.startswith("Please keep file size under 2.0\xa0MB.")
    assert uploaded_files(media_root) == []


def test_upload_without_a_file_is_refused(staff_client, media_root):
    response = staff_client.post(UPLOAD_URL, {}, **AJAX)

    assert response.status_code == 400
    assert "image" in response.json()
    assert uploaded_files(media_root) == []


def test_upload_of_html_disguised_as_a_gif_is_refused(staff_client, media_root):
    disguised = upload("evil.html", b"<script>alert(document.cookie)</script>", "image/gif")

    response = staff_client.post(UPLOAD_URL, disguised, **AJAX)

    assert response.status_code == 400
    assert uploaded_files(media_root) == []


def test_uploaded_image_is_stored_under_the_extension_of_its_real_format(staff_client, media_root):
    response = staff_client.post(UPLOAD_URL, upload("diagram.html", png_bytes(), "image/png"), **AJAX)

    assert response.status_code == 200
    (stored,) = uploaded_files(media_root)
    assert stored.suffix == ".png"


def test_upload_of_a_file_that_is_not_really_a_png_is_refused_with_400(staff_client, media_root):
    staff_client.raise_request_exception = False

    response = staff_client.post(UPLOAD_URL, upload("fake.png", b"<html>not an image</html>", "image/png"), **AJAX)

    assert response.status_code == 400
    assert uploaded_files(media_root) == []


def gif_bytes(frames: int = 1, size: tuple[int, int] = (8, 8)) -> bytes:
    """A (possibly animated) GIF whose frames differ, so none can be dropped as a duplicate."""
    images = [Image.new("P", size, color=index * 40) for index in range(frames)]
    for image in images:
        image.putpalette([channel for index in range(256) for channel in (index, 255 - index, 128)])
    buffer = io.BytesIO()
    images[0].save(buffer, format="GIF", save_all=frames > 1, append_images=images[1:], duration=70, loop=0)
    return buffer.getvalue()


def image_bytes(image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), color=(20, 120, 220)).save(buffer, format=image_format, **options)
    return buffer.getvalue()


def jpeg_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}  # GPSInfo: where the photo was taken
    return image_bytes("JPEG", exif=exif)


SCRIPT = b"<script>alert(document.cookie)</script>"


def test_preview_without_content_answers_400(staff_client):
    response = staff_client.post(PREVIEW_URL, {})

    assert response.status_code == 400
    assert response.json() == {"content": ["This field is required."]}


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_upload_endpoint_answers_other_methods_with_405(staff_client, method):
    response = getattr(staff_client, method)(UPLOAD_URL)

    assert response.status_code == 405


def test_upload_without_the_ajax_header_is_stored_and_answered_with_json(staff_client, media_root):
    response = staff_client.post(UPLOAD_URL, upload("diagram.png", png_bytes(), "image/png"))

    assert response.status_code == 200
    assert response.json()["image_code"].endswith(".png)")
    assert len(uploaded_files(media_root)) == 1


def test_refused_upload_without_the_ajax_header_answers_400_json(staff_client, media_root):
    response = staff_client.post(UPLOAD_URL, upload("fake.png", b"not an image", "image/png"))

    assert response.status_code == 400
    assert response.json() == {"__all__": ["The file is not a readable image."]}
    assert uploaded_files(media_root) == []


@pytest.mark.parametrize(
    ("name", "content", "content_type", "image_format"),
    [
        ("funny.gif", gif_bytes(), "image/gif", "GIF"),
        ("animated.gif", gif_bytes(frames=3), "image/gif", "GIF"),
        ("diagram.png", png_bytes(), "image/png", "PNG"),
        ("photo.jpg", image_bytes("JPEG"), "image/jpeg", "JPEG"),
        ("photo.webp", image_bytes("WEBP"), "image/webp", "WEBP"),
    ],
    ids=["gif", "animated-gif", "png", "jpeg", "webp"],
)
def test_bytes_appended_to_an_image_are_not_stored(staff_client, media_root, name, content, content_type, image_format):
    response = staff_client.post(UPLOAD_URL, upload(name, content + SCRIPT, content_type), **AJAX)

    assert response.status_code == 200
    (stored,) = uploaded_files(media_root)
    data = stored.read_bytes()
    assert b"<script" not in data
    with Image.open(stored) as image:
        assert image.format == image_format
        image.load()
        assert getattr(image, "n_frames", 1) == getattr(Image.open(io.BytesIO(content)), "n_frames", 1)
    # Nothing follows the image's own end: the GIF trailer, PNG's IEND, JPEG's EOI, the RIFF size.
    ends = {"GIF": b";", "PNG": b"IEND\xaeB`\x82", "JPEG": b"\xff\xd9"}
    if image_format in ends:
        assert data.endswith(ends[image_format])
    else:
        assert int.from_bytes(data[4:8], "little") + 8 == len(data)


def test_animated_gif_keeps_its_frames_and_timing(staff_client, media_root):
    response = staff_client.post(UPLOAD_URL, upload("spinner.gif", gif_bytes(frames=3), "image/gif"), **AJAX)

    assert response.status_code == 200
    (stored,) = uploaded_files(media_root)
    with Image.open(stored) as image:
        assert image.n_frames == 3
        assert image.info["duration"] == 70
        assert image.info["loop"] == 0


def test_uploaded_photo_loses_its_exif_metadata(staff_client, media_root):
    assert Image.open(io.BytesIO(jpeg_with_exif())).getexif()  # the test's own premise

    response = staff_client.post(UPLOAD_URL, upload("holiday.jpg", jpeg_with_exif(), "image/jpeg"), **AJAX)

    assert response.status_code == 200
    (stored,) = uploaded_files(media_root)
    data = stored.read_bytes()
    assert b"Exif" not in data
    assert b"Camera maker" not in data
    with Image.open(stored) as image:
        assert image.format == "JPEG"
        assert not image.getexif()


def test_text_file_named_png_is_refused_with_a_clear_message(staff_client, media_root):
    response = staff_client.post(UPLOAD_URL, upload("notes.png", b"just some notes\n", "image/png"), **AJAX)

    assert response.status_code == 400
    assert response.json() == {"__all__": ["The file is not a readable image."]}
    assert uploaded_files(media_root) == []


def test_image_too_large_to_re_encode_is_refused(staff_client, media_root, monkeypatch):
    monkeypatch.setattr("media_library.images.MAX_UPLOAD_PIXELS", 8 * 8 * 2)

    response = staff_client.post(UPLOAD_URL, upload("long.gif", gif_bytes(frames=3), "image/gif"), **AJAX)

    assert response.status_code == 400
    (message,) = response.json()["__all__"]
    assert message.startswith("The image is too large")
    assert uploaded_files(media_root) == []


def test_animated_gif_with_transparency_shows_the_same_frames_after_re_encoding(staff_client, media_root):
    # Each frame paints a stripe on a transparent background and is cleared before the
    # next (disposal 2): drawn over the previous frame instead, the stripes would pile up.
    frames = []
    for index in range(3):
        frame = Image.new("P", (9, 4), color=0)
        frame.putpalette([channel for value in range(256) for channel in (value, 255 - value, 60)])
        frame.paste(10 + index * 40, (index * 3, 0, index * 3 + 3, 4))
        frames.append(frame)
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], transparency=0, disposal=2)

    response = staff_client.post(UPLOAD_URL, upload("stripes.gif", buffer.getvalue(), "image/gif"), **AJAX)

    assert response.status_code == 200
    (stored,) = uploaded_files(media_root)

    def shown(source) -> list[bytes]:
        with Image.open(source) as image:
            return [frame.convert("RGBA").tobytes() for frame in ImageSequence.Iterator(image)]

    assert shown(stored) == shown(io.BytesIO(buffer.getvalue()))
