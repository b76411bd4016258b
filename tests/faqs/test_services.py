"""Site-wide FAQs: published and withdrawn on their own, with their own live window."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from faqs.models import FAQ, PublishedFAQ
from faqs.services import publish_site_faq, unpublish_site_faq
from tests.factories import ComparisonFactory, FAQFactory, TermFactory, UserFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TUESDAY = MONDAY + timedelta(days=1)
WEDNESDAY = MONDAY + timedelta(days=2)
ONE_MICROSECOND = timedelta(microseconds=1)


def live_copies(faq: FAQ, *, at: datetime) -> list[PublishedFAQ]:
    return list(PublishedFAQ.objects.live(at=at).filter(faq=faq))


def test_publishing_a_site_wide_faq_stores_a_rendered_live_copy():
    editor = UserFactory()
    faq = FAQFactory(question="Is there an API?", answer="Yes, a **REST** API.", suggested_in_widget=False)

    with time_machine.travel(MONDAY, tick=False):
        copy = publish_site_faq(faq=faq, by=editor)

    copy.refresh_from_db()
    assert (copy.question, copy.answer_markdown) == ("Is there an API?", "Yes, a **REST** API.")
    assert copy.answer_html == "<p>Yes, a <strong>REST</strong> API.</p>\n"
    assert copy.answer_text == "Yes, a REST API."
    assert (copy.live_from, copy.live_until, copy.published_by) == (MONDAY, None, editor)
    assert copy.suggested_in_widget is False
    assert (copy.term_version, copy.comparison_version) == (None, None)
    assert live_copies(faq, at=MONDAY - ONE_MICROSECOND) == []
    assert live_copies(faq, at=MONDAY) == [copy]


def test_publishing_a_site_wide_faq_sanitises_its_answer():
    faq = FAQFactory(answer="<img src=x onerror=alert(1)>[x](javascript:alert(1))<script>alert(1)</script>")

    copy = publish_site_faq(faq=faq, by=None)

    assert "onerror" not in copy.answer_html
    assert "<script" not in copy.answer_html
    assert 'href="javascript' not in copy.answer_html


def test_publishing_a_site_wide_faq_again_replaces_its_live_copy():
    faq = FAQFactory(answer="First answer.")
    with time_machine.travel(MONDAY, tick=False):
        first = publish_site_faq(faq=faq, by=None)
    faq.answer = "Second answer."
    faq.save()
    with time_machine.travel(TUESDAY, tick=False):
        second = publish_site_faq(faq=faq, by=None)

    first.refresh_from_db()
    assert first.live_until == TUESDAY
    assert live_copies(faq, at=MONDAY) == [first]
    assert live_copies(faq, at=TUESDAY) == [second]
    assert second.answer_markdown == "Second answer."


def test_editing_a_published_site_wide_faq_leaves_the_live_copy_unchanged():
    faq = FAQFactory(published=True, answer="The published answer.")

    faq.answer = "Zeppelin draft answer."
    faq.save()

    (live,) = live_copies(faq, at=timezone.now())
    assert "zeppelin" not in f"{live.answer_markdown} {live.answer_html} {live.answer_text}".lower()


def test_unpublishing_a_site_wide_faq_withdraws_it_from_that_instant():
    faq = FAQFactory()
    with time_machine.travel(MONDAY, tick=False):
        copy = publish_site_faq(faq=faq, by=None)
    with time_machine.travel(TUESDAY, tick=False):
        closed = unpublish_site_faq(faq=faq, by=None)

    assert closed == 1
    copy.refresh_from_db()
    assert copy.live_until == TUESDAY
    assert live_copies(faq, at=TUESDAY - ONE_MICROSECOND) == [copy]
    assert live_copies(faq, at=TUESDAY) == []
    assert live_copies(faq, at=WEDNESDAY) == []


@pytest.mark.parametrize("state", ["never published", "withdrawn"])
def test_unpublishing_a_site_wide_faq_that_is_not_live_is_refused(state):
    faq = FAQFactory(published=state == "withdrawn")
    if state == "withdrawn":
        unpublish_site_faq(faq=faq, by=None)

    with pytest.raises(ValidationError, match="not live"):
        unpublish_site_faq(faq=faq, by=None)


@pytest.mark.parametrize("owner", ["term", "comparison"])
def test_an_faq_of_a_term_or_comparison_is_not_published_alone(owner):
    owners = {"term": lambda: {"term": TermFactory()}, "comparison": lambda: {"comparison": ComparisonFactory()}}
    faq = FAQFactory(**owners[owner]())

    with pytest.raises(ValidationError, match="published with it"):
        publish_site_faq(faq=faq, by=None)

    assert not PublishedFAQ.objects.filter(faq=faq).exists()


def test_a_site_wide_faq_with_an_empty_answer_is_refused():
    faq = FAQFactory()
    FAQ.objects.filter(pk=faq.pk).update(answer="")

    with pytest.raises(ValidationError) as refused:
        publish_site_faq(faq=faq, by=None)

    assert list(refused.value.message_dict) == ["answer"]
    assert not PublishedFAQ.objects.exists()
