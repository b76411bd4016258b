"""`manage.py check_content`: the same report as the admin page, and exit codes for CI."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import CallToActionFactory, ComparisonFactory, FAQFactory, TermFactory

pytestmark = pytest.mark.django_db

BODY = "## What it is\n\n" + "A sentence that explains the idea in plain words. " * 20
DEFINITION = "A sound definition that says in one plain sentence what the thing is and what it does for you."


def run(*args: str) -> tuple[str, int]:
    """The command's output and the status manage.py would exit with."""
    out = StringIO()
    try:
        call_command("check_content", *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), error.returncode
    return out.getvalue(), 0


def healthy_pair():
    """Two live, linked, well-written terms with FAQs and a call to action: no problem at all."""
    cta = CallToActionFactory()
    first = TermFactory(short_definition=DEFINITION, body=BODY, cta=cta, published=True)
    second = TermFactory(
        short_definition="Another definition, about something else entirely, in enough plain words to pass.",
        body=BODY,
    )
    second.cta = cta
    second.save()
    for term in (first, second):
        FAQFactory(term=term, answer="Short.")
    comparison = ComparisonFactory(term_a=first, term_b=second, summary=DEFINITION, body=BODY)
    FAQFactory(comparison=comparison, answer="Short.")
    return first, second


def test_a_healthy_glossary_passes_even_with_fail_on_warning():
    healthy_pair()
    output, status = run("--fail-on", "warning")
    assert status == 0
    assert "0 errors, 0 warnings, 0 infos." in output


def test_warnings_fail_only_at_fail_on_warning():
    first, _ = healthy_pair()
    first.cta = None
    first.short_definition = "Too short."
    first.save()
    output, status = run("--fail-on", "error")
    assert status == 0
    assert "WARNINGS (1)" in output and "INFOS (1)" in output
    assert f"/admin/terms/term/{first.pk}/change/" in output
    assert run("--fail-on", "warning")[1] == 1
    assert run()[1] == 0  # without --fail-on it only reports


def test_errors_fail_at_either_level():
    first, _ = healthy_pair()
    first.body = BODY + "\n\nSee [nothing](/glossary/nothing-here/)."
    first.save()
    assert run("--fail-on", "error")[1] == 1
    assert run("--fail-on", "warning")[1] == 1


def test_json_report_shape():
    first, _ = healthy_pair()
    first.short_definition = "Too short."
    first.save()
    output, status = run("--format", "json", "--fail-on", "warning")
    report = json.loads(output)
    assert status == 1
    assert set(report) == {"at", "counts", "problems"}
    assert report["counts"] == {"error": 0, "warning": 1, "info": 0}
    assert report["problems"] == [
        {
            "check": "thin_content",
            "severity": "warning",
            "item": {"kind": "term", "id": first.pk, "label": first.name},
            "message": "The quick definition has 2 words; write at least 12.",
            "fix_url": f"/admin/terms/term/{first.pk}/change/",
        }
    ]


@pytest.mark.parametrize("args", [["--fail-on", "info"], ["--format", "xml"]])
def test_unknown_choices_are_refused(args):
    with pytest.raises(CommandError):
        call_command("check_content", *args, stdout=StringIO(), stderr=StringIO())
