"""Serving `frontend/`: the embeddable widget script and the reference term page, as production serves them.

Every request goes through `glossary_cms.wsgi.application` (the `api_client` fixture), the
stack gunicorn runs. What the pages show is tested in a browser (test_browser.py).
"""

import re

import pytest

from glossary_cms.frontend import FRONTEND_DIR, FRONTEND_MAX_AGE_SECONDS

WIDGET_BUDGET_BYTES = 20 * 1024


def test_widget_script_is_served_as_javascript(api_client, db):
    response = api_client.get("/widget.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == (FRONTEND_DIR / "widget.js").read_bytes()


def test_widget_script_loads_in_under_20_kb(api_client, db):
    response = api_client.get("/widget.js")

    assert len(response.content) < WIDGET_BUDGET_BYTES
    assert int(response["Content-Length"]) == len(response.content)


def test_widget_script_has_no_dependencies(api_client, db):
    """One classic script: nothing imported, nothing else fetched but the API."""
    source = re.sub(r"/\*.*?\*/", "", api_client.get("/widget.js").content.decode(), flags=re.DOTALL)

    assert not re.search(r"^\s*import\b|\brequire\(|import\(|<script|\.src\s*=", source, re.MULTILINE)


def test_widget_script_is_publicly_cacheable_for_minutes_with_a_strong_etag(api_client, db):
    response = api_client.get("/widget.js")

    assert response["Cache-Control"] == f"public, max-age={FRONTEND_MAX_AGE_SECONDS}"
    assert re.fullmatch(r'"[0-9a-f]{32}"', response["ETag"])
    # Embedded by other origins, also by sites that isolate themselves (COEP).
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"


def test_widget_script_revalidated_with_its_etag_answers_304_without_a_body(api_client, db):
    etag = api_client.get("/widget.js")["ETag"]

    again = api_client.get("/widget.js", HTTP_IF_NONE_MATCH=etag)
    changed = api_client.get("/widget.js", HTTP_IF_NONE_MATCH='"an-older-version"')

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Cache-Control"] == f"public, max-age={FRONTEND_MAX_AGE_SECONDS}"
    assert changed.status_code == 200


def test_widget_script_answers_head_and_refuses_writes(api_client, db):
    assert api_client.head("/widget.js").status_code == 200
    # Django's CSRF check refuses an unsigned POST before the view would answer 405.
    assert api_client.post("/widget.js", {}).status_code in {403, 405}


@pytest.mark.parametrize("path", ["/widget.js", "/reference/terms/foundation-model/", "/reference/term.js"])
def test_frontend_files_are_served_without_any_sql_query(api_client, db, django_assert_num_queries, path):
    with django_assert_num_queries(0):
        assert api_client.get(path).status_code == 200


@pytest.mark.parametrize("slug", ["foundation-model", "no-such-term", "a-draft-only-term"])
def test_reference_page_is_one_html_page_for_every_slug(api_client, db, slug):
    """Whether the term exists is the API's to say; the page shows its not-found state (test_browser.py)."""
    response = api_client.get(f"/reference/terms/{slug}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response.content == (FRONTEND_DIR / "reference" / "term.html").read_bytes()
    assert b'<script src="/reference/term.js" defer></script>' in response.content
    assert response["Cache-Control"] == f"public, max-age={FRONTEND_MAX_AGE_SECONDS}"


def test_reference_page_runs_only_its_own_scripts(api_client, db):
    policy = api_client.get("/reference/terms/foundation-model/")["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "connect-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


def test_reference_page_previewing_a_draft_is_neither_stored_by_shared_caches_nor_indexed(api_client, db):
    response = api_client.get("/reference/terms/foundation-model/?preview_token=anything")

    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"


def test_reference_page_does_not_send_its_address_to_other_sites(api_client, db):
    """Preview tokens travel in the page's URL; links to other sites must not carry it as a Referer."""
    response = api_client.get("/reference/terms/foundation-model/")

    assert response["Referrer-Policy"] == "same-origin"
    assert b'<meta name="referrer" content="same-origin">' in response.content


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("term.js", "text/javascript; charset=utf-8"), ("term.css", "text/css; charset=utf-8")],
)
def test_reference_page_assets_are_served_with_their_types(api_client, db, name, content_type):
    response = api_client.get(f"/reference/{name}")

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content == (FRONTEND_DIR / "reference" / name).read_bytes()


@pytest.mark.parametrize(
    "path",
    [
        "/reference/term.html",  # the page only under its route
        "/reference/..%2F..%2Fglossary_cms%2Fsettings.py",
        "/reference/%2e%2e%2fwidget.js",
        "/reference/terms/",
        "/reference/terms/foundation-model/extra/",
    ],
)
def test_nothing_else_under_reference_is_served(api_client, db, path):
    assert api_client.get(path).status_code == 404


def test_api_lets_an_allowed_embedding_site_post_questions_as_json_without_credentials(api_client, settings):
    """The widget on another site sends free questions to POST /api/v1/ask/ (a CORS preflight first)."""
    settings.CORS_ALLOWED_ORIGINS = ["https://www.embedding-site.example"]

    allowed = api_client.options(
        "/api/v1/ask/",
        HTTP_ORIGIN="https://www.embedding-site.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    other = api_client.options(
        "/api/v1/ask/",
        HTTP_ORIGIN="https://evil.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )

    assert allowed["Access-Control-Allow-Origin"] == "https://www.embedding-site.example"
    assert "POST" in allowed["Access-Control-Allow-Methods"]
    assert "content-type" in allowed["Access-Control-Allow-Headers"].lower()
    assert "Access-Control-Allow-Credentials" not in allowed
    assert "Access-Control-Allow-Origin" not in other
