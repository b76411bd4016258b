"""Images in published content: library references become absolute URLs with alt text, at publication.

Editors write `![alt](image:<id>)` (the editor's "Insert image" does it for them). Publication
stores HTML whose `<img>` has the file's absolute URL (GLOSSARY_MEDIA_BASE_URL, or the
storage's own absolute URL), the alt text and the size; the API serves that stored HTML, so
no request does any work for images, and a frontend on another origin can load them.
"""

import re
import subprocess
import sys

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from faqs.services import publish_site_faq
from terms.services import publish_term
from tests.api.support import API, ok_json
from tests.factories import FAQFactory, TermFactory
from tests.media_library.support import library_image
from tests.processes import PROJECT, process_environment

pytestmark = pytest.mark.django_db

BASE = "https://cms.example.org"


def images_in(html: str) -> list[str]:
    return re.findall(r"<img [^>]*>", html)


def published_term_with(body: str, slug: str = "attention"):
    term = TermFactory(slug=slug, name=slug.title(), body=body)
    publish_term(term=term, by=None)
    return term


def test_library_image_is_published_with_its_absolute_https_url_alt_text_and_size(api_client):
    image = library_image("Attention weights as a heat map")
    published_term_with(f"## How it looks\n\n![](image:{image.pk})\n")

    body_html = ok_json(api_client, f"{API}/terms/attention/")["body_html"]

    assert images_in(body_html) == [
        f'<img src="{BASE}/media/{image.file.name}" alt="Attention weights as a heat map" width="40" height="30">'
    ]


def test_alt_text_written_in_the_markdown_wins_over_the_library_alt_text(api_client):
    image = library_image("Generic diagram")
    published_term_with(f"![Encoder and decoder side by side](image:{image.pk})")

    body_html = ok_json(api_client, f"{API}/terms/attention/")["body_html"]

    assert 'alt="Encoder and decoder side by side"' in body_html
    assert f'src="{BASE}/media/{image.file.name}"' in body_html


def test_reference_to_a_deleted_image_is_published_as_its_alt_text_not_a_broken_image(api_client):
    image = library_image()
    reference = image.reference
    image.delete()
    published_term_with(f"Before ![A vanished chart]({reference}) after.")

    body_html = ok_json(api_client, f"{API}/terms/attention/")["body_html"]

    assert images_in(body_html) == []
    assert "Before A vanished chart after." in body_html
    assert "image:" not in body_html


def test_relative_media_url_from_an_older_upload_is_published_absolute(api_client):
    published_term_with("![Old upload](/media/markdownx/0f1e2d.png)")

    body_html = ok_json(api_client, f"{API}/terms/attention/")["body_html"]

    assert images_in(body_html) == [f'<img src="{BASE}/media/markdownx/0f1e2d.png" alt="Old upload">']


def test_image_urls_are_resolved_once_at_publication_not_per_request(api_client, settings):
    image = library_image()
    published_term_with(f"![](image:{image.pk})")

    settings.GLOSSARY_MEDIA_BASE_URL = "https://elsewhere.example.org"
    body_html = ok_json(api_client, f"{API}/terms/attention/")["body_html"]

    assert f'src="{BASE}/media/{image.file.name}"' in body_html
    # Republication picks up the new base URL.
    publish_term(term=TermFactory._meta.model.objects.get(slug="attention"), by=None)
    body_html = ok_json(api_client, f"{API}/terms/attention/")["body_html"]
    assert f'src="https://elsewhere.example.org/media/{image.file.name}"' in body_html


def test_image_in_a_site_wide_faq_answer_is_published_absolute(api_client):
    image = library_image("Support chat window")
    faq = FAQFactory(question="Where do I ask?", answer=f"In the chat. ![](image:{image.pk})")
    publish_site_faq(faq=faq, by=None)

    (row,) = [row for row in ok_json(api_client, f"{API}/faqs/")["results"] if row["question"] == "Where do I ask?"]

    assert f'<img src="{BASE}/media/{image.file.name}" alt="Support chat window"' in row["answer_html"]


def test_storage_with_its_own_absolute_urls_is_used_as_it_is(api_client, settings):
    image = library_image("Served by the CDN")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": "glossary", "custom_domain": "media.example.net", "querystring_auth": False},
        },
    }
    published_term_with(f"![](image:{image.pk})")

    body_html = ok_json(api_client, f"{API}/terms/attention/")["body_html"]

    assert f'<img src="https://media.example.net/{image.file.name}" alt="Served by the CDN"' in body_html


def test_image_only_in_a_draft_reaches_no_public_response(api_client):
    image = library_image("ZEBRAFISHDRAFT secret roadmap")
    published = published_term_with("Nothing to see.", slug="public-term")
    draft = TermFactory(slug="draft-term", body=f"![](image:{image.pk})")
    # A published term whose newer draft adds the image: the draft's text is not live.
    published.body = f"Edited. ![](image:{image.pk})"
    published.save()

    for path in ["terms/", "terms/public-term/", "search/?q=roadmap", "index/", "sitemap/", "faqs/"]:
        response = api_client.get(f"{API}/{path}")
        assert response.status_code == 200, path
        assert image.file.name not in response.content.decode(), path
        assert "ZEBRAFISHDRAFT" not in response.content.decode(), path
    assert api_client.get(f"{API}/terms/{draft.slug}/").status_code == 404


def test_term_detail_with_images_reads_as_many_queries_as_one_without(api_client, settings):
    settings.GLOSSARY_SERVER_CACHE = False
    images = [library_image(f"Figure {number}") for number in range(4)]
    published_term_with("Plain text only.", slug="plain")
    published_term_with(" ".join(f"![](image:{image.pk})" for image in images), slug="illustrated")

    def queries_of(slug: str) -> int:
        ok_json(api_client, f"{API}/terms/{slug}/")  # warm-up, as the query count tests do
        with CaptureQueriesContext(connection) as captured:
            ok_json(api_client, f"{API}/terms/{slug}/")
        return len(captured)

    assert queries_of("illustrated") == queries_of("plain")


def test_live_preview_shows_library_images_as_publication_will(client, superuser):
    image = library_image("Preview me")
    client.force_login(superuser)

    response = client.post("/markdownx/markdownify/", {"content": f"![](image:{image.pk})"})

    assert response.status_code == 200
    assert images_in(response.content.decode()) == [
        f'<img src="{BASE}/media/{image.file.name}" alt="Preview me" width="40" height="30">'
    ]


# --- Production storage from the environment ------------------------------------------------


def settings_of(**environment: str) -> subprocess.CompletedProcess:
    script = (
        "from django.conf import settings; print(settings.STORAGES['default']); print(settings.GLOSSARY_SERVE_MEDIA)"
    )
    return subprocess.run(  # noqa: S603 -- our own manage.py with fixed arguments
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=PROJECT,
        # Reading settings opens no database: any URL will do.
        env=process_environment("sqlite:///never-opened.sqlite3", environment),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_s3_storage_is_configured_from_the_environment():
    finished = settings_of(
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="glossary-media",
        AWS_S3_ENDPOINT_URL="https://s3.eu-central-1.example.com",
        AWS_S3_CUSTOM_DOMAIN="media.example.com",
        GLOSSARY_SERVE_MEDIA="1",
    )

    assert finished.returncode == 0, finished.stderr
    storage, serve_media = finished.stdout.strip().splitlines()
    assert "'BACKEND': 'storages.backends.s3.S3Storage'" in storage
    assert "'bucket_name': 'glossary-media'" in storage
    assert "'custom_domain': 'media.example.com'" in storage
    assert "'querystring_auth': False" in storage
    # Files in a bucket are not the app's to serve.
    assert serve_media == "False"


def test_s3_storage_without_a_bucket_refuses_to_start():
    finished = settings_of(MEDIA_STORAGE="s3")

    assert finished.returncode != 0
    assert "MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME" in finished.stderr


def test_media_is_served_by_the_app_under_debug_and_not_in_production_by_default():
    assert settings_of(DEBUG="1").stdout.strip().splitlines()[-1] == "True"
    assert settings_of().stdout.strip().splitlines()[-1] == "False"


def test_the_markdown_page_gives_a_library_image_its_absolute_url(api_client):
    image = library_image("Attention weights as a heat map")
    published_term_with(f"## How it looks\n\n![Heat map](image:{image.pk})\n")

    markdown = api_client.get(f"{API}/terms/attention/markdown/").content.decode()

    assert f"![Heat map]({BASE}/media/{image.file.name})" in markdown
    assert "image:" not in markdown
