"""The OpenAPI schema documents the pages for machines with their media types and parameters."""

import json

import pytest
from django.urls import resolve

from tests.api.support import API

pytestmark = pytest.mark.django_db

# Path, and the media type of its 200 answer.
MACHINE_PATHS = {
    "/api/v1/changes/": "application/json",
    "/api/v1/llms.txt": "text/plain",
    "/api/v1/llms-full.txt": "text/plain",
    "/api/v1/terms/{slug}/markdown/": "text/markdown",
    "/api/v1/comparisons/{slug}/markdown/": "text/markdown",
    "/api/v1/sitemap.xml": "application/xml",
}


@pytest.fixture
def schema(api_client) -> dict:
    response = api_client.get(f"{API}/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.mark.parametrize(("path", "media_type"), MACHINE_PATHS.items())
def test_each_page_for_machines_is_a_documented_read_with_its_media_type(schema, path, media_type):
    operation = schema["paths"][path]
    assert set(operation) == {"get"}
    assert list(operation["get"]["responses"]["200"]["content"]) == [media_type]


@pytest.mark.parametrize("path", MACHINE_PATHS)
def test_schema_declares_exactly_the_query_parameters_each_accepts(schema, path):
    view = resolve(path.replace("{slug}", "some-slug")).func.view_class
    declared = {p["name"] for p in schema["paths"][path]["get"].get("parameters", []) if p["in"] == "query"}

    assert declared == view.allowed_parameters


def test_the_change_feed_entry_names_every_field_of_the_contract(schema):
    components = schema["components"]["schemas"]
    change = components["Change"]["properties"]

    assert {"cursor", "type", "slug", "action", "at", "url"} <= set(change)
    action = components[change["action"]["$ref"].rsplit("/", 1)[-1]]
    assert action["enum"] == ["published", "updated", "withdrawn", "redirected"]
    assert set(components["ChangeFeed"]["properties"]) == {"changes", "next_cursor", "has_more"}
