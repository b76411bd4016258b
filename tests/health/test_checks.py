"""Every content health check: one case that triggers it, one that does not, on a real database."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editorial import services as editorial
from health.checks import CHECKS
from health.problems import Severity
from health.report import content_health, problems_of
from health.similarity import similarity
from publishing.models import AuditEntry
from terms.models import ReviewState, Term, TermStatus
from terms.services import publish_term, unpublish_term
from tests.factories import (
    CallToActionFactory,
    ComparisonFactory,
    FAQFactory,
    RelatedTermFactory,
    TermAliasFactory,
    TermFactory,
    TermRelationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SOUND_BODY = "## What it is\n\n" + "A sentence that explains the idea in plain words. " * 20
SOUND_DEFINITION = "A sound definition that says in one plain sentence what the thing is and what it does for you."


@pytest.fixture(autouse=True)
def _thresholds(settings):
    settings.GLOSSARY_HEALTH_MIN_DEFINITION_WORDS = 12
    settings.GLOSSARY_HEALTH_MIN_EXPLANATION_WORDS = 150
    settings.GLOSSARY_HEALTH_MAX_FAQ_ANSWER_WORDS = 50
    settings.GLOSSARY_HEALTH_NEAR_DUPLICATE_SIMILARITY = 0.5
    settings.GLOSSARY_HEALTH_REVIEW_MONTHS = 12


def found(check: str, item=None) -> list:
    """The problems one check reports (on one item, when given)."""
    problems = [p for p in content_health().problems if p.check == check]
    if item is not None:
        kind = "faq" if item._meta.model_name in {"faq", "sitewidefaq"} else item._meta.model_name
        problems = [p for p in problems if (p.item.kind, p.item.pk) == (kind, item.pk)]
    return problems


def sound_term(**fields) -> Term:
    """A term no single-item check complains about (it may still be an orphan)."""
    fields.setdefault("short_definition", SOUND_DEFINITION)
    fields.setdefault("body", SOUND_BODY)
    fields.setdefault("cta", CallToActionFactory())
    term = TermFactory(**fields)
    FAQFactory(term=term, answer="A short answer.")
    return term


def test_the_registry_holds_every_check_of_the_issue():
    assert list(CHECKS) == [
        "thin_content",
        "no_faqs",
        "long_faq_answer",
        "duplicate_definition",
        "alias_is_other_name",
        "orphan_term",
        "broken_internal_link",
        "stale_reference",
        "no_call_to_action",
        "not_reviewed",
    ]


# --- thin definition or explanation ------------------------------------------------------
def test_a_short_definition_and_explanation_are_thin():
    term = TermFactory(short_definition="Too short to help.", body="## What\n\nNot much.")
    messages = [p.message for p in found("thin_content", term)]
    assert messages == [
        "The quick definition has 4 words; write at least 12.",
        "The explanation has 3 words; write at least 150.",
    ]
    assert all(p.severity == Severity.WARNING for p in found("thin_content", term))


def test_a_comparison_with_a_short_summary_is_thin():
    comparison = ComparisonFactory(summary="They differ.", body=SOUND_BODY)
    assert [p.message for p in found("thin_content", comparison)] == ["The summary has 2 words; write at least 12."]


def test_content_at_the_thresholds_is_not_thin(settings):
    settings.GLOSSARY_HEALTH_MIN_EXPLANATION_WORDS = 3
    term = TermFactory(short_definition=SOUND_DEFINITION, body="## What\n\nNot much.")
    assert found("thin_content", term) == []


def test_archived_items_are_not_checked():
    term = TermFactory(short_definition="Too short.")
    Term.objects.filter(pk=term.pk).update(review_state=ReviewState.ARCHIVED)
    assert found("thin_content", term) == []


# --- no FAQs -------------------------------------------------------------------------
def test_a_term_without_faqs_is_reported():
    term = TermFactory()
    assert [p.severity for p in found("no_faqs", term)] == [Severity.WARNING]


def test_a_term_or_comparison_with_an_faq_is_not():
    term = TermFactory()
    comparison = ComparisonFactory()
    FAQFactory(term=term)
    FAQFactory(comparison=comparison)
    assert found("no_faqs", term) == []
    assert found("no_faqs", comparison) == []


# --- FAQ answers too long for the widget -------------------------------------------------
def test_an_faq_answer_over_the_limit_is_reported_on_its_term(settings):
    settings.GLOSSARY_HEALTH_MAX_FAQ_ANSWER_WORDS = 5
    term = TermFactory()
    FAQFactory(term=term, question="Why?", answer="One two three four five six.")
    FAQFactory(term=term, question="How?", answer="One two three four five.")
    problems = found("long_faq_answer", term)
    assert [p.message for p in problems] == ["The answer to “Why?” has 6 words; the chat widget reads best within 5."]
    assert problems[0].fix_url == f"/admin/terms/term/{term.pk}/change/"


def test_a_long_site_wide_faq_answer_is_reported_on_the_faq(settings):
    settings.GLOSSARY_HEALTH_MAX_FAQ_ANSWER_WORDS = 5
    faq = FAQFactory(answer="One two three four five six.")
    [problem] = found("long_faq_answer", faq)
    assert problem.fix_url == f"/admin/faqs/sitewidefaq/{faq.pk}/change/"


# --- duplicate or near-duplicate definitions -------------------------------------------------
def test_identical_definitions_are_errors_on_both_terms():
    first = TermFactory(name="Alpha", short_definition="A model that predicts the next token.")
    second = TermFactory(name="Beta", short_definition="a model that predicts the next token")
    assert [(p.severity, p.message) for p in found("duplicate_definition", first)] == [
        (Severity.ERROR, "The quick definition is the same as “Beta”'s.")
    ]
    assert [p.severity for p in found("duplicate_definition", second)] == [Severity.ERROR]


def test_nearly_identical_definitions_are_warnings():
    first = TermFactory(name="Alpha", short_definition="A neural network trained to predict the next token of text.")
    TermFactory(name="Beta", short_definition="A neural network trained to predict the next word of text.")
    [problem] = found("duplicate_definition", first)
    assert problem.severity == Severity.WARNING
    assert "similar to “Beta”'s" in problem.message


def test_different_definitions_are_not_duplicates():
    first = TermFactory(short_definition="A neural network trained to predict the next token of text.")
    TermFactory(short_definition="Splitting documents into passages before they are indexed for retrieval.")
    assert found("duplicate_definition", first) == []


def test_similarity_is_pg_trgm_similarity():
    """The portable measure is pg_trgm's; on PostgreSQL the database must agree with it."""
    pairs = [
        ("A neural network trained to predict the next token.", "A neural network trained to predict the next word."),
        ("Retrieval-augmented generation", "Fine-tuning a model"),
        ("Identical text", "identical TEXT!"),
    ]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for a, b in pairs:
                cursor.execute("SELECT similarity(%s, %s)", [a, b])
                assert similarity(a, b) == pytest.approx(cursor.fetchone()[0], abs=0.001)
    else:
        assert similarity(*pairs[2]) == 1.0
        assert similarity(*pairs[1]) < 0.2 < 0.5 < similarity(*pairs[0]) < 1.0


# --- an alias that is another term's name -------------------------------------------------
def test_an_alias_equal_to_another_terms_name_is_an_error():
    TermFactory(name="Retrieval")
    term = TermFactory(name="RAG")
    TermAliasFactory(term=term, name="retrieval ")
    [problem] = found("alias_is_other_name", term)
    assert problem.severity == Severity.ERROR
    assert "“retrieval ” is the name of another term, “Retrieval”" in problem.message


def test_an_alias_of_its_own_name_or_a_new_word_is_fine():
    term = TermFactory(name="RAG")
    TermAliasFactory(term=term, name="rag")
    TermAliasFactory(term=term, name="Retrieval-augmented generation")
    assert found("alias_is_other_name", term) == []


# --- orphan terms -------------------------------------------------------------------
def test_a_term_nothing_points_at_is_an_orphan():
    term = TermFactory(body="See [myself](/glossary/term-self/) and `[code](/glossary/x/)`.", slug="term-self")
    other = TermFactory(body="Mentions it only in code: `[it](/glossary/term-self/)`.")
    assert [p.severity for p in found("orphan_term", term)] == [Severity.WARNING]
    assert found("orphan_term", other) != []


@pytest.mark.parametrize(
    "link_from",
    ["related term", "comparison", "relative link", "absolute link", "faq answer", "old slug"],
)
def test_a_term_something_points_at_is_not_an_orphan(link_from, settings):
    term = TermFactory(slug="target")
    other = TermFactory()
    if link_from == "related term":
        RelatedTermFactory(term=other, related=term)
    elif link_from == "comparison":
        ComparisonFactory(term_a=other, term_b=term)
    elif link_from == "relative link":
        Term.objects.filter(pk=other.pk).update(body="Read [the target](/glossary/target/#why).")
    elif link_from == "absolute link":
        url = settings.GLOSSARY_TERM_URL_PATTERN.format(slug="target")
        Term.objects.filter(pk=other.pk).update(body=f"Read [the target]({url}).")
    elif link_from == "faq answer":
        FAQFactory(term=other, answer="See [the target](/glossary/target/).")
    else:
        term.slug_redirects.create(old_slug="old-target")
        FAQFactory(answer="See [the target](/glossary/old-target/).")
    assert found("orphan_term", term) == []


# --- internal links to missing or not live pages ---------------------------------------------
def test_links_to_a_missing_or_draft_page_are_errors():
    TermFactory(name="Drafted", slug="draft-term")
    term = TermFactory(body="See [gone](/glossary/no-such-term/), [draft](/glossary/draft-term/).")
    FAQFactory(term=term, answer="Compare [them](/glossary/compare/no-such-pair/).")
    problems = found("broken_internal_link", term)
    assert {p.severity for p in problems} == {Severity.ERROR}
    assert sorted(p.message for p in problems) == [
        "Links to /glossary/compare/no-such-pair/, but no comparison has the slug “no-such-pair”.",
        "Links to /glossary/draft-term/ (“Drafted”), which is not live: readers would get a missing page.",
        "Links to /glossary/no-such-term/, but no term has the slug “no-such-term”.",
    ]


def test_links_to_live_pages_and_old_slugs_are_fine():
    live = TermFactory(slug="live-term", published=True)
    live.slug_redirects.create(old_slug="renamed-term")
    comparison = ComparisonFactory(published=True)
    term = TermFactory(
        body=f"[a](/glossary/live-term/) [b](/glossary/renamed-term/) [c](/glossary/compare/{comparison.slug}/) "
        "[outside](https://example.com/glossary/) `[code](/glossary/nothing/)`\n\n    [indented](/glossary/nothing/)"
    )
    assert found("broken_internal_link", term) == []


def test_a_link_from_a_site_wide_faq_is_reported_on_the_faq():
    faq = FAQFactory(answer="See [it](/glossary/missing/).")
    [problem] = found("broken_internal_link", faq)
    assert problem.item.kind == "faq"


def test_a_withdrawn_comparison_is_a_broken_link_target():
    comparison = ComparisonFactory(published=True)
    unpublish_term(term=comparison.term_a, by=None)  # the comparison is no longer served
    term = TermFactory(body=f"[vs](/glossary/compare/{comparison.slug}/)")
    [problem] = found("broken_internal_link", term)
    assert "which is not live" in problem.message


# --- live pages pointing at terms that are not current ------------------------------------
def test_a_live_comparison_of_a_withdrawn_term_is_an_error():
    comparison = ComparisonFactory(published=True)
    unpublish_term(term=comparison.term_b, by=None)
    [problem] = found("stale_reference", comparison)
    assert problem.severity == Severity.ERROR
    assert f"compares “{comparison.term_b.name}”, which is not live" in problem.message


def test_a_live_comparison_of_live_terms_is_fine():
    comparison = ComparisonFactory(published=True)
    assert found("stale_reference", comparison) == []


def test_a_live_term_relating_to_a_withdrawn_term_is_a_warning():
    related = TermFactory(published=True)
    term = TermFactory()
    RelatedTermFactory(term=term, related=related)
    publish_term(term=term, by=None)
    assert found("stale_reference", term) == []
    unpublish_term(term=related, by=None)
    [problem] = found("stale_reference", term)
    assert (problem.severity, related.name in problem.message) == (Severity.WARNING, True)


def test_a_live_comparison_of_a_deprecated_term_is_an_error_naming_it():
    comparison = ComparisonFactory(published=True)
    successor = TermFactory(published=True)
    deprecated = comparison.term_a
    deprecated.status, deprecated.successor = TermStatus.DEPRECATED, successor
    deprecated.save()
    publish_term(term=deprecated, by=None)

    [problem] = found("stale_reference", comparison)
    assert problem.severity == Severity.ERROR
    assert f"“{deprecated.name}”, which is deprecated" in problem.message


def test_a_live_typed_relation_to_a_deprecated_term_is_a_warning():
    target = TermFactory(published=True)
    term = TermFactory()
    TermRelationFactory(term=term, type="see_also", target=target)
    publish_term(term=term, by=None)
    assert found("stale_reference", term) == []

    target.status, target.successor = TermStatus.DEPRECATED, TermFactory(published=True)
    target.save()
    publish_term(term=target, by=None)

    [problem] = found("stale_reference", term)
    assert problem.severity == Severity.WARNING and "deprecated" in problem.message


def test_a_term_only_reached_through_a_typed_relation_is_no_orphan():
    term, other = TermFactory(), TermFactory()
    TermRelationFactory(term=other, type="broader", target=term)

    assert found("orphan_term", term) == []
    assert found("orphan_term", other) == [], "the target's page shows the inverse, linking back"


def test_a_term_only_mentioned_by_name_in_a_live_page_is_no_orphan():
    term = TermFactory(name="Gradient Descent", slug="gradient-descent")
    TermAliasFactory(term=term, name="SGD")
    other = TermFactory(body="Training runs SGD until the loss stops falling.", published=True)
    assert found("orphan_term", term) == []

    unpublish_term(term=other, by=None)
    assert found("orphan_term", term) != [], "a page that is not live links nothing"


# --- no call to action ---------------------------------------------------------------
def test_a_term_without_a_call_to_action_is_an_info():
    term = TermFactory(cta=None)
    assert [p.severity for p in found("no_call_to_action", term)] == [Severity.INFO]
    assert found("no_call_to_action", TermFactory(cta=CallToActionFactory())) == []


# --- not reviewed for N months ---------------------------------------------------------
def test_content_not_reviewed_for_the_set_months_is_reported():
    term = TermFactory()
    editor, reviewer = UserFactory(superuser=True), UserFactory(superuser=True)
    editorial.submit_for_review(item=term, by=editor)
    editorial.approve(item=term, by=reviewer)
    approved_at = datetime(2025, 1, 10, 12, 0, tzinfo=UTC)
    AuditEntry.objects.filter(object_id=term.pk).update(at=approved_at)
    Term.objects.filter(pk=term.pk).update(created_at=approved_at - timedelta(days=30))

    def problems_at(when):
        return [p for p in content_health(at=when).problems if p.check == "not_reviewed" and p.item.pk == term.pk]

    assert problems_at(approved_at + timedelta(days=330)) == []
    [problem] = problems_at(approved_at + timedelta(days=400))
    assert problem.severity == Severity.INFO
    assert problem.message.startswith("Last reviewed 2025-01-10, over 12 months ago")


# --- bounded queries, one item's problems -------------------------------------------------
def _glossary(size: int) -> None:
    for _ in range(size):
        term = TermFactory(published=True, body="[x](/glossary/missing/)")
        TermAliasFactory(term=term)
        FAQFactory(term=term)
        RelatedTermFactory(term=term, related=TermFactory())
    ComparisonFactory(published=True)


def test_the_report_takes_the_same_number_of_queries_for_any_glossary_size():
    _glossary(2)
    with CaptureQueriesContext(connection) as small:
        content_health()
    _glossary(8)
    with CaptureQueriesContext(connection) as large:
        report = content_health()
    assert len(report.problems) > 20
    # 12 reads (typed relations and successors among them); on PostgreSQL the near-duplicate
    # check adds its setting and a savepoint around it.
    assert len(large.captured_queries) == len(small.captured_queries) <= 16


def test_problems_of_an_item_are_its_own_worst_first():
    term = TermFactory(short_definition="Too short.", body="[x](/glossary/missing/)", cta=None)
    TermFactory()
    problems = problems_of(term)
    assert {p.item.pk for p in problems} == {term.pk}
    assert [p.severity for p in problems] == sorted((p.severity for p in problems), key=lambda s: -s.rank)
    assert problems[0].check == "broken_internal_link"
