"""Previews: a signed, expiring token shows one object's current draft, privately, and nothing else."""

import io
import logging
import re
from datetime import timedelta
from html import unescape
from urllib.parse import urlsplit

import pytest
import time_machine
from django.conf import settings as current_settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.log import ServerFormatter
from django.utils.module_loading import import_string

from editorial.logging import RedactPreviewTokens
from editorial.preview import SALT as PREVIEW_SALT
from editorial.preview import mint_preview_token
from publishing.models import AuditEntry
from tests.editorial.helpers import admin_url, user_in
from tests.factories import ComparisonFactory, FAQFactory, TermFactory

MARKER = "Draftonlymarker"
ENDPOINTS = ["api:term-detail", "api:term-widget"]


@pytest.fixture
def term(db):
    """A live term whose working copy (body and a new FAQ) carries MARKER; the public version does not."""
    term = TermFactory(body="## What it is\n\nThe public text.", published=True)
    term.body = f"## What it is\n\nThe public text, and {MARKER} in the draft."
    term.save()
    FAQFactory(term=term, question=f"Why does {MARKER} matter?")
    return term


def token_for(item) -> str:
    return mint_preview_token(kind=item._meta.model_name, object_id=item.pk)


def url(route: str, item) -> str:
    return reverse(route, kwargs={"slug": item.slug})


def test_admin_preview_page_renders_the_draft_and_links_to_the_api_preview(client, term):
    client.force_login(user_in("Writer"))

    response = client.get(admin_url(term, "preview"))

    assert response.status_code == 200
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    page = response.content.decode()
    assert MARKER in page
    api_link = unescape(re.search(r'API \(JSON\): <a href="([^"]+)"', page).group(1))
    assert urlsplit(api_link).path == url("api:term-detail", term)
    assert "preview_token=" in api_link
    frontend_link = unescape(re.search(r'Frontend: <a href="([^"]+)"', page).group(1))
    assert f"/glossary/{term.slug}/?preview_token=" in frontend_link

    client.logout()
    followed = client.get(api_link.removeprefix("http://testserver"))
    assert followed.status_code == 200
    assert MARKER in followed.content.decode()


def test_making_a_preview_link_is_audited_without_the_token(client, term):
    writer = user_in("Writer")
    client.force_login(writer)
    page = client.get(admin_url(term, "preview")).content.decode()
    token = re.search(r"preview_token=([^\"&]+)", page).group(1)

    entry = AuditEntry.objects.get(action=AuditEntry.Action.PREVIEW_LINK)

    assert (entry.actor, entry.object_id) == (writer, term.pk)
    assert token not in f"{entry.version} {entry.comment} {entry.object_repr}"


@pytest.mark.parametrize("transport", ["header", "query"])
@pytest.mark.parametrize("route", ENDPOINTS)
def test_a_valid_token_serves_the_draft_privately(client, term, route, transport):
    token = token_for(term)
    if transport == "header":
        response = client.get(url(route, term), headers={"X-Preview-Token": token})
    else:
        response = client.get(url(route, term), {"preview_token": token})

    assert response.status_code == 200
    assert MARKER in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert "X-Preview-Token" in response["Vary"]


@pytest.mark.parametrize("route", ENDPOINTS)
def test_without_a_token_the_public_never_sees_the_draft(client, term, route):
    client.get(url(route, term), {"preview_token": token_for(term)})  # a preview first: nothing may stick

    response = client.get(url(route, term))

    assert response.status_code == 200
    assert MARKER not in response.content.decode()
    assert response["Cache-Control"].startswith("public")


def _expired(term, other, comparison) -> str:
    long_ago = timezone.now() - timedelta(seconds=current_settings.GLOSSARY_PREVIEW_TOKEN_SECONDS + 1)
    with time_machine.travel(long_ago):
        return token_for(term)


def _tampered(term, other, comparison) -> str:
    token = token_for(term)
    middle = len(token) // 2
    return token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1 :]


REFUSALS = {
    "expired": (_expired, "The preview token has expired."),
    "tampered": (_tampered, "The preview token is invalid."),
    "another term": (lambda term, other, comparison: token_for(other), "The preview token is for another object."),
    "wrong type": (
        lambda term, other, comparison: token_for(comparison),
        "The preview token is for another kind of object.",
    ),
    "garbage": (lambda term, other, comparison: "not-a-token", "The preview token is invalid."),
    "signed for something else": (
        lambda term, other, comparison: signing.dumps({"kind": "term", "id": term.pk}),
        "The preview token is invalid.",
    ),
    # The key settings once fell back to is public: anyone could sign a token with it.
    "signed with the published development key": (
        lambda term, other, comparison: signing.dumps(
            {"kind": "term", "id": term.pk},
            key="django-insecure-local-development-key-change-me",
            salt=PREVIEW_SALT,
            compress=True,
        ),
        "The preview token is invalid.",
    ),
}


@pytest.mark.parametrize("transport", ["header", "query"])
@pytest.mark.parametrize("case", REFUSALS)
@pytest.mark.parametrize("route", ENDPOINTS)
def test_a_bad_token_is_refused_with_403(client, term, route, case, transport):
    make_token, detail = REFUSALS[case]
    token = make_token(term, TermFactory(published=True), ComparisonFactory())
    if transport == "header":
        response = client.get(url(route, term), headers={"X-Preview-Token": token})
    else:
        response = client.get(url(route, term), {"preview_token": token})

    assert response.status_code == 403
    assert response.json() == {"detail": detail}
    assert MARKER not in response.content.decode()


def test_a_token_works_until_it_expires(client, term, settings):
    settings.GLOSSARY_PREVIEW_TOKEN_SECONDS = 600
    token = token_for(term)
    start = timezone.now()

    with time_machine.travel(start + timedelta(seconds=590), tick=False):
        assert client.get(url("api:term-detail", term), {"preview_token": token}).status_code == 200
    with time_machine.travel(start + timedelta(seconds=611), tick=False):
        response = client.get(url("api:term-detail", term), {"preview_token": token})

    assert response.status_code == 403
    assert response.json() == {"detail": "The preview token has expired."}


def test_a_token_follows_the_latest_draft(client, term):
    token = token_for(term)
    client.get(url("api:term-detail", term), {"preview_token": token})
    term.body = "## What it is\n\nRewritten after the link was made."
    term.save()

    response = client.get(url("api:term-detail", term), {"preview_token": token})

    assert response.json()["body_markdown"] == "## What it is\n\nRewritten after the link was made."


def test_a_never_published_term_previews_by_its_slug(client, db):
    draft = TermFactory(body=f"## What it is\n\n{MARKER}.")

    assert client.get(url("api:term-detail", draft)).status_code == 404
    response = client.get(url("api:term-detail", draft), headers={"X-Preview-Token": token_for(draft)})

    assert response.status_code == 200
    assert response.json()["body_markdown"] == f"## What it is\n\n{MARKER}."
    assert response["Cache-Control"] == "private, no-store"


def test_a_comparison_previews_its_draft_and_refuses_a_term_token(client, db):
    comparison = ComparisonFactory(published=True)
    comparison.summary = f"How they differ, {MARKER}."
    comparison.save()
    route = "api:comparison-detail"

    preview = client.get(url(route, comparison), {"preview_token": token_for(comparison)})
    public = client.get(url(route, comparison))
    wrong = client.get(url(route, comparison), {"preview_token": token_for(comparison.term_a)})

    assert preview.status_code == 200
    assert preview.json()["summary"] == f"How they differ, {MARKER}."
    assert preview["Cache-Control"] == "private, no-store"
    assert public.status_code == 200 and MARKER not in public.content.decode()
    assert wrong.status_code == 403
    assert wrong.json() == {"detail": "The preview token is for another kind of object."}


def test_the_admin_preview_of_a_comparison_renders_its_draft(client, db):
    comparison = ComparisonFactory(published=True)
    comparison.summary = f"How they differ, {MARKER}."
    comparison.save()
    client.force_login(user_in("Reviewer"))

    response = client.get(admin_url(comparison, "preview"))

    assert response.status_code == 200
    page = response.content.decode()
    assert MARKER in page
    assert f"{url('api:comparison-detail', comparison)}?preview_token=" in page


def test_server_log_configuration_redacts_preview_tokens(settings):
    config = settings.LOGGING
    assert "redact_preview_tokens" in config["handlers"]["django.server"]["filters"]
    assert "redact_preview_tokens" in config["handlers"]["console"]["filters"]
    assert config["loggers"]["django.server"]["handlers"] == ["django.server"]
    assert import_string(config["filters"]["redact_preview_tokens"]["()"]) is RedactPreviewTokens

    # The django.server handler as configured: its filter and formatter, writing where we can read.
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(import_string(config["filters"]["redact_preview_tokens"]["()"])())
    formatter = config["formatters"]["django.server"]
    handler.setFormatter(ServerFormatter(formatter["format"], style=formatter["style"]))
    logger = logging.Logger("tests.django.server")  # a real logger, outside the configured tree
    logger.addHandler(handler)
    token = mint_preview_token(kind="term", object_id=7)

    # The same call runserver makes for every request.
    logger.info('"%s" %s %s', f"GET /api/v1/terms/llm/?preview_token={token}&format=json HTTP/1.1", "200", "512")

    line = stream.getvalue()
    assert "preview_token=[redacted]&format=json" in line
    assert token not in line
    assert '" 200 512' in line
