"""SSRF guard: with private networks not allowed, webhooks go to globally routable addresses only.

No test here resolves a real public host name (there is no network): the public case
uses a literal public IP address, which needs no DNS, and host names that must resolve
to a chosen address go through the resolver seam (`webhooks.safety.resolve`).
"""

import ipaddress

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.webhooks.receiver import Reply
from webhooks import safety
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
    "http://100.64.0.1/",  # carrier-grade NAT (shared address space)
    "http://100.100.100.200/latest/meta-data/",  # Alibaba Cloud metadata
    "http://192.0.0.8/",  # IETF protocol assignments
    "http://192.0.0.192/opc/v1/instance/",  # Oracle Cloud metadata
    "http://[2002:7f00:1::]/",  # 6to4 of 127.0.0.1
    "http://[2002:a9fe:a9fe::]/",  # 6to4 of 169.254.169.254
    "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",  # Teredo, client 127.0.0.1
    "http://[::ffff:a9fe:a9fe]/",  # IPv4-mapped 169.254.169.254
    "http://[64:ff9b::a00:5]/",  # NAT64 of 10.0.0.5
    "http://[::7f00:1]/",  # IPv4-compatible 127.0.0.1 (deprecated form)
    "http://198.18.0.1/",  # benchmarking
    "http://240.0.0.1/",  # reserved
    "http://[fd00:ec2::254]/",  # AWS metadata over IPv6
]
# Still refused with local receivers allowed (tests, DEBUG): metadata services and special ranges.
NEVER = [
    url for url in INTERNAL if not any(local in url for local in ("127.0.0.1", "//10.", "::1", "localhost", "192.168"))
]
NEVER = [url for url in NEVER if url not in ("http://[::ffff:127.0.0.1]/", "http://[fd00:ec2::254]/")]


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


@pytest.mark.parametrize("url", INTERNAL)
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


@pytest.mark.parametrize("url", INTERNAL)
def test_an_endpoint_with_an_internal_url_fails_model_validation_on_the_url_field(private_networks_refused, url):
    with pytest.raises(ValidationError) as refused:
        WebhookEndpoint(name="Sneaky", url=url).full_clean()

    assert list(refused.value.message_dict) == ["url"]


@pytest.mark.parametrize("url", INTERNAL)
def test_a_delivery_to_an_internal_url_is_refused_when_sent(private_networks_refused, db, url):
    endpoint = WebhookEndpoint.objects.create(name="Saved before the guard", url=url)  # no validation
    (delivery,) = emit_event(event="term.published", kind="term", slug="agent", endpoints=[endpoint])

    assert deliver(delivery_id=delivery.pk) == WebhookDelivery.Status.FAILED

    attempt = WebhookAttempt.objects.get(delivery=delivery)
    assert attempt.status_code is None
    assert attempt.error.startswith("Refused: ")
    assert "an internal address" in attempt.error


@pytest.mark.parametrize("url", NEVER)
def test_metadata_and_special_ranges_are_refused_even_with_local_receivers_allowed(settings, url):
    settings.GLOSSARY_WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True

    with pytest.raises(UnsafeDestination, match="an internal address"):
        check_destination(url)


def resolving(monkeypatch, answers: dict[str, list[list[str]]]) -> list[str]:
    """Answer host names from `answers` (one list of addresses per lookup, the last repeats); returns the log."""
    lookups = []

    def resolve(host: str, port: int) -> list:
        lookups.append(host)
        replies = answers[host]
        reply = replies.pop(0) if len(replies) > 1 else replies[0]
        return [ipaddress.ip_address(address) for address in reply]

    monkeypatch.setattr(safety, "resolve", resolve)
    return lookups


def test_a_host_name_rebound_to_loopback_after_saving_is_refused_at_connect_time(db, receiver, settings, monkeypatch):
    port = receiver.server.server_address[1]
    lookups = resolving(monkeypatch, {"hooks.example.com": [["93.184.216.34"], ["127.0.0.1"]]})
    settings.GLOSSARY_WEBHOOKS_ALLOW_PRIVATE_NETWORKS = False
    endpoint = WebhookEndpoint(name="Rebinder", url=f"http://hooks.example.com:{port}/hook")
    endpoint.full_clean()  # resolves to a public address while it is saved
    endpoint.save()
    (delivery,) = emit_event(event="term.published", kind="term", slug="agent", endpoints=[endpoint])

    assert deliver(delivery_id=delivery.pk) == WebhookDelivery.Status.FAILED

    assert WebhookAttempt.objects.get(delivery=delivery).error == (
        "Refused: hooks.example.com resolves to 127.0.0.1, an internal address; webhooks go to public addresses only."
    )
    assert receiver.requests == []
    assert lookups == ["hooks.example.com", "hooks.example.com"]


def test_a_check_before_connecting_cannot_be_passed_by_a_second_dns_answer(db, receiver, settings, monkeypatch):
    # Public for the first lookup at send time, loopback after: only one lookup decides, the one connected to.
    port = receiver.server.server_address[1]
    lookups = resolving(monkeypatch, {"hooks.example.com": [["93.184.216.34"], ["127.0.0.1"]]})
    settings.GLOSSARY_WEBHOOKS_ALLOW_PRIVATE_NETWORKS = False
    endpoint = WebhookEndpoint.objects.create(name="Rebinder", url=f"http://hooks.example.com:{port}/hook")
    (delivery,) = emit_event(event="term.published", kind="term", slug="agent", endpoints=[endpoint])
    settings.GLOSSARY_WEBHOOKS_DEADLINE_SECONDS = 1  # 93.184.216.34 is unreachable here: fail fast

    deliver(delivery_id=delivery.pk)

    assert lookups == ["hooks.example.com"]
    assert receiver.requests == []


def test_the_connection_goes_to_the_checked_address_with_the_host_name_kept(db, receiver, monkeypatch):
    port = receiver.server.server_address[1]
    resolving(monkeypatch, {"hooks.example.com": [["127.0.0.1"]]})
    endpoint = WebhookEndpoint.objects.create(name="Local", url=f"http://hooks.example.com:{port}/hook")
    (delivery,) = emit_event(event="term.published", kind="term", slug="agent", endpoints=[endpoint])

    assert deliver(delivery_id=delivery.pk) == WebhookDelivery.Status.DELIVERED

    (request,) = receiver.to("/hook")
    assert request.headers["host"] == f"hooks.example.com:{port}"


def test_localhost_is_refused_at_connect_time_without_local_receivers(db, receiver, settings):
    port = receiver.server.server_address[1]
    endpoint = WebhookEndpoint(name="Local", url=f"http://localhost:{port}/hook")
    endpoint.full_clean()  # local receivers allowed while it is saved
    endpoint.save()
    (delivery,) = emit_event(event="term.published", kind="term", slug="agent", endpoints=[endpoint])
    settings.GLOSSARY_WEBHOOKS_ALLOW_PRIVATE_NETWORKS = False

    assert deliver(delivery_id=delivery.pk) == WebhookDelivery.Status.FAILED

    assert WebhookAttempt.objects.get(delivery=delivery).error.startswith("Refused: localhost resolves to ")
    assert receiver.requests == []
