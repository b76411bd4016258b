"""The production recipe works as written: static files collected, gunicorn from its config file, refusals."""

import json
import re
import secrets

from tests.ops.stack import collect_static, gunicorn_from_config, run_make
from tests.processes import database_of_its_own, free_port, process_environment


def test_admin_pages_and_their_css_are_served_by_gunicorn_after_collectstatic(tmp_path):
    static_root = tmp_path / "static"
    with database_of_its_own(tmp_path) as database_url:
        collect_static(database_url, static_root)
        with gunicorn_from_config(database_url, tmp_path, STATIC_ROOT=str(static_root)) as server:
            login = server.get("/admin/login/")
            assert login.status == 200, login.body[:500]
            stylesheets = re.findall(r'href="(/static/admin/css/[^"]+\.css)"', login.body.decode())
            # Manifest names (content hash in the name), so they can be cached for ever.
            assert stylesheets and all(re.search(r"\.[0-9a-f]{12}\.css$", href) for href in stylesheets)
            for href in stylesheets:
                css = server.get(href)
                assert css.status == 200
                assert css.headers["content-type"].startswith("text/css")
                assert css.body  # the stylesheet itself, not an empty answer
            assert server.get("/readyz").status == 200


def test_the_access_log_leaves_out_query_strings_where_preview_tokens_travel(tmp_path):
    token = secrets.token_urlsafe(16)
    with database_of_its_own(tmp_path) as database_url, gunicorn_from_config(database_url, tmp_path) as server:
        server.get(f"/api/v1/terms/?preview_token={token}")
        server.get(f"/api/v1/terms/?page=2&q={token}")
        server.get("/healthz")  # logged after the others: the log has caught up once it shows
        log = server.log_text()
    assert '"GET /api/v1/terms/ HTTP/1.1"' in log
    assert token not in log


def test_healthz_is_up_and_readyz_names_the_database_when_it_cannot_be_reached(tmp_path):
    unreachable = f"postgres://postgres@127.0.0.1:{free_port()}/glossary"  # nothing listens there
    with gunicorn_from_config(unreachable, tmp_path) as server:
        assert server.get("/healthz").status == 200
        ready = server.get("/readyz")
    assert ready.status == 503
    body = json.loads(ready.body)
    assert "database" in body["failed"]
    assert body["checks"]["database"].startswith("unreachable")


def serve_environment(**overrides: str) -> dict[str, str]:
    environment = process_environment("sqlite:////nonexistent/never-used.sqlite3")
    environment.pop("DJANGO_SETTINGS_MODULE")
    return environment | overrides


def test_make_serve_refuses_to_start_without_a_strong_secret_key():
    for key in ("", "changeme"):
        finished = run_make("serve", environment=serve_environment(SECRET_KEY=key, ALLOWED_HOSTS="glossary.example"))
        assert finished.returncode != 0
        assert "SECRET_KEY cannot be used with DEBUG off" in finished.stdout


def test_make_serve_refuses_to_start_without_allowed_hosts_or_with_a_wildcard():
    environment = serve_environment()
    environment.pop("ALLOWED_HOSTS")
    finished = run_make("serve", environment=environment)
    assert finished.returncode != 0
    assert "set ALLOWED_HOSTS" in finished.stdout
    finished = run_make("serve", environment=serve_environment(ALLOWED_HOSTS="*"))
    assert finished.returncode != 0
    assert "ALLOWED_HOSTS" in finished.stdout and "glossary_cms.E" in finished.stdout


def test_make_serve_turns_debug_off_even_when_the_environment_asks_for_it():
    finished = run_make("serve", environment=serve_environment(DEBUG="1", SECRET_KEY=""))
    assert finished.returncode != 0
    assert "SECRET_KEY cannot be used with DEBUG off" in finished.stdout
