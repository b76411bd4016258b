"""Deleting a site-wide FAQ never leaves a live copy nobody can withdraw."""

from datetime import timedelta
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from faqs.models import FAQ, PublishedFAQ
from faqs.services import delete_site_faq, publish_site_faq, unpublish_site_faq
from tests.factories import FAQFactory

pytestmark = pytest.mark.django_db


def global_questions(api_client) -> list[str]:
    response = api_client.get("/api/v1/faqs/")
    assert response.status_code == 200
    return [faq["question"] for faq in response.json()["results"]]


def test_deleting_a_live_site_wide_faq_is_refused_until_it_is_unpublished(api_client):
    faq = FAQFactory(question="Is there an API?", published=True)

    with pytest.raises(ValidationError, match="unpublish it first"):
        delete_site_faq(faq=faq, by=None)

    assert FAQ.objects.filter(pk=faq.pk).exists()
    assert global_questions(api_client) == ["Is there an API?"]


def test_deleting_a_site_wide_faq_scheduled_to_go_live_is_refused():
    faq = FAQFactory()
    publish_site_faq(faq=faq, by=None, at=timezone.now() + timedelta(days=1))

    with pytest.raises(ValidationError, match="scheduled"):
        delete_site_faq(faq=faq, by=None)

    assert FAQ.objects.filter(pk=faq.pk).exists()


def test_deleting_a_withdrawn_site_wide_faq_keeps_its_published_copies_as_history(api_client):
    faq = FAQFactory(question="Old question?", published=True)
    unpublish_site_faq(faq=faq, by=None)

    delete_site_faq(faq=faq, by=None)

    assert not FAQ.objects.filter(pk=faq.pk).exists()
    assert PublishedFAQ.objects.filter(question="Old question?", faq=None).count() == 1
    assert global_questions(api_client) == []


def test_the_admin_refuses_to_delete_a_live_site_wide_faq_and_says_why(admin_client, api_client):
    faq = FAQFactory(question="Is there an API?", published=True)
    url = reverse("admin:faqs_sitewidefaq_delete", args=[faq.pk])

    page = admin_client.get(url)
    posted = admin_client.post(url, {"post": "yes"})

    assert page.status_code == 200
    assert "unpublish it first" in unescape(page.content.decode())
    assert "unpublish it first" in unescape(posted.content.decode())
    assert FAQ.objects.filter(pk=faq.pk).exists()
    assert global_questions(api_client) == ["Is there an API?"]


def test_delete_selected_site_wide_faqs_refuses_when_one_is_live(admin_client):
    live, draft = FAQFactory(question="Live?", published=True), FAQFactory()
    data = {"action": "delete_selected", "_selected_action": [live.pk, draft.pk], "post": "yes"}

    page = admin_client.post(reverse("admin:faqs_sitewidefaq_changelist"), data)

    assert "Live?" in unescape(page.content.decode())
    assert FAQ.objects.filter(pk__in=[live.pk, draft.pk]).count() == 2


def test_the_admin_deletes_a_withdrawn_site_wide_faq(admin_client):
    faq = FAQFactory(published=True)
    unpublish_site_faq(faq=faq, by=None)

    response = admin_client.post(reverse("admin:faqs_sitewidefaq_delete", args=[faq.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not FAQ.objects.filter(pk=faq.pk).exists()
    assert PublishedFAQ.objects.filter(faq=None).count() == 1
