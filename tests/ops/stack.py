"""The production stack in real processes: gunicorn started from deploy/gunicorn.conf.py."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.processes import PROJECT, Reply, free_port, process_environment

GUNICORN_CONFIG = PROJECT / "deploy" / "gunicorn.conf.py"


@dataclass
class RunningServer:
    port: int
    process: subprocess.Popen
    log: Path

    def get(self, path: str, **headers: str) -> Reply:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310 -- loopback only
                return Reply(response.status, {k.lower(): v for k, v in response.headers.items()}, response.read())
        except urllib.error.HTTPError as error:
            return Reply(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())

    def log_text(self) -> str:
        return self.log.read_text()


@contextmanager
def gunicorn_from_config(database_url: str, tmp_path: Path, **environment: str) -> Iterator[RunningServer]:
    """gunicorn as `make serve` starts it (its config file), one worker, answering on a free port."""
    port = free_port()
    log = tmp_path / f"gunicorn-{port}.log"
    env = process_environment(database_url) | {"GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "1"}
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 -- gunicorn of our own application
            [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONFIG)],
            cwd=PROJECT,
            env=env | environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    server = RunningServer(port, process, log)
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {log.read_text()}")
            try:
                server.get("/healthz")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"gunicorn did not answer: {log.read_text()}") from None
                time.sleep(0.1)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def collect_static(database_url: str, static_root: Path) -> None:
    """`manage.py collectstatic` into `static_root`, as `make serve` runs it."""
    finished = subprocess.run(  # noqa: S603 -- our own manage.py
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=PROJECT,
        env=process_environment(database_url) | {"STATIC_ROOT": str(static_root)},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert finished.returncode == 0, finished.stderr


def run_make(target: str, *, environment: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    """`make <target>` in its own process group, killed whole if it outlives `timeout`."""
    process = subprocess.Popen(  # noqa: S603 -- make with our own Makefile
        ["make", "--no-print-directory", target],  # noqa: S607 -- make from PATH, as a person runs it
        cwd=PROJECT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        raise AssertionError(f"make {target} was still running after {timeout} s:\n{output}") from None
    return subprocess.CompletedProcess(process.args, process.returncode, output, "")
