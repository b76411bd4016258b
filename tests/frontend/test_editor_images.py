"""The Markdown editor in a real browser (headless Chromium): live preview, images with alt text, refused uploads.

The admin runs under gunicorn with production settings, serving its own media folder
(GLOSSARY_SERVE_MEDIA, as `make run` does under DEBUG), and a Writer edits the demo term.
"""

import io
import json
import re
import secrets
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PIL import Image

from tests.processes import database_of_its_own, free_port, run_manage, run_script, servers

pytestmark = pytest.mark.browser

SLUG = "foundation-model"
WRITER, PASSWORD = "wendy-writer", "a long and unguessable writer password"


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def png_bytes(size: tuple[int, int] = (60, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color=(30, 140, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass
class EditorSite:
    url: str
    database_url: str
    environment: dict[str, str]

    def run(self, script: str) -> str:
        return run_script(self.database_url, script, environment=self.environment).strip()

    def get(self, path: str) -> tuple[int, str, bytes]:
        with urllib.request.urlopen(f"{self.url}{path}", timeout=10) as response:  # noqa: S310 -- loopback only
            return response.status, response.headers["Content-Type"], response.read()

    def api(self, path: str) -> dict:
        return json.loads(self.get(f"/api/v1/{path}")[2])


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory) -> Iterator[EditorSite]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    environment = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "MEDIA_ROOT": str(tmp_path_factory.mktemp("media")),
        "GLOSSARY_SERVE_MEDIA": "1",
        "GLOSSARY_MEDIA_BASE_URL": url,
        # Plain HTTP on 127.0.0.1: the session and CSRF cookies must ride over it.
        "SECURE_COOKIES": "0",
        # The admin's static files without a collectstatic manifest.
        "DJANGO_SETTINGS_MODULE": "tests.frontend.admin_settings",
    }
    with database_of_its_own(tmp_path_factory.mktemp("editor")) as database_url:
        run_manage(database_url, "load_demo_glossary", environment=environment)
        run_script(
            database_url,
            "from django.contrib.auth.models import Group, User\n"
            f"user = User.objects.create_user({WRITER!r}, password={PASSWORD!r}, is_staff=True)\n"
            "user.groups.add(Group.objects.get(name='Writer'))\n",
            environment=environment,
        )
        with servers(database_url, 1, environment=environment, ports=[port]):
            yield EditorSite(url, database_url, environment)


@pytest.fixture
def term_editor(page, editor_site):
    """The demo term's change page, logged in as a Writer."""
    page.goto(f"{editor_site.url}/admin/login/?next=/admin/")
    page.fill("#id_username", WRITER)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text(WRITER)
    term_id = editor_site.run(f"from terms.models import Term; print(Term.objects.get(slug={SLUG!r}).pk)")
    page.goto(f"{editor_site.url}/admin/terms/term/{term_id}/change/")
    return page


def errors_of(console) -> list[str]:
    """What the page logged as errors, less the browser's own request for a favicon the admin has not."""
    return [error for error in console.errors if "/favicon.ico" not in error]


def body_editor(page):
    return page.locator("textarea#id_body")


def test_markdown_preview_renders_what_the_editor_types(term_editor, console):
    page = term_editor

    body_editor(page).fill("## A heading typed just now\n\nSome **bold** words.")

    # The preview renders on the server (the renderer publication uses) half a second after typing stops.
    preview = page.locator("#id_body ~ .markdownx-preview")
    expect(preview.locator("h2")).to_have_text(["A heading typed just now"], timeout=15_000)
    expect(preview.locator("strong")).to_have_text("bold")
    assert errors_of(console) == []


def test_uploaded_image_with_alt_text_is_previewed_and_appears_in_the_api_after_publication(
    term_editor, editor_site, console
):
    page = term_editor
    editor = body_editor(page)
    editor.fill("## Picture\n\nHere it is: ")
    editor.press("End")

    page.get_by_role("button", name="Insert image").first.click()
    dialog = page.locator("dialog.image-picker[open]")
    dialog.locator("input[name=file]").set_input_files(
        {"name": "chart.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    dialog.locator("input[name=alt_text]").fill("A green chart of model sizes")
    dialog.get_by_role("button", name="Upload and insert").click()

    expect(dialog).to_have_count(0)
    expect(editor).to_have_value(re.compile(r"Here it is: !\[A green chart of model sizes\]\(image:\d+\)$"))
    # The live preview shows the stored image, served by the app.
    picture = page.locator("#id_body ~ .markdownx-preview img[alt='A green chart of model sizes']")
    expect(picture).to_be_visible(timeout=15_000)
    page.wait_for_function("image => image.complete && image.naturalWidth === 60", arg=picture.element_handle())

    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")
    editor_site.run(
        "from terms.models import Term\nfrom terms.services import publish_term\n"
        f"publish_term(term=Term.objects.get(slug={SLUG!r}), by=None)\n"
    )

    body_html = editor_site.api(f"terms/{SLUG}/")["body_html"]
    (tag,) = re.findall(r"<img [^>]*>", body_html)
    src = re.search(r'src="([^"]+)"', tag)[1]
    assert src.startswith(f"{editor_site.url}/media/images/") and src.endswith(".png")
    assert 'alt="A green chart of model sizes"' in tag and 'width="60" height="40"' in tag
    status, content_type, content = editor_site.get(src.removeprefix(editor_site.url))
    assert (status, content_type) == (200, "image/png")
    assert content.startswith(b"\x89PNG")
    assert errors_of(console) == []


def test_refused_upload_shows_the_server_message_and_leaves_the_text_alone(term_editor):
    page = term_editor
    editor = body_editor(page)
    editor.fill("Text that must stay as it is.")

    page.get_by_role("button", name="Insert image").first.click()
    dialog = page.locator("dialog.image-picker[open]")
    dialog.locator("input[name=file]").set_input_files(
        {"name": "notes.png", "mimeType": "image/png", "buffer": b"just some notes\n"}
    )
    dialog.locator("input[name=alt_text]").fill("Notes")
    dialog.get_by_role("button", name="Upload and insert").click()

    expect(dialog.get_by_role("alert")).to_have_text("The file is not a readable image.")
    expect(editor).to_have_value("Text that must stay as it is.")


def test_dropped_file_asks_for_alt_text_and_a_refused_one_shows_the_server_message(term_editor):
    page = term_editor
    editor = body_editor(page)
    editor.fill("Before the drop.")

    dropped = page.evaluate_handle(
        "bytes => { const transfer = new DataTransfer();"
        " transfer.items.add(new File([new Uint8Array(bytes)], 'notes.png', {type: 'image/png'}));"
        " return transfer; }",
        list(b"just some notes\n"),
    )
    editor.dispatch_event("drop", {"dataTransfer": dropped})

    dialog = page.locator("dialog.image-picker[open]")
    expect(dialog.locator("input[name=alt_text]")).to_be_focused()
    assert dialog.locator("input[name=file]").evaluate("input => input.files[0].name") == "notes.png"
    dialog.get_by_role("button", name="Upload and insert").click()
    expect(dialog.get_by_role("alert")).to_have_text("Describe the image in its alt text.")

    dialog.locator("input[name=alt_text]").fill("My notes")
    dialog.get_by_role("button", name="Upload and insert").click()

    expect(dialog.get_by_role("alert")).to_have_text("The file is not a readable image.")
    expect(editor).to_have_value("Before the drop.")
    assert "Invalid response" not in editor.input_value()


def test_image_from_the_library_is_inserted_with_its_alt_text(term_editor, editor_site):
    image_id = editor_site.run(
        "from django.core.files.uploadedfile import SimpleUploadedFile\n"
        "from media_library.services import add_image\n"
        "import io\nfrom PIL import Image\nbuffer = io.BytesIO()\n"
        "Image.new('RGB', (20, 20), (200, 0, 0)).save(buffer, format='PNG')\n"
        "image = add_image(upload=SimpleUploadedFile('red.png', buffer.getvalue(), 'image/png'),"
        " alt_text='A red square from the library', by=None)\n"
        "print(image.pk)\n"
    )
    page = term_editor
    editor = body_editor(page)
    editor.fill("")

    page.get_by_role("button", name="Insert image").first.click()
    dialog = page.locator("dialog.image-picker[open]")
    dialog.locator("input[name=q]").fill("red square")
    dialog.get_by_role("button", name="A red square from the library").click()

    expect(editor).to_have_value(f"![A red square from the library](image:{image_id})")
