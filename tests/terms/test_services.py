"""Publication of terms and comparisons: versions, live windows, history and slug redirects."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from faqs.models import PublishedFAQ
from terms.models import ComparisonVersion, SlugRedirect, Term, TermVersion
from terms.services import publish_comparison, publish_term, unpublish_comparison, unpublish_term
from tests.factories import (
    CallToActionFactory,
    ComparisonFactory,
    ComparisonPointFactory,
    FAQFactory,
    RelatedTermFactory,
    TermAliasFactory,
    TermFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TUESDAY = MONDAY + timedelta(days=1)
WEDNESDAY = MONDAY + timedelta(days=2)
ONE_MICROSECOND = timedelta(microseconds=1)

BODY = """## What it is

A foundation model is trained once on broad data and adapted to many tasks.

## Why it matters

### Cost

Training is expensive, so teams reuse one model.
"""


def live_version(term: Term, *, at: datetime | None = None) -> TermVersion | None:
    return TermVersion.objects.live(at=at or timezone.now()).filter(term=term).first()


def edit(instance, **changes) -> None:
    """Change and save a working copy the way an editor does."""
    for name, value in changes.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()


@pytest.fixture
def editor():
    return UserFactory(username="publisher")


@pytest.fixture
def full_term():
    """A term with everything a version denormalises: aliases, related terms, FAQs, CTA."""
    term = TermFactory(
        name="Foundation Model",
        slug="foundation-model",
        short_definition="A large model trained on broad data, adapted to many tasks.",
        body=BODY,
        cta=CallToActionFactory(title="Build your AI agent", button_url="https://example.com/trial"),
        seo_title="",
        seo_description="Foundation models explained.",
    )
    TermAliasFactory(term=term, name="FM")
    TermAliasFactory(term=term, name="Base model")
    return term


def test_publishing_creates_version_1_with_the_working_copy_rendered(full_term, editor):
    with time_machine.travel(MONDAY, tick=False):
        version = publish_term(term=full_term, by=editor)

    version.refresh_from_db()
    assert version.number == 1
    assert (version.live_from, version.live_until, version.first_published_at) == (MONDAY, None, MONDAY)
    assert version.published_by == editor
    assert (version.slug, version.name, version.category) == (
        "foundation-model",
        "Foundation Model",
        full_term.category,
    )
    assert version.short_definition == "A large model trained on broad data, adapted to many tasks."
    assert version.body_markdown == BODY
    assert '<h2 id="what-it-is">What it is</h2>' in version.body_html
    assert '<h3 id="cost">Cost</h3>' in version.body_html
    assert "##" not in version.body_html
    assert version.body_text.startswith("What it is A foundation model is trained once")
    assert version.toc == [
        {"level": 2, "text": "What it is", "anchor": "what-it-is"},
        {"level": 2, "text": "Why it matters", "anchor": "why-it-matters"},
        {"level": 3, "text": "Cost", "anchor": "cost"},
    ]
    assert version.reading_time_minutes == 1
    assert version.aliases == ["FM", "Base model"]
    assert version.cta == {
        "title": "Build your AI agent",
        "text": "7-day free trial",
        "button_label": "Start free trial",
        "button_url": "https://example.com/trial",
    }
    assert version.seo == {
        "title": "Foundation Model",
        "description": "Foundation models explained.",
        "canonical_url_override": "",
        "og_image": None,
    }


def test_published_version_lists_related_terms_in_the_editors_order(full_term):
    first, second, third = TermFactory(), TermFactory(), TermFactory()
    RelatedTermFactory(term=full_term, related=first, order=2)
    RelatedTermFactory(term=full_term, related=second, order=0)
    RelatedTermFactory(term=full_term, related=third, order=1)

    version = publish_term(term=full_term, by=None)

    assert version.related_term_ids == [second.pk, third.pk, first.pk]


def test_published_version_holds_the_faqs_in_order_with_rendered_answers(full_term, editor):
    later = FAQFactory(term=full_term, question="Is it open source?", answer="Some are, *some* are not.", order=2)
    earlier = FAQFactory(term=full_term, question="Is it an LLM?", answer="Often **yes**.", order=1)

    version = publish_term(term=full_term, by=editor)

    assert version.faqs == [
        {
            "id": earlier.pk,
            "question": "Is it an LLM?",
            "answer_markdown": "Often **yes**.",
            "answer_html": "<p>Often <strong>yes</strong>.</p>\n",
            "answer_text": "Often yes.",
            "suggested_in_widget": True,
        },
        {
            "id": later.pk,
            "question": "Is it open source?",
            "answer_markdown": "Some are, *some* are not.",
            "answer_html": "<p>Some are, <em>some</em> are not.</p>\n",
            "answer_text": "Some are, some are not.",
            "suggested_in_widget": True,
        },
    ]
    copies = PublishedFAQ.objects.filter(term_version=version)
    assert [(copy.faq, copy.answer_html, copy.published_by) for copy in copies] == [
        (earlier, "<p>Often <strong>yes</strong>.</p>\n", editor),
        (later, "<p>Some are, <em>some</em> are not.</p>\n", editor),
    ]


def test_published_version_sanitises_the_body(full_term):
    edit(full_term, body="## Safe\n\n<script>alert(1)</script>[click](javascript:alert(1)) <b onclick=x>bold</b>")

    version = publish_term(term=full_term, by=None)

    assert "<script" not in version.body_html
    assert "onclick" not in version.body_html
    assert 'href="javascript' not in version.body_html
    assert "<b>bold</b>" in version.body_html


def test_seo_falls_back_to_the_name_and_short_definition():
    term = TermFactory(name="Token", short_definition="The unit a model reads.", seo_title="", seo_description="")

    version = publish_term(term=term, by=None)

    assert version.seo == {
        "title": "Token",
        "description": "The unit a model reads.",
        "canonical_url_override": "",
        "og_image": None,
    }
    assert version.cta is None


def test_editing_the_working_copy_after_publishing_leaves_the_live_version_unchanged(full_term):
    faq = FAQFactory(term=full_term, question="Is it an LLM?", answer="Often.")
    publish_term(term=full_term, by=None)

    edit(full_term, short_definition="Zeppelin definition.", body="## Zeppelin\n\nZeppelin everywhere.")
    edit(faq, question="Zeppelin question?", answer="Zeppelin answer.")
    TermAliasFactory(term=full_term, name="Zeppelin alias")

    live = live_version(full_term)
    assert live.number == 1
    for stored in (live.short_definition, live.body_markdown, live.body_html, live.body_text, live.toc):
        assert "zeppelin" not in str(stored).lower()
    assert "zeppelin" not in str(live.faqs).lower()
    assert "zeppelin" not in str(live.aliases).lower()
    live_faq_text = PublishedFAQ.objects.live(at=timezone.now()).values_list("question", "answer_markdown")
    assert "zeppelin" not in str(list(live_faq_text)).lower()


def test_publishing_again_creates_version_2_and_keeps_version_1_as_history(full_term, editor):
    with time_machine.travel(MONDAY, tick=False):
        first = publish_term(term=full_term, by=editor)
    with time_machine.travel(TUESDAY, tick=False):
        edit(full_term, body="## Rewritten\n\nThe second edition.")
        second = publish_term(term=full_term, by=editor)

    first.refresh_from_db()
    assert second.number == 2
    assert first.live_until == TUESDAY
    assert (second.live_from, second.live_until) == (TUESDAY, None)
    assert second.first_published_at == MONDAY
    assert list(full_term.versions.order_by("number").values_list("number", flat=True)) == [1, 2]
    assert "foundation model is trained once" in first.body_text
    assert live_version(full_term, at=TUESDAY - ONE_MICROSECOND) == first
    assert live_version(full_term, at=TUESDAY) == second
    assert "The second edition." in live_version(full_term, at=WEDNESDAY).body_text


def test_version_numbers_count_per_term():
    one, other = TermFactory(published=True), TermFactory(published=True)

    again = publish_term(term=one, by=None)

    assert again.number == 2
    assert other.versions.get().number == 1


def test_publishing_refuses_an_invalid_working_copy():
    term = TermFactory()
    Term.objects.filter(pk=term.pk).update(short_definition="")  # written past validation, e.g. by a script

    with pytest.raises(ValidationError) as refused:
        publish_term(term=term, by=None)

    assert list(refused.value.message_dict) == ["short_definition"]
    assert not term.versions.exists()


def test_unpublishing_withdraws_the_term_from_that_instant():
    term = TermFactory()
    with time_machine.travel(MONDAY, tick=False):
        first = publish_term(term=term, by=None)
    with time_machine.travel(TUESDAY, tick=False):
        unpublish_term(term=term, by=None)

    first.refresh_from_db()
    assert first.live_until == TUESDAY
    assert live_version(term, at=TUESDAY) is None
    assert live_version(term, at=WEDNESDAY) is None
    assert live_version(term, at=TUESDAY - ONE_MICROSECOND) == first
    assert term.versions.count() == 1


def test_unpublishing_then_publishing_again_keeps_the_first_publication_date():
    term = TermFactory()
    with time_machine.travel(MONDAY, tick=False):
        publish_term(term=term, by=None)
    with time_machine.travel(TUESDAY, tick=False):
        unpublish_term(term=term, by=None)
    with time_machine.travel(WEDNESDAY, tick=False):
        again = publish_term(term=term, by=None)

    assert (again.number, again.live_from, again.first_published_at) == (2, WEDNESDAY, MONDAY)
    assert live_version(term, at=WEDNESDAY) == again


@pytest.mark.parametrize("state", ["never published", "withdrawn"])
def test_unpublishing_a_term_that_is_not_live_is_refused(state):
    term = TermFactory(published=state == "withdrawn")
    if state == "withdrawn":
        unpublish_term(term=term, by=None)
    versions_before = list(term.versions.values_list("pk", "live_until"))

    with pytest.raises(ValidationError, match="is not live"):
        unpublish_term(term=term, by=None)

    assert list(term.versions.values_list("pk", "live_until")) == versions_before


def test_scheduled_publication_goes_live_at_its_instant_and_not_before():
    term = TermFactory()

    with time_machine.travel(MONDAY, tick=False):
        version = publish_term(term=term, by=None, at=TUESDAY)

    assert live_version(term, at=TUESDAY - ONE_MICROSECOND) is None
    assert live_version(term, at=TUESDAY) == version


def test_renamed_slug_of_published_term_is_kept_as_a_redirect_on_the_next_publish():
    term = TermFactory(name="Foundation Model", slug="fm", published=True)

    edit(term, slug="foundation-model")
    assert not SlugRedirect.objects.exists()  # the old slug is still the live one until publication
    version = publish_term(term=term, by=None)

    assert version.slug == "foundation-model"
    assert list(SlugRedirect.objects.values_list("old_slug", "term", "comparison")) == [("fm", term.pk, None)]


def test_republishing_under_the_same_slug_adds_no_redirect():
    term = TermFactory(published=True)

    publish_term(term=term, by=None)

    assert not SlugRedirect.objects.exists()


def test_slug_that_becomes_live_again_no_longer_redirects():
    term = TermFactory(slug="fm", published=True)
    edit(term, slug="foundation-model")
    publish_term(term=term, by=None)

    edit(term, slug="fm")
    publish_term(term=term, by=None)

    assert list(SlugRedirect.objects.values_list("old_slug", "term")) == [("foundation-model", term.pk)]


def test_old_slug_taken_by_another_term_stops_redirecting_once_that_term_is_live():
    renamed = TermFactory(slug="fm", published=True)
    edit(renamed, slug="foundation-model")
    publish_term(term=renamed, by=None)
    newcomer = TermFactory(slug="fm")
    assert SlugRedirect.objects.get(old_slug="fm").term == renamed

    publish_term(term=newcomer, by=None)

    assert not SlugRedirect.objects.filter(old_slug="fm").exists()


def test_publishing_under_a_slug_still_live_for_another_term_is_refused_on_slug():
    holder = TermFactory(name="Foundation Model", slug="fm", published=True)
    edit(holder, slug="foundation-model")  # renamed, but the live version still answers at "fm"
    newcomer = TermFactory(name="Frequency Modulation", slug="fm")

    with pytest.raises(ValidationError) as refused:
        publish_term(term=newcomer, by=None)

    assert list(refused.value.message_dict) == ["slug"]
    assert "Foundation Model" in refused.value.message_dict["slug"][0]
    assert not newcomer.versions.exists()
    assert live_version(holder).slug == "fm"


def test_slug_freed_by_publishing_the_rename_can_be_published_by_another_term():
    holder = TermFactory(slug="fm", published=True)
    edit(holder, slug="foundation-model")
    newcomer = TermFactory(slug="fm")
    publish_term(term=holder, by=None)

    version = publish_term(term=newcomer, by=None)

    assert version.slug == "fm"


@pytest.mark.parametrize("withdrawn_side", ["term_a", "term_b"])
def test_comparison_is_live_only_while_both_terms_are_live(withdrawn_side):
    comparison = ComparisonFactory(published=True)
    withdrawn = getattr(comparison, withdrawn_side)
    live = ComparisonVersion.objects.live

    assert live(at=timezone.now()).filter(comparison=comparison).exists()

    unpublish_term(term=withdrawn, by=None)
    assert not live(at=timezone.now()).filter(comparison=comparison).exists()

    publish_term(term=withdrawn, by=None)
    assert live(at=timezone.now()).filter(comparison=comparison).exists()


def test_comparison_of_a_term_never_published_shows_once_that_term_goes_live():
    draft = TermFactory()
    comparison = ComparisonFactory(term_b=draft, published=True)

    assert comparison.versions.count() == 1
    assert not ComparisonVersion.objects.live(at=timezone.now()).exists()

    publish_term(term=draft, by=None)
    assert ComparisonVersion.objects.live(at=timezone.now()).get().comparison == comparison


def test_published_comparison_stores_the_rendered_comparison():
    term_a = TermFactory(name="Foundation Model", slug="foundation-model", published=True)
    term_b = TermFactory(name="LLM", slug="llm", published=True)
    comparison = ComparisonFactory(term_a=term_a, term_b=term_b, body="## In short\n\nScope differs.")
    ComparisonPointFactory(comparison=comparison, aspect="Modality", order=1)
    ComparisonPointFactory(comparison=comparison, aspect="Data", order=0)
    FAQFactory(comparison=comparison, question="Is every LLM a foundation model?", answer="*Mostly.*")

    version = publish_comparison(comparison=comparison, by=None)

    assert (version.number, version.slug, version.reverse_slug) == (
        1,
        "foundation-model-vs-llm",
        "llm-vs-foundation-model",
    )
    assert version.title == "Foundation Model vs LLM"
    assert version.toc == [{"level": 2, "text": "In short", "anchor": "in-short"}]
    assert [point["aspect"] for point in version.points] == ["Data", "Modality"]
    assert [faq["answer_html"] for faq in version.faqs] == ["<p><em>Mostly.</em></p>\n"]
    assert version.seo == {
        "title": "Foundation Model vs LLM",
        "description": "How the two differ.",
        "canonical_url_override": "",
        "og_image": None,
    }


def test_unpublishing_a_comparison_withdraws_it_and_a_second_time_is_refused():
    comparison = ComparisonFactory(published=True)

    unpublish_comparison(comparison=comparison, by=None)

    assert not ComparisonVersion.objects.live(at=timezone.now()).exists()
    with pytest.raises(ValidationError, match="is not live"):
        unpublish_comparison(comparison=comparison, by=None)


def test_renamed_comparison_slug_is_kept_as_a_redirect():
    comparison = ComparisonFactory(slug="a-vs-b", published=True)
    edit(comparison, slug="a-versus-b")

    publish_comparison(comparison=comparison, by=None)

    assert list(SlugRedirect.objects.values_list("old_slug", "term", "comparison")) == [("a-vs-b", None, comparison.pk)]


def test_published_faqs_of_a_term_are_live_exactly_while_its_version_is():
    term = TermFactory()
    faq = FAQFactory(term=term, answer="First answer.")
    FAQFactory(term=term, answer="Another answer.")
    with time_machine.travel(MONDAY, tick=False):
        publish_term(term=term, by=None)
    with time_machine.travel(TUESDAY, tick=False):
        unpublish_term(term=term, by=None)
    edit(faq, answer="Second answer.")
    with time_machine.travel(WEDNESDAY, tick=False):
        publish_term(term=term, by=None)

    def live_answers(at: datetime) -> list[str]:
        return sorted(PublishedFAQ.objects.live(at=at).values_list("answer_markdown", flat=True))

    assert live_answers(MONDAY - ONE_MICROSECOND) == []
    assert live_answers(MONDAY) == ["Another answer.", "First answer."]
    assert live_answers(TUESDAY) == []
    assert live_answers(WEDNESDAY) == ["Another answer.", "Second answer."]


def test_published_faqs_of_a_comparison_follow_both_terms():
    comparison = ComparisonFactory()
    FAQFactory(comparison=comparison)
    publish_comparison(comparison=comparison, by=None)

    assert PublishedFAQ.objects.live(at=timezone.now()).count() == 1
    unpublish_term(term=comparison.term_a, by=None)
    assert PublishedFAQ.objects.live(at=timezone.now()).count() == 0


def test_a_scheduled_version_replaced_before_its_time_is_kept_and_never_live():
    term = TermFactory()
    with time_machine.travel(MONDAY, tick=False):
        scheduled = publish_term(term=term, by=None, at=WEDNESDAY)
    with time_machine.travel(TUESDAY, tick=False):
        now = publish_term(term=term, by=None)

    scheduled.refresh_from_db()
    assert (scheduled.live_from, scheduled.live_until) == (WEDNESDAY, WEDNESDAY)
    assert now.number == 2
    assert now.first_published_at == TUESDAY  # first public on Tuesday, not on the Wednesday that never came
    assert live_version(term, at=WEDNESDAY) == now


def test_publishing_now_over_a_scheduled_rename_redirects_the_slug_the_public_knew():
    term = TermFactory(name="Foundation Model", slug="fm")
    with time_machine.travel(MONDAY, tick=False):
        publish_term(term=term, by=None)
        edit(term, slug="foundation-model")
        publish_term(term=term, by=None, at=WEDNESDAY)
    edit(term, slug="foundation-models")
    with time_machine.travel(TUESDAY, tick=False):
        publish_term(term=term, by=None)

    assert list(SlugRedirect.objects.values_list("old_slug", flat=True)) == ["fm"]
