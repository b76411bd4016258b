"""The import in the admin, through its real views: upload, dry-run report with each item's diff, confirm."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from interchange.export import glossary_document
from interchange.formats import markdown_folder
from terms.models import ReviewState, Term
from tests.editorial.helpers import change_form, messages_of, user_in
from tests.factories import TermFactory
from tests.interchange.support import content_snapshot

pytestmark = pytest.mark.django_db

IMPORT_URL = "admin:interchange_glossaryimport_changelist"


def upload(client, name: str, content: bytes):
    return client.post(reverse(IMPORT_URL), {"file": SimpleUploadedFile(name, content)})


def confirm_token(response) -> str:
    (token,) = re.findall(r'name="confirm" value="([^"]+)"', response.content.decode())
    return token


def report_rows(response) -> list[str]:
    """Each report row's text, tags removed and spaces squeezed."""
    table = re.search(
        r'<table style="width:100%" id="import-report">(.*?)</table>\s*(<form|$)', response.content.decode(), re.S
    )
    rows = re.findall(r'<tr class="import-[a-z]+">(.*?)</tr>\s*(?=<tr class="import-|</tbody>)', table.group(1), re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]


@pytest.fixture
def writer_client(client):
    client.force_login(user_in("Writer", username="writer"))
    return client


def test_writers_find_the_import_in_the_admin_index(writer_client):
    response = writer_client.get(reverse("admin:index"))

    assert reverse(IMPORT_URL) in response.content.decode()
    assert writer_client.get(reverse(IMPORT_URL)).status_code == 200


def test_users_who_may_not_edit_terms_cannot_open_the_import(client):
    client.force_login(user_in("Reviewer", username="reviewer"))

    assert reverse(IMPORT_URL) not in client.get(reverse("admin:index")).content.decode()
    assert client.get(reverse(IMPORT_URL)).status_code == 403
    assert upload(client, "terms.csv", b"name,quick_definition\nA,x\n").status_code == 403
    assert not Term.objects.exists()


def test_an_upload_shows_the_dry_run_with_each_fields_old_and_new_value_and_saves_nothing(writer_client):
    TermFactory(name="RAG", slug="rag", short_definition="Old definition.")
    before = content_snapshot()

    response = upload(
        writer_client, "terms.csv", b"name,slug,quick_definition\nRAG,rag,New definition.\nPrompt,prompt,Ask.\n"
    )

    assert response.status_code == 200
    rows = report_rows(response)
    assert rows[0].startswith("updated term rag line 2")
    assert "quick_definition Old definition. New definition." in rows[0]
    assert rows[1].startswith("created term prompt line 3") and "quick_definition Ask." in rows[1]
    assert "Import as drafts" in response.content.decode()
    assert content_snapshot() == before


def test_confirming_the_dry_run_imports_drafts_and_publishes_nothing(writer_client):
    TermFactory(name="RAG", slug="rag", short_definition="Old definition.", published=True)
    dry_run = upload(
        writer_client, "terms.csv", b"name,slug,quick_definition\nRAG,rag,New definition.\nPrompt,prompt,Ask.\n"
    )

    response = writer_client.post(reverse(IMPORT_URL), {"confirm": confirm_token(dry_run)}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("admin:terms_term_changelist")
    assert "Imported terms.csv as drafts: 1 created, 1 updated, 0 unchanged. Nothing was published." in messages_of(
        response
    )
    rag, prompt = Term.objects.get(slug="rag"), Term.objects.get(slug="prompt")
    assert rag.short_definition == "New definition." and rag.review_state == ReviewState.DRAFT
    assert rag.versions.get().short_definition == "Old definition."  # the live version is untouched
    assert prompt.review_state == ReviewState.DRAFT and not prompt.versions.exists()
    assert prompt.created_by.username == "writer"


def test_a_bad_row_is_shown_with_its_line_and_field_and_cannot_be_confirmed(writer_client):
    response = upload(writer_client, "terms.csv", b"name,slug,quick_definition\nGood,good,Fine.\nBad,bad,\n")

    assert response.status_code == 200
    page = response.content.decode()
    assert "line 3, field <code>quick_definition</code>: This field is required." in page
    assert "Nothing can be imported" in page and 'name="confirm"' not in page
    assert not Term.objects.exists()


def test_an_edit_saved_in_the_admin_after_the_dry_run_is_not_overwritten(client, writer_client):
    term = TermFactory(name="RAG", slug="rag", short_definition="Old definition.")
    dry_run = upload(writer_client, "terms.csv", b"slug,quick_definition\nrag,From the file.\n")
    colleague = client.__class__()
    colleague.force_login(user_in("Writer", username="colleague"))
    form = change_form(colleague, term) | {"short_definition": "The colleague's edit."}
    assert colleague.post(reverse("admin:terms_term_change", args=[term.pk]), form).status_code == 302

    response = writer_client.post(reverse(IMPORT_URL), {"confirm": confirm_token(dry_run)})

    assert response.status_code == 409
    page = response.content.decode()
    assert "colleague saved “RAG”" in page and "after you opened it. They changed: quick definition." in page
    assert "Upload the file again to see the new diff." in page and 'name="confirm"' not in page
    term.refresh_from_db()
    assert term.short_definition == "The colleague's edit."


def test_a_zip_of_a_markdown_export_can_be_uploaded(writer_client):
    TermFactory(name="Zettelkasten", slug="zettelkasten", category=None, body="## Cards\n")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        for path, text in markdown_folder(glossary_document()).items():
            renamed = text.replace("zettelkasten", "slip-box").replace("Zettelkasten", "Slip box")
            zipped.writestr(f"export/{path.replace('zettelkasten', 'slip-box')}", renamed)

    dry_run = upload(writer_client, "export.zip", archive.getvalue())

    (row,) = report_rows(dry_run)
    assert row.startswith("created term slip-box terms/slip-box.md") and "name Slip box" in row
    writer_client.post(reverse(IMPORT_URL), {"confirm": confirm_token(dry_run)})

    assert Term.objects.get(slug="slip-box").body == "## Cards\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"hello", "Use a .json or .csv file, a .zip of a Markdown export, or its folder."),
        ("glossary.json", b"{", "Not valid JSON"),
        ("export.zip", b"not a zip", "Not a readable zip of a Markdown export"),
        ("terms.csv", "name\n\udcff".encode("utf-8", "surrogateescape"), "The file is not UTF-8 text."),
    ],
)
def test_an_unreadable_file_is_reported_and_nothing_is_imported(writer_client, name, content, message):
    response = upload(writer_client, name, content)

    assert message in response.content.decode()
    assert 'name="confirm"' not in response.content.decode()


def test_posting_without_a_file_shows_the_form_error(writer_client):
    response = writer_client.post(reverse(IMPORT_URL), {})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_a_confirmed_import_cannot_be_confirmed_twice(writer_client):
    dry_run = upload(writer_client, "terms.csv", b"name,quick_definition\nA,x\n")
    token = confirm_token(dry_run)
    writer_client.post(reverse(IMPORT_URL), {"confirm": token})

    response = writer_client.post(reverse(IMPORT_URL), {"confirm": token}, follow=True)

    assert "That dry run has expired or was imported already: upload the file again." in messages_of(response)
    assert Term.objects.count() == 1
