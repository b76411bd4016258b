"""export_glossary: where it writes, and what it refuses."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import TermFactory

pytestmark = pytest.mark.django_db


def test_without_an_output_the_json_goes_to_standard_output():
    TermFactory(slug="rag")
    out = io.StringIO()

    call_command("export_glossary", stdout=out)

    assert [term["slug"] for term in json.loads(out.getvalue())["terms"]] == ["rag"]


def test_the_markdown_export_refuses_a_folder_that_has_files_in_it(tmp_path):
    (tmp_path / "old.md").write_text("stale")

    with pytest.raises(CommandError, match="not an empty folder"):
        call_command("export_glossary", format="markdown", output=str(tmp_path))

    assert [path.name for path in tmp_path.iterdir()] == ["old.md"]


def test_the_markdown_export_needs_a_folder():
    with pytest.raises(CommandError, match="give it with --output"):
        call_command("export_glossary", format="markdown")
