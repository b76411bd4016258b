"""Real processes for tests that cross a process boundary: servers, writers, a database of their own.

The database is made for the test (a SQLite file, or a PostgreSQL database beside the test
database) and migrated by `manage.py migrate`, because pytest's test database may live in
this process's memory. Servers are the production WSGI stack under gunicorn, with no Redis:
each process has only its own local-memory cache, as with `make run`.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from django.db import connection

PROJECT = Path(__file__).resolve().parent.parent


def process_environment(database_url: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Production settings for a process of ours: no DEBUG, no Redis, no throttling (plus `extra`)."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "REDIS_", "PYTEST_", "GLOSSARY_"))
    }
    return (
        environment
        | {
            "DATABASE_URL": database_url,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "API_THROTTLE_ANON": "",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "glossary_cms.settings",
        }
        | (extra or {})
    )


@contextmanager
def database_of_its_own(tmp_path: Path) -> Iterator[str]:
    """A freshly migrated database on the same server kind as the tests', as a DATABASE_URL."""
    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        name = f"glossary_processes_{os.getpid()}_{secrets.token_hex(3)}"
        credentials = f"{settings['USER'] or 'postgres'}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
        admin_url = f"postgresql://{credentials}/postgres"
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        url = f"postgres://{credentials}/{name}"
    else:
        name = None
        url = f"sqlite:///{tmp_path / 'processes.sqlite3'}"
    try:
        run_manage(url, "migrate", "--noinput")
        yield url
    finally:
        if name is not None:
            with psycopg.connect(admin_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_manage(database_url: str, *arguments: str, environment: dict[str, str] | None = None) -> str:
    finished = subprocess.run(  # noqa: S603 -- our own manage.py with fixed arguments
        [sys.executable, "manage.py", *arguments],
        cwd=PROJECT,
        env=process_environment(database_url, environment),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr + finished.stdout
    return finished.stdout


def run_script(database_url: str, script: str, environment: dict[str, str] | None = None) -> str:
    """Run Python code in a new Django process against the database (a writer, as a shell would)."""
    return run_manage(database_url, "shell", "--no-imports", "-c", script, environment=environment)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class Server:
    """A gunicorn server of the production WSGI application on 127.0.0.1."""

    port: int
    process: subprocess.Popen

    def get(self, path: str, **headers: str) -> Reply:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 -- loopback only
                return Reply(response.status, {k.lower(): v for k, v in response.headers.items()}, response.read())
        except urllib.error.HTTPError as error:
            return Reply(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


@contextmanager
def servers(
    database_url: str, count: int, environment: dict[str, str] | None = None, ports: list[int] | None = None
) -> Iterator[list[Server]]:
    """`count` independent gunicorn servers (one worker each), ready to answer; on `ports` if given."""
    started = []
    try:
        for number in range(count):
            port = ports[number] if ports else free_port()
            process = subprocess.Popen(  # noqa: S603 -- gunicorn of our own application
                [sys.executable, "-m", "gunicorn", "glossary_cms.wsgi", "-w", "1", "-b", f"127.0.0.1:{port}"],
                cwd=PROJECT,
                env=process_environment(database_url, environment),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            started.append(Server(port, process))
        for server in started:
            _wait_until_answering(server)
        yield started
    finally:
        for server in started:
            server.process.terminate()
        for server in started:
            try:
                server.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.process.kill()
                server.process.wait()
            if server.process.stderr:
                server.process.stderr.close()


def _wait_until_answering(server: Server, *, within: float = 30) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"server exited: {server.process.stderr.read().decode()}")
        try:
            server.get("/api/v1/terms/")
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"server on port {server.port} did not answer")
