"""With DATABASE_REPLICA_URL, the public API reads the replica; previews, the admin and writes the primary.

Two real databases (two SQLite files, or two PostgreSQL databases) hold different content,
so each answer shows which one it came from; a real gunicorn serves the production stack.
"""

import http.cookiejar
import json
import re
import secrets
import subprocess
import sys
import urllib.parse
import urllib.request

import pytest

from api.caching import reads_from_replica
from tests.ops.stack import collect_static, gunicorn_from_config
from tests.processes import PROJECT, database_of_its_own, process_environment

SECRET_KEY = secrets.token_urlsafe(50)
PASSWORD = "a long enough passphrase for the admin"


def run_script(database_url: str, script: str) -> str:
    finished = subprocess.run(  # noqa: S603 -- our own manage.py
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=PROJECT,
        env=process_environment(database_url) | {"SECRET_KEY": SECRET_KEY},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout.strip()


PUBLISH = """
from tests.factories import TermFactory, UserFactory
from editorial.preview import mint_preview_token
TermFactory(name="{name}", slug="{slug}", published=True)
draft = TermFactory(name="{name} draft", slug="{slug}-draft")
UserFactory(username="{user}", password="{password}", superuser=True)
print(mint_preview_token(kind="term", object_id=draft.pk))
"""


@pytest.fixture(scope="module")
def two_databases(tmp_path_factory):
    folders = tmp_path_factory.mktemp("primary"), tmp_path_factory.mktemp("replica")
    with database_of_its_own(folders[0]) as primary, database_of_its_own(folders[1]) as replica:
        preview_tokens = {
            "primary": run_script(
                primary, PUBLISH.format(name="Primary", slug="on-primary", user="primary-admin", password=PASSWORD)
            ),
            "replica": run_script(
                replica, PUBLISH.format(name="Replica", slug="on-replica", user="replica-admin", password=PASSWORD)
            ),
        }
        yield primary, replica, preview_tokens


@pytest.fixture(scope="module")
def server(two_databases, tmp_path_factory):
    primary, replica, _ = two_databases
    static_root = tmp_path_factory.mktemp("static")
    collect_static(primary, static_root)  # the admin's pages need it
    environment = {
        "DATABASE_REPLICA_URL": replica,
        "SECRET_KEY": SECRET_KEY,
        "SECURE_COOKIES": "0",  # plain HTTP on 127.0.0.1
        "STATIC_ROOT": str(static_root),
    }
    with gunicorn_from_config(primary, tmp_path_factory.mktemp("gunicorn"), **environment) as running:
        yield running


def slugs_in(answer) -> list[str]:
    return [term["slug"] for term in json.loads(answer.body)["results"]]


def test_public_api_reads_come_from_the_replica(server):
    for _ in range(2):  # the stored answer, replayed by the fast path, too
        assert slugs_in(server.get("/api/v1/terms/")) == ["on-replica"]
    assert server.get("/api/v1/terms/on-replica/").status == 200
    assert server.get("/api/v1/terms/on-primary/").status == 404
    assert [hit["slug"] for hit in json.loads(server.get("/api/v1/search/?q=replica").body)["results"]] == [
        "on-replica"
    ]


def test_previews_read_the_primary(server, two_databases):
    _, _, tokens = two_databases
    preview = server.get("/api/v1/terms/on-primary-draft/", **{"X-Preview-Token": tokens["primary"]})
    assert preview.status == 200, preview.body
    assert json.loads(preview.body)["name"] == "Primary draft"
    in_query = server.get(f"/api/v1/terms/on-primary-draft/?preview_token={tokens['primary']}")
    assert in_query.status == 200


def test_the_admin_reads_and_writes_the_primary(server):
    cookies = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    base = f"http://127.0.0.1:{server.port}"
    login_page = browser.open(f"{base}/admin/login/", timeout=15).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)

    def log_in(username: str) -> str:
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD, "next": "/admin/"}
        ).encode()
        login = f"{base}/admin/login/"
        request = urllib.request.Request(login, data=form, headers={"Referer": login})  # noqa: S310 -- loopback only
        return browser.open(request, timeout=15).geturl()

    assert log_in("replica-admin").endswith("/admin/login/")  # only on the replica: refused
    assert log_in("primary-admin").endswith("/admin/")  # on the primary: signed in (a session written)


def test_readyz_checks_the_replica_too(server):
    ready = json.loads(server.get("/readyz").body)
    assert ready["checks"] == {"database": "ok", "replica_database": "ok", "cache": "ok", "migrations": "ok"}


@pytest.mark.parametrize(
    ("method", "path", "headers", "expected"),
    [
        ("GET", "/api/v1/terms/", {}, True),
        ("HEAD", "/api/v1/index/", {}, True),
        ("GET", "/api/v1/terms/x/", {"HTTP_X_PREVIEW_TOKEN": "t"}, False),
        ("GET", "/api/v1/terms/x/", {"QUERY_STRING": "preview_token=t"}, False),
        ("GET", "/api/v1/manage/terms/", {}, False),
        ("GET", "/api/v1/terms/", {"HTTP_AUTHORIZATION": "Bearer abc"}, False),
        ("POST", "/api/v1/terms/", {}, False),
        ("GET", "/admin/", {}, False),
        ("GET", "/readyz", {}, False),
    ],
)
def test_only_anonymous_public_delivery_reads_may_use_the_replica(method, path, headers, expected):
    assert reads_from_replica({"REQUEST_METHOD": method, **headers}, path=path) is expected
