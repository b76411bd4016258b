"""Fixtures for the browser tests: the production stack with the demo glossary, a host page on
another origin, and one headless Chromium for the whole session.

The glossary is served by gunicorn (the production WSGI application) from a database of its
own, migrated and loaded with the demo glossary once per module (tests/processes.py). The host
page is a plain HTML file on a second HTTP server: another origin, allowed by
`CORS_ALLOWED_ORIGINS` as an embedding site must be.
"""

import functools
import json
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.processes import Server, database_of_its_own, free_port, run_manage, run_script, servers

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

HOST_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>An unrelated site</title>
  <link rel="icon" href="data:,">
  <style>
    /* Rules that would restyle the widget if its styles were not its own, and class names it uses. */
    p {{ color: rgb(255, 0, 0); font-family: monospace; }}
    button {{ background: rgb(0, 255, 0); }}
  </style>
</head>
<body>
  <p id="host-text">The host page's own text.</p>
  <p id="host-bubble" class="msg bot">The host page's own element with the widget's class names.</p>
  <script src="{glossary}/widget.js" data-term="{slug}" async></script>
</body>
</html>
"""
# Also embedded by a host page each (test_browser.py creates the draft).
HOST_PAGES_OF_OTHER_TERMS = ["secret-draft"]


@dataclass
class GlossarySite:
    """The glossary served by gunicorn, with the environment its processes share (one SECRET_KEY)."""

    server: Server
    database_url: str
    environment: dict[str, str]
    url: str = field(init=False)

    def __post_init__(self) -> None:
        self.url = f"http://127.0.0.1:{self.server.port}"

    def api(self, path: str) -> object:
        reply = self.server.get(f"/api/v1/{path}")
        assert reply.status == 200, reply
        return json.loads(reply.body)

    def run(self, script: str) -> str:
        """Python in a new Django process on the site's database, signing as the site does."""
        return run_script(self.database_url, script, environment=self.environment).strip()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def host_origin() -> str:
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture(scope="module")
def glossary_site(tmp_path_factory, host_origin) -> Iterator[GlossarySite]:
    environment = {"SECRET_KEY": secrets.token_urlsafe(50), "CORS_ALLOWED_ORIGINS": host_origin}
    with database_of_its_own(tmp_path_factory.mktemp("glossary")) as database_url:
        run_manage(database_url, "load_demo_glossary", environment=environment)
        with servers(database_url, 1, environment=environment) as (server,):
            yield GlossarySite(server, database_url, environment)


@pytest.fixture(scope="module")
def host_page(tmp_path_factory, glossary_site, host_origin) -> Iterator[str]:
    """The URL of a plain page on another origin that embeds the widget of foundation-model.

    Beside it, `<slug>.html` embeds the widget of each slug in HOST_PAGES_OF_OTHER_TERMS.
    """
    folder = tmp_path_factory.mktemp("host")
    (folder / "index.html").write_text(HOST_PAGE.format(glossary=glossary_site.url, slug="foundation-model"))
    for slug in HOST_PAGES_OF_OTHER_TERMS:
        (folder / f"{slug}.html").write_text(HOST_PAGE.format(glossary=glossary_site.url, slug=slug))
    port = int(host_origin.rsplit(":", 1)[1])
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{host_origin}/index.html"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the session."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Console:
    """What a page wrote to the console as errors, and the exceptions it did not catch."""

    errors: list[str] = field(default_factory=list)

    def record(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"{message.text} ({message.location.get('url')})")


@pytest.fixture
def console() -> Console:
    return Console()


@pytest.fixture
def page(browser, console):
    """A fresh browser context (no shared cache or storage) and page; console errors are recorded."""
    context = browser.new_context()
    context.set_default_timeout(10_000)
    tab = context.new_page()
    tab.on("console", console.record)
    tab.on("pageerror", lambda error: console.errors.append(f"uncaught: {error}"))
    yield tab
    context.close()
