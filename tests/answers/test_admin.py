"""The admin's "Unanswered questions": by count per term, "Create FAQ draft" and "Dismiss", through its real views."""

import re
from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django.utils import timezone

from answers.models import UnansweredQuestion, UnansweredStatus
from answers.services import record_unanswered_question
from faqs.models import FAQ
from tests.editorial.helpers import form_data, user_in
from tests.factories import TermFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:answers_unansweredquestion_changelist"


def asked(question: str, term=None, times: int = 1) -> UnansweredQuestion:
    for _ in range(times):
        record_unanswered_question(question=question, term_id=term.pk if term else None, at=timezone.now())
    return UnansweredQuestion.objects.get(text=question.lower().rstrip("?"), term=term)


def listed(response) -> list[str]:
    """The questions in the changelist, in its order."""
    return re.findall(r'<th class="field-text"><a href="[^"]*">([^<]*)</a></th>', unescape(response.content.decode()))


def test_the_list_groups_open_questions_by_term_most_asked_first(admin_client):
    alpha, beta = TermFactory(name="Alpha"), TermFactory(name="Beta")
    asked("beta once", beta)
    asked("alpha twice", alpha, times=2)
    asked("alpha thrice", alpha, times=3)
    asked("beta four times", beta, times=4)
    UnansweredQuestion.objects.filter(pk=asked("dismissed one", alpha, times=9).pk).update(status="dismissed")

    response = admin_client.get(reverse(CHANGELIST))

    assert response.status_code == 200
    assert listed(response) == ["alpha thrice", "alpha twice", "beta four times", "beta once"]
    all_of_them = admin_client.get(reverse(CHANGELIST) + "?status=all")
    assert "dismissed one" in listed(all_of_them)


def test_dismiss_takes_questions_off_the_open_list(admin_client):
    alpha = TermFactory(name="Alpha")
    kept, gone = asked("keep me", alpha), asked("dismiss me", alpha)

    response = admin_client.post(reverse(CHANGELIST), {"action": "dismiss", "_selected_action": [gone.pk]}, follow=True)

    assert "Dismissed 1 question." in response.content.decode()
    gone.refresh_from_db()
    kept.refresh_from_db()
    assert (gone.status, kept.status) == (UnansweredStatus.DISMISSED, UnansweredStatus.OPEN)
    assert listed(response) == ["keep me"]


def test_create_faq_draft_opens_the_terms_form_with_the_question_in_a_new_faq_row(admin_client):
    term = TermFactory(name="Alpha")
    question = asked("how do I reset my password?", term, times=3)

    response = admin_client.post(reverse(CHANGELIST), {"action": "create_faq_draft", "_selected_action": [question.pk]})

    assert response.status_code == 302
    target = urlparse(response["Location"])
    assert target.path == reverse("admin:terms_term_change", args=[term.pk])
    assert parse_qs(target.query) == {"faq_question": ["How do i reset my password?"]}
    question.refresh_from_db()
    assert question.status == UnansweredStatus.DRAFTED

    form_page = admin_client.get(response["Location"])
    assert form_page.status_code == 200
    data = form_data(form_page.content.decode(), "term_form")
    assert data["faqs-0-question"] == "How do i reset my password?"

    # The editor writes the answer and saves: the FAQ is a draft on the term's working copy.
    data["faqs-0-answer"] = "Use the **Forgot password** link."
    saved = admin_client.post(response["Location"], data)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    faq = FAQ.objects.get(term=term)
    assert (faq.question, faq.answer) == ("How do i reset my password?", "Use the **Forgot password** link.")
    assert not term.versions.exists()  # nothing published


def test_create_faq_draft_for_a_site_wide_question_opens_the_site_wide_faq_form(admin_client):
    question = asked("can I cite this?")

    response = admin_client.post(reverse(CHANGELIST), {"action": "create_faq_draft", "_selected_action": [question.pk]})
    form_page = admin_client.get(response["Location"])

    assert urlparse(response["Location"]).path == reverse("admin:faqs_sitewidefaq_add")
    assert form_data(form_page.content.decode(), "sitewidefaq_form")["question"] == "Can i cite this?"


def test_create_faq_draft_wants_exactly_one_question(admin_client):
    first, second = asked("one"), asked("two")

    response = admin_client.post(
        reverse(CHANGELIST),
        {"action": "create_faq_draft", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )

    assert "Select one question to draft an FAQ for." in response.content.decode()
    assert set(UnansweredQuestion.objects.values_list("status", flat=True)) == {UnansweredStatus.OPEN}


def test_each_row_links_to_its_faq_draft_form(admin_client):
    term = TermFactory(name="Alpha")
    asked("is it free?", term)

    page = admin_client.get(reverse(CHANGELIST)).content.decode()

    change = reverse("admin:terms_term_change", args=[term.pk])
    assert f'href="{change}?faq_question=Is+it+free%3F"' in page


def test_questions_cannot_be_added_or_edited_in_the_admin(admin_client):
    question = asked("is it free?")

    assert admin_client.get(reverse("admin:answers_unansweredquestion_add")).status_code == 403
    change = admin_client.get(reverse("admin:answers_unansweredquestion_change", args=[question.pk]))
    assert b'name="text"' not in change.content


def test_the_term_form_without_the_parameter_has_no_empty_faq_row(admin_client):
    term = TermFactory(name="Alpha")

    page = admin_client.get(reverse("admin:terms_term_change", args=[term.pk])).content.decode()

    assert 'name="faqs-0-question"' not in page


def test_writers_dismiss_questions_and_reviewers_only_see_them(client):
    question = asked("is it free?", TermFactory(name="Alpha"))
    client.force_login(user_in("Reviewer"))
    assert client.get(reverse(CHANGELIST)).status_code == 200
    refused = client.post(reverse(CHANGELIST), {"action": "dismiss", "_selected_action": [question.pk]})
    question.refresh_from_db()
    assert question.status == UnansweredStatus.OPEN
    assert refused.status_code in {200, 302, 403}

    client.force_login(user_in("Writer", username="writer"))
    client.post(reverse(CHANGELIST), {"action": "dismiss", "_selected_action": [question.pk]})
    question.refresh_from_db()
    assert question.status == UnansweredStatus.DISMISSED
