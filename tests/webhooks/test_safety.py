"""SSRF guard: with private networks not allowed, webhooks go to public addresses only.

No test here resolves a real public host name (there is no network): the public case
uses a literal public IP address, which needs no DNS.
"""

import pytest
from django.urls import reverse

from tests.webhooks.receiver import Reply
from webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from webhooks.safety import UnsafeDestination, check_destination
from webhooks.services import deliver, emit_event

INTERNAL = [
    "http://127.0.0.1/",
    "http://10.0.0.5/",
    "http://169.254.169.254/latest/meta-data",
    "http://[::1]/",
    "http://localhost/",  # a host name that resolves to loopback
    "http://192.168.1.10:8080/hook",
    "http://[::ffff:127.0.0.1]/",  # IPv4 loopback written as IPv6
    "http://0.0.0.0/",
]


@pytest.fixture
def private_networks_refused(settings):
    settings.GLOSSARY_WEBHOOKS_ALLOW_PRIVATE_NETWORKS = False


@pytest.mark.parametrize("url", INTERNAL)
def test_internal_destinations_are_refused(private_networks_refused, url):
    with pytest.raises(UnsafeDestination, match="an internal address; webhooks go to public addresses only"):
        check_destination(url)


@pytest.mark.parametrize("url", ["ftp://93.184.216.34/", "file:///etc/passwd", "http:///no-host", "javascript:x"])
def test_only_http_urls_with_a_host_are_accepted(private_networks_refused, url):
    with pytest.raises(UnsafeDestination, match="Use an http:// or https:// URL"):
        check_destination(url)


@pytest.mark.parametrize("url", ["http://93.184.216.34/", "https://93.184.216.34:8443/hooks/glossary"])
def test_a_public_address_is_accepted(private_networks_refused, url):
    check_destination(url)


@pytest.mark.parametrize("url", INTERNAL[:5])
def test_the_endpoint_form_refuses_an_internal_url_on_the_url_field(private_networks_refused, admin_client, url):
    response = admin_client.post(
        reverse("admin:webhooks_webhookendpoint_add"),
        {"name": "Sneaky", "url": url, "secret": "s3cret", "active": "on"},
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["url"]
    assert "internal address" in errors["url"][0]
    assert not WebhookEndpoint.objects.exists()


def test_the_endpoint_form_accepts_a_public_url(private_networks_refused, admin_client):
    response = admin_client.post(
        reverse("admin:webhooks_webhookendpoint_add"),
        {"name": "Site", "url": "https://93.184.216.34/hook", "secret": "s3cret", "active": "on"},
    )

    assert response.status_code == 302
    assert WebhookEndpoint.objects.get().url == "https://93.184.216.34/hook"


def test_a_delivery_to_an_internal_address_is_refused_when_sent_and_logged(db, receiver, settings):
    endpoint = WebhookEndpoint(name="Was allowed", url=receiver.script("/hook", Reply(200)))
    endpoint.full_clean()  # private networks are allowed while it is saved
    endpoint.save()
    (delivery,) = emit_event(event="term.published", kind="term", slug="agent", endpoints=[endpoint])
    settings.GLOSSARY_WEBHOOKS_ALLOW_PRIVATE_NETWORKS = False

    assert deliver(delivery_id=delivery.pk) == WebhookDelivery.Status.FAILED

    attempt = WebhookAttempt.objects.get(delivery=delivery)
    assert attempt.status_code is None
    assert attempt.error.startswith("Refused: 127.0.0.1 resolves to 127.0.0.1, an internal address")
    assert receiver.requests == []
