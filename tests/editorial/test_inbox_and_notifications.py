"""Each editor's inbox on the admin home, the emails of the review loop, and their own time zone."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.urls import reverse

from editorial import services
from editorial.models import EditorProfile, NotificationReceipt
from editorial.notifications import send_pending_notifications
from scheduling.models import Schedule
from tests.editorial.helpers import user_in
from tests.factories import TermFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return {
        "writer": user_in("Writer", username="wanda"),
        "reviewer": user_in("Reviewer", username="rita"),
        "publisher": user_in("Publisher", username="pablo"),
    }


def inbox_of(client, user) -> str:
    client.force_login(user)
    html = client.get(reverse("admin:index")).content.decode()
    if 'id="waiting-for-me"' not in html:
        return ""
    start = html.index('id="waiting-for-me"')
    return html[start : html.index("</div>", start)]


def emails_to(user) -> list[str]:
    return [message.subject for message in mail.outbox if user.email in message.to]


def test_each_role_finds_what_waits_for_it_on_the_admin_home(client, team):
    in_review = TermFactory(name="Tokenizer")
    services.submit_for_review(item=in_review, by=team["writer"])
    sent_back = TermFactory(name="Embedding")
    services.submit_for_review(item=sent_back, by=team["writer"])
    services.request_changes(item=sent_back, by=team["reviewer"], comment="Define it first.")
    approved = TermFactory(name="Attention")
    services.submit_for_review(item=approved, by=team["writer"])
    services.approve(item=approved, by=team["reviewer"])
    someone_elses = TermFactory(name="Transformer")
    services.submit_for_review(item=someone_elses, by=user_in("Writer", username="other"))
    services.request_changes(item=someone_elses, by=team["reviewer"], comment="No.")

    reviewer = inbox_of(client, team["reviewer"])
    writer = inbox_of(client, team["writer"])
    publisher = inbox_of(client, team["publisher"])

    assert "To review (1)" in reviewer and "Tokenizer" in reviewer
    assert "Embedding" not in reviewer and "Attention" not in reviewer
    assert "Sent back to you (1)" in writer and "Embedding" in writer
    assert "Transformer" not in writer and "Tokenizer" not in writer
    assert "Approved, ready to publish (1)" in publisher and "Attention" in publisher
    assert "Tokenizer" not in publisher
    assert reverse("admin:terms_term_workflow", args=[in_review.pk]) in reviewer


def test_a_published_item_leaves_the_publishers_inbox(client, team):
    term = TermFactory(name="Attention")
    services.submit_for_review(item=term, by=team["writer"])
    services.approve(item=term, by=team["reviewer"])
    services.publish(item=term, by=team["publisher"])

    assert "Approved, ready to publish (0)" in inbox_of(client, team["publisher"])


def test_the_review_loop_emails_whoever_each_step_concerns(team):
    term = TermFactory(name="Tokenizer")

    services.submit_for_review(item=term, by=team["writer"])
    send_pending_notifications()
    assert emails_to(team["reviewer"]) == ["[Glossary CMS] Tokenizer waits for your review"]
    assert emails_to(team["writer"]) == [] and emails_to(team["publisher"]) == []

    services.request_changes(item=term, by=team["reviewer"], comment="Say what a token is.")
    send_pending_notifications()
    assert emails_to(team["writer"]) == ["[Glossary CMS] Changes requested on Tokenizer"]
    assert "Say what a token is." in mail.outbox[-1].body
    assert reverse("admin:terms_term_workflow", args=[term.pk]) in mail.outbox[-1].body

    services.submit_for_review(item=term, by=team["writer"])
    services.approve(item=term, by=team["reviewer"])
    services.publish(item=term, by=team["publisher"])
    mail.outbox.clear()
    send_pending_notifications()

    assert emails_to(team["reviewer"]) == ["[Glossary CMS] Tokenizer waits for your review"]
    assert sorted(emails_to(team["writer"])) == [
        "[Glossary CMS] Tokenizer is live",
        "[Glossary CMS] Tokenizer was approved",
    ]
    # The publisher hears of the approval, not of their own publication.
    assert emails_to(team["publisher"]) == ["[Glossary CMS] Tokenizer was approved"]


def test_each_step_is_emailed_once_however_often_the_worker_polls(team):
    services.submit_for_review(item=TermFactory(name="Tokenizer"), by=team["writer"])

    assert send_pending_notifications() == 1
    assert send_pending_notifications() == 0
    assert len(mail.outbox) == 1
    assert NotificationReceipt.objects.count() == 1


def test_an_editor_who_turned_emails_off_gets_none(team):
    EditorProfile.objects.create(user=team["reviewer"], email_notifications=False)

    services.submit_for_review(item=TermFactory(name="Tokenizer"), by=team["writer"])
    send_pending_notifications()

    assert mail.outbox == []


def test_a_step_that_rolled_back_sends_nothing(team):
    term = TermFactory(name="Tokenizer")
    with pytest.raises(RuntimeError), transaction.atomic():
        services.submit_for_review(item=term, by=team["writer"])
        raise RuntimeError("the request failed after the transition")

    assert send_pending_notifications() == 0


def test_an_unreachable_mail_server_leaves_the_email_for_the_next_poll(team, settings):
    services.submit_for_review(item=TermFactory(name="Tokenizer"), by=team["writer"])
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens there

    assert send_pending_notifications() == 0
    assert not NotificationReceipt.objects.exists()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_pending_notifications() == 1
    assert emails_to(team["reviewer"]) == ["[Glossary CMS] Tokenizer waits for your review"]


def test_my_settings_opens_my_own_profile_and_nobody_elses(client, team):
    client.force_login(team["writer"])

    response = client.get(reverse("admin:editorial_editorprofile_changelist"), follow=True)

    mine = EditorProfile.objects.get(user=team["writer"])
    assert response.redirect_chain[-1][0] == reverse("admin:editorial_editorprofile_change", args=[mine.pk])
    theirs = EditorProfile.objects.create(user=team["reviewer"])
    assert client.get(reverse("admin:editorial_editorprofile_change", args=[theirs.pk])).status_code in {302, 403}


def test_schedules_are_entered_and_shown_in_the_editors_own_time_zone(client, team):
    EditorProfile.objects.create(user=team["publisher"], time_zone="America/New_York")
    with time_machine.travel(datetime(2026, 1, 10, 12, 0, tzinfo=UTC), tick=False):
        term = TermFactory(name="Tokenizer")
        services.submit_for_review(item=term, by=team["writer"])
        services.approve(item=term, by=team["reviewer"])
        client.force_login(team["publisher"])
        workflow = reverse("admin:terms_term_workflow", args=[term.pk])
        assert "Times are in America/New_York" in client.get(workflow).content.decode()

        response = client.post(
            reverse("admin:terms_term_schedule", args=[term.pk]), {"at": "2026-01-20T09:00", "action": "publish"}
        )

        assert response.status_code == 302
        assert Schedule.objects.get(term=term).at == datetime(2026, 1, 20, 14, 0, tzinfo=UTC)
        assert "2026-01-20 09:00:00 EST" in client.get(workflow).content.decode()
