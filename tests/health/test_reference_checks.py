"""Content health understands references (`[text](term:42)`): to nothing is an error, to an item not live a warning."""

import pytest

from health.problems import Severity
from health.report import content_health
from terms.services import publish_term, unpublish_comparison, unpublish_term
from tests.factories import ComparisonFactory, FAQFactory, TermFactory

pytestmark = pytest.mark.django_db


def found(check: str, item) -> list:
    kind = "faq" if item._meta.model_name in {"faq", "sitewidefaq"} else item._meta.model_name
    return [p for p in content_health().problems if p.check == check and (p.item.kind, p.item.pk) == (kind, item.pk)]


def test_a_reference_to_nothing_is_an_error_naming_it():
    term = TermFactory(body="See [the ghost](term:999999).")
    FAQFactory(term=term, answer="Or [this pair](comparison:888888).")

    problems = found("broken_internal_link", term)

    assert {p.severity for p in problems} == {Severity.ERROR}
    assert sorted(p.message for p in problems) == [
        "Links to “the ghost” (term:999999), but no term has the id 999999: it is published as plain text. "
        "Pick the target again with the link picker.",
        "Links to “this pair” (comparison:888888), but no comparison has the id 888888: it is published as "
        "plain text. Pick the target again with the link picker.",
    ]


def test_a_reference_to_a_draft_or_a_comparison_not_served_is_a_warning():
    draft = TermFactory(name="Drafted")
    comparison = ComparisonFactory(published=True)
    unpublish_term(term=comparison.term_a, by=None)
    term = TermFactory(body=f"[d](term:{draft.pk}) [c](comparison:{comparison.pk})")

    problems = found("broken_internal_link", term)

    assert [p.severity for p in problems] == [Severity.WARNING, Severity.WARNING]
    assert "the term “Drafted”, which is not live: it is published as plain text" in problems[0].message


def test_references_to_live_items_are_fine():
    live = TermFactory(published=True)
    comparison = ComparisonFactory(published=True)
    term = TermFactory(body=f"[t](term:{live.pk}) [c](comparison:{comparison.pk}) `[code](term:999999)`")
    assert found("broken_internal_link", term) == []


def test_a_reference_from_a_site_wide_faq_is_reported_on_the_faq():
    faq = FAQFactory(answer="See [x](term:999999).")
    [problem] = found("broken_internal_link", faq)
    assert problem.severity == Severity.ERROR


def test_a_term_referred_to_is_not_an_orphan_but_referring_to_itself_does_not_count():
    target = TermFactory()
    TermFactory(body=f"[it](term:{target.pk})")
    alone = TermFactory()
    alone.body = f"[me](term:{alone.pk})"
    alone.save()
    assert found("orphan_term", target) == []
    assert found("orphan_term", alone) != []


# --- live pages whose linked items changed after their publication ---------------------------


def test_a_live_page_linking_an_item_withdrawn_since_is_a_warning_until_published_again():
    target = TermFactory(name="Gone Soon", published=True)
    page = TermFactory(body=f"[t](term:{target.pk})", published=True)
    unpublish_term(term=target, by=None)

    [problem] = found("stale_reference", page)

    assert problem.severity == Severity.WARNING
    assert problem.message.startswith("Its live version links to “Gone Soon”, which is no longer live")
    publish_term(term=page, by=None)
    assert found("stale_reference", page) == []


def test_a_live_page_linking_an_item_renamed_since_is_an_info_until_published_again():
    target = TermFactory(name="Renamed", slug="before", published=True)
    page = TermFactory(body=f"[t](term:{target.pk})", published=True)
    target.slug = "after"
    target.save()
    assert found("stale_reference", page) == []  # the new slug is not live yet
    publish_term(term=target, by=None)

    [problem] = found("stale_reference", page)

    assert problem.severity == Severity.INFO
    assert "under its old slug “before”, which redirects" in problem.message
    publish_term(term=page, by=None)
    assert found("stale_reference", page) == []


def test_a_live_comparison_linking_a_comparison_withdrawn_since_is_reported():
    target = ComparisonFactory(published=True)
    page = ComparisonFactory(body=f"[c](comparison:{target.pk})", published=True)
    unpublish_comparison(comparison=target, by=None)
    [problem] = found("stale_reference", page)
    assert problem.severity == Severity.WARNING
