"""Site-wide FAQs go through the same review as terms, through the admin's real views.

draft → in review → approved → published, with "changes requested" sending one back to
its writer; each role may do only its own steps; editing an approved or published FAQ
sends it back to draft; the admin home's "Waiting for me" and the review emails include them.
"""

import json

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from editorial.notifications import send_pending_notifications
from faqs.models import PublishedFAQ, SiteWideFAQ
from interchange.export import glossary_document
from interchange.formats import read_json
from interchange.services import import_glossary
from publishing.states import ReviewState
from tests.editorial.helpers import user_in
from tests.editorial.test_inbox_and_notifications import emails_to, inbox_of
from tests.factories import FAQFactory

pytestmark = pytest.mark.django_db
S = ReviewState


@pytest.fixture
def team():
    return {
        "writer": user_in("Writer", username="wanda"),
        "reviewer": user_in("Reviewer", username="rita"),
        "publisher": user_in("Publisher", username="pablo"),
    }


def site_faq(question: str = "How do I cite this glossary?") -> SiteWideFAQ:
    faq = FAQFactory(question=question, answer="Link to the term's page.")
    return SiteWideFAQ.objects.get(pk=faq.pk)


def workflow_url(faq) -> str:
    return reverse("admin:faqs_sitewidefaq_workflow", args=[faq.pk])


def act(client, user, faq, transition: str, comment: str = ""):
    client.force_login(user)
    return client.post(workflow_url(faq), {"transition": transition, "comment": comment})


def state_of(faq) -> str:
    return SiteWideFAQ.objects.values_list("review_state", flat=True).get(pk=faq.pk)


def live_answers() -> list[str]:
    return list(
        PublishedFAQ.objects.site_wide().filter(live_until__isnull=True).values_list("answer_markdown", flat=True)
    )


def bring_to_approved(client, team, faq) -> None:
    assert act(client, team["writer"], faq, "submit").status_code == 302
    assert act(client, team["reviewer"], faq, "approve").status_code == 302


def test_the_roles_get_the_site_wide_faq_review_permissions_from_the_data_migration():
    def codenames(role: str) -> set[str]:
        granted = Group.objects.get(name=role).permissions.filter(content_type__app_label="faqs")
        return set(granted.values_list("codename", flat=True))

    assert "submit_sitewidefaq" in codenames("Writer") and "review_sitewidefaq" not in codenames("Writer")
    assert "review_sitewidefaq" in codenames("Reviewer") and "submit_sitewidefaq" not in codenames("Reviewer")
    assert codenames("Publisher") & {"submit_sitewidefaq", "review_sitewidefaq"} == set()


def test_a_site_wide_faq_added_in_the_admin_starts_as_a_draft_of_its_writer(client, team):
    client.force_login(team["writer"])

    response = client.post(
        reverse("admin:faqs_sitewidefaq_add"),
        {"question": "Is the API free?", "answer": "Yes, within fair use.", "order": "0", "seen_lock_version": "0"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    faq = SiteWideFAQ.objects.get(question="Is the API free?")
    assert (faq.review_state, faq.created_by, faq.updated_by) == (S.DRAFT, team["writer"], team["writer"])
    page = client.get(workflow_url(faq)).content.decode()
    assert "Review state:</strong> Draft" in page
    assert 'value="submit"' in page and 'value="approve"' not in page and 'value="publish"' not in page


def test_the_full_loop_draft_to_published_through_the_review_page(client, team):
    faq = site_faq()

    assert act(client, team["writer"], faq, "submit").status_code == 302
    assert state_of(faq) == S.IN_REVIEW
    assert SiteWideFAQ.objects.get(pk=faq.pk).submitted_by == team["writer"]

    refused = act(client, team["reviewer"], faq, "request_changes", comment="")
    assert refused.status_code == 400
    assert "a comment is required" in refused.content.decode()
    assert act(client, team["reviewer"], faq, "request_changes", comment="Name the licence.").status_code == 302
    assert state_of(faq) == S.CHANGES_REQUESTED
    assert "Name the licence." in client.get(workflow_url(faq)).content.decode()

    assert act(client, team["writer"], faq, "submit").status_code == 302
    assert act(client, team["reviewer"], faq, "approve").status_code == 302
    assert state_of(faq) == S.APPROVED
    assert live_answers() == []

    assert act(client, team["publisher"], faq, "publish").status_code == 302
    assert state_of(faq) == S.PUBLISHED
    assert live_answers() == ["Link to the term's page."]

    assert act(client, team["publisher"], faq, "unpublish").status_code == 302
    assert live_answers() == []
    assert state_of(faq) == S.APPROVED, "withdrawn content stays approved, as for terms"


@pytest.mark.parametrize(
    ("role", "transition", "state"),
    [
        ("writer", "approve", S.IN_REVIEW),
        ("writer", "publish", S.DRAFT),
        ("reviewer", "publish", S.APPROVED),
        ("reviewer", "submit", S.DRAFT),
        ("publisher", "approve", S.IN_REVIEW),
        ("publisher", "submit", S.DRAFT),
    ],
)
def test_each_role_is_refused_the_steps_of_the_others(client, team, role, transition, state):
    faq = site_faq()
    if state in {S.IN_REVIEW, S.APPROVED}:
        act(client, team["writer"], faq, "submit")
    if state == S.APPROVED:
        act(client, team["reviewer"], faq, "approve")

    response = act(client, team[role], faq, transition)

    assert response.status_code == 400
    assert "You do not have permission" in response.content.decode()
    assert state_of(faq) == state
    assert live_answers() == []


def test_publishing_a_site_wide_faq_that_was_not_approved_is_refused(client, team):
    faq = site_faq()
    act(client, team["writer"], faq, "submit")

    response = act(client, team["publisher"], faq, "publish")

    assert response.status_code == 400
    assert "Only an approved item can be published. It is in review." in response.content.decode()
    assert live_answers() == []


@pytest.mark.parametrize("published", [False, True])
def test_editing_an_approved_or_published_faq_sends_it_back_to_draft_and_leaves_the_live_copy(client, team, published):
    faq = site_faq()
    bring_to_approved(client, team, faq)
    if published:
        act(client, team["publisher"], faq, "publish")
    client.force_login(team["writer"])
    change_url = reverse("admin:faqs_sitewidefaq_change", args=[faq.pk])
    seen = SiteWideFAQ.objects.get(pk=faq.pk).lock_version

    response = client.post(
        change_url,
        {"question": faq.question, "answer": "A new answer.", "order": "0", "seen_lock_version": str(seen)},
        follow=True,
    )

    assert response.status_code == 200
    assert "went back to draft" in response.content.decode()
    assert state_of(faq) == S.DRAFT
    assert live_answers() == (["Link to the term's page."] if published else [])


def test_each_role_finds_site_wide_faqs_waiting_for_it_on_the_admin_home(client, team):
    in_review, sent_back, approved = site_faq("In review?"), site_faq("Sent back?"), site_faq("Approved?")
    for faq in (in_review, sent_back, approved):
        act(client, team["writer"], faq, "submit")
    act(client, team["reviewer"], sent_back, "request_changes", comment="Shorter, please.")
    act(client, team["reviewer"], approved, "approve")
    draft = FAQFactory(question="Never shown?")  # a draft waits for nobody

    reviewer, writer, publisher = (inbox_of(client, team[role]) for role in ("reviewer", "writer", "publisher"))

    assert "To review (1)" in reviewer and "In review?" in reviewer and workflow_url(in_review) in reviewer
    assert "Sent back to you (1)" in writer and "Sent back?" in writer and workflow_url(sent_back) in writer
    assert "Approved, ready to publish (1)" in publisher and "Approved?" in publisher
    assert all(draft.question not in inbox for inbox in (reviewer, writer, publisher))


def test_submitting_a_site_wide_faq_emails_its_reviewers_with_a_link_to_its_review_page(client, team):
    faq = site_faq()
    act(client, team["writer"], faq, "submit")

    send_pending_notifications()

    assert emails_to(team["reviewer"]) == ["[Glossary CMS] How do I cite this glossary? waits for your review"]
    assert emails_to(team["writer"]) == [] and emails_to(team["publisher"]) == []
    assert workflow_url(faq) in mail.outbox[-1].body

    mail.outbox.clear()
    act(client, team["reviewer"], faq, "approve")
    act(client, team["publisher"], faq, "publish")
    send_pending_notifications()

    assert sorted(emails_to(team["writer"])) == [
        "[Glossary CMS] How do I cite this glossary? is live",
        "[Glossary CMS] How do I cite this glossary? was approved",
    ]
    assert emails_to(team["publisher"]) == ["[Glossary CMS] How do I cite this glossary? was approved"]


def test_an_import_that_changes_a_published_site_wide_faq_sends_it_back_to_draft(client, team, superuser):
    faq = site_faq()
    bring_to_approved(client, team, faq)
    act(client, team["publisher"], faq, "publish")
    document = glossary_document()
    (entry,) = document["site_faqs"]
    entry["answer"] = "Imported answer."

    report = import_glossary(parsed=read_json(json.dumps(document)), by=superuser)

    assert not report.has_errors, report
    assert SiteWideFAQ.objects.get(pk=faq.pk).answer == "Imported answer."
    assert state_of(faq) == S.DRAFT
    assert live_answers() == ["Link to the term's page."]
