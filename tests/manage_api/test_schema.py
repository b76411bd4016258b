"""The management API is in the OpenAPI schema under its own tag and token scheme; the delivery API is unchanged."""

import json

import pytest

from tests.api.support import API

pytestmark = pytest.mark.django_db

OPENAPI_JSON = "application/vnd.oai.openapi+json"
OPERATIONS = {
    "/api/v1/manage/terms/": {"get", "post"},
    "/api/v1/manage/terms/{key}/": {"get", "put", "patch", "delete"},
    "/api/v1/manage/terms/{key}/{transition}/": {"post"},
    "/api/v1/manage/comparisons/": {"get", "post"},
    "/api/v1/manage/comparisons/{key}/": {"get", "put", "patch", "delete"},
    "/api/v1/manage/comparisons/{key}/{transition}/": {"post"},
    "/api/v1/manage/categories/": {"get", "post"},
    "/api/v1/manage/categories/{key}/": {"get", "put", "patch", "delete"},
    "/api/v1/manage/faqs/": {"get", "post"},
    "/api/v1/manage/faqs/{key}/": {"get", "put", "patch", "delete"},
    "/api/v1/manage/faqs/{key}/{transition}/": {"post"},
}


@pytest.fixture
def schema(api_client) -> dict:
    response = api_client.get(f"{API}/schema/", HTTP_ACCEPT=OPENAPI_JSON)
    assert response.status_code == 200
    return json.loads(response.content)


def test_every_management_operation_is_in_the_schema_under_the_management_tag_with_the_token(schema):
    for path, methods in OPERATIONS.items():
        operations = {method: op for method, op in schema["paths"][path].items() if method != "parameters"}
        assert set(operations) == methods, path
        for operation in operations.values():
            assert operation["tags"] == ["management"]
            assert operation["security"] == [{"apiToken": []}]
    assert schema["components"]["securitySchemes"]["apiToken"]["scheme"] == "bearer"
    assert any(tag["name"] == "management" for tag in schema["tags"])


def test_updates_declare_if_match_and_the_precondition_answers(schema):
    for path in [p for p in OPERATIONS if p.endswith("{key}/")]:
        for method in ("put", "patch", "delete"):
            operation = schema["paths"][path][method]
            headers = [p for p in operation["parameters"] if p["in"] == "header"]
            assert [(h["name"], h["required"]) for h in headers] == [("If-Match", True)]
            assert {"412", "428"} <= set(operation["responses"])


def test_the_transitions_are_named_in_the_schema(schema):
    parameters = schema["paths"]["/api/v1/manage/terms/{key}/{transition}/"]["post"]["parameters"]
    (transition,) = [p for p in parameters if p["name"] == "transition"]

    assert set(transition["schema"]["enum"]) == {
        "submit",
        "request-changes",
        "approve",
        "publish",
        "unpublish",
        "schedule",
        "archive",
        "unarchive",
    }


def test_delivery_operations_stay_anonymous_and_untagged_by_management(schema):
    for path, operations in schema["paths"].items():
        if path.startswith("/api/v1/manage/"):
            continue
        for operation in operations.values():
            assert "management" not in operation.get("tags", [])
            assert {"apiToken": []} not in operation.get("security", [])
