"""The background worker: queued tasks (django-tasks-db) plus a sweep for anything overdue.

Many workers can run at once: tasks are claimed with SELECT ... FOR UPDATE SKIP LOCKED,
and every side effect is guarded by its own conditional update, so each runs once.
The sweep is what makes "the worker was down" safe: everything due since then runs
when a worker comes back, and a task whose worker was killed midway is taken back after
a lease (scheduling.recovery). Other apps' housekeeping (e.g. webhook deliveries whose
task was lost) joins the sweep by dotted path in settings.GLOSSARY_WORKER_SWEEPS, so
this app does not import the apps it serves.

A database outage (a restart, a cut connection) does not stop the worker: it drops its
connections, says once that the database is unavailable, retries with exponential
backoff, says when it is back, and goes on.
"""

import logging
import signal
import threading
import time
import uuid
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from uuid import UUID

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import Error, InterfaceError, OperationalError, close_old_connections, connections
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from scheduling.recovery import forget_worker, record_heartbeat, recover_abandoned_tasks
from scheduling.services import run_due_schedules

logger = logging.getLogger("scheduling.worker")

# Errors of reaching the database (refused, cut, closed), not of what was asked of it.
CONNECTION_ERRORS = (OperationalError, InterfaceError)


def close_connections() -> None:
    """Drop this thread's connections so the next query opens a fresh one."""
    for connection in connections.all(initialized_only=True):
        with suppress(Error):  # a broken connection may fail to close; it is dropped either way
            connection.close()


class Outage:
    """Backoff while the database is unreachable; logs its start and its end, once each."""

    def __init__(self, *, first_delay: float, max_delay: float) -> None:
        self.first_delay, self.max_delay = first_delay, max_delay
        self.failures = 0
        self.since = 0.0

    def failed(self, error: Exception) -> float:
        """Record one failed attempt; returns how long to wait before the next."""
        if not self.failures:
            self.since = time.monotonic()
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            logger.error("Database unavailable (%s); retrying with backoff up to %g s.", reason, self.max_delay)
        delay = min(self.max_delay, self.first_delay * 2**self.failures)
        self.failures += 1
        return delay

    def succeeded(self) -> None:
        if self.failures:
            logger.warning(
                "Database is back after %.1f s (%d failed attempt(s)).", time.monotonic() - self.since, self.failures
            )
            self.failures = 0


class QueueWorker(Worker):
    """django-tasks-db's worker, telling the heartbeat which task it is running."""

    running_task_id: UUID | None = None

    def run_task(self, db_task_result: DBTaskResult) -> None:
        self.running_task_id = db_task_result.id
        try:
            super().run_task(db_task_result)
        finally:
            self.running_task_id = None


class Heartbeat(threading.Thread):
    """Writes the worker's heartbeat every few seconds, on its own connection, even mid-task."""

    def __init__(self, *, worker_id: str, every: float, running_task: Callable[[], UUID | None]) -> None:
        super().__init__(name=f"heartbeat {worker_id}", daemon=True)
        self.worker_id, self.every, self.running_task = worker_id, every, running_task
        self.started_at: datetime = timezone.now()
        self.stopping = threading.Event()

    def run(self) -> None:
        try:
            while True:
                try:
                    record_heartbeat(worker_id=self.worker_id, started_at=self.started_at, task_id=self.running_task())
                except CONNECTION_ERRORS:
                    close_connections()  # the main loop reports the outage; this only retries
                if self.stopping.wait(self.every):
                    return
        finally:
            close_connections()

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=30)


class Command(BaseCommand):
    help = "Run the background worker (schedules' side effects, webhooks). Safe to run several."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls (default 1).")
        parser.add_argument("--sweep-every", type=float, default=15.0, help="Seconds between sweeps (default 15).")
        parser.add_argument("--once", action="store_true", help="Sweep and run what is due, then exit.")

    def handle(self, *, interval: float, sweep_every: float, once: bool, **options) -> None:
        # The queue's own logger announces every poll; show it only when asked for (-v 2).
        logging.getLogger("django_tasks_db").setLevel(logging.INFO if options["verbosity"] > 1 else logging.WARNING)
        self.running = True
        self.wake = threading.Event()
        self.queue: QueueWorker | None = None
        previous_handlers = {}
        # Signal handlers can only be installed from the main thread (a worker may run in
        # another, e.g. several in one process); they are put back when the worker stops.
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGTERM, signal.SIGINT):
                previous_handlers[signum] = signal.signal(signum, self._stop)
        try:
            self._run(interval=interval, sweep_every=sweep_every, once=once)
        finally:
            for signum, handler in previous_handlers.items():
                signal.signal(signum, handler)

    def _run(self, *, interval: float, sweep_every: float, once: bool) -> None:
        worker_id = f"glossary-{uuid.uuid4().hex[:12]}"
        self.queue = QueueWorker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        self.stdout.write(f"Worker {worker_id} started.")
        # Delivery apps plug in through settings, so the worker does not import them.
        self.polls = [import_string(path) for path in settings.GLOSSARY_WORKER_POLLS]
        if once:
            # One pass: a database error is the caller's to see, not to wait out.
            self._poll(sweep=True, once=True)
            return
        heartbeat = Heartbeat(
            worker_id=worker_id,
            every=settings.GLOSSARY_WORKER_HEARTBEAT_SECONDS,
            running_task=lambda: self.queue.running_task_id,
        )
        heartbeat.start()
        outage = Outage(
            first_delay=settings.GLOSSARY_WORKER_RETRY_MIN_SECONDS, max_delay=settings.GLOSSARY_WORKER_RETRY_MAX_SECONDS
        )
        last_sweep = None
        try:
            while self.running:
                sweep_due = last_sweep is None or time.monotonic() - last_sweep >= sweep_every
                try:
                    self._poll(sweep=sweep_due)
                except CONNECTION_ERRORS as error:
                    close_connections()
                    self.wake.wait(outage.failed(error))
                    continue
                outage.succeeded()
                if sweep_due:
                    last_sweep = time.monotonic()
                self.wake.wait(interval)
        finally:
            heartbeat.stop()
            with suppress(Error):  # left behind, it is removed by the next sweep after a lease
                forget_worker(worker_id=worker_id)
            close_connections()

    def _poll(self, *, sweep: bool, once: bool = False) -> None:
        """One round: the sweep when it is due, every queued task that is ready, then the polls."""
        close_old_connections()
        if sweep:
            self._sweep()
        self.queue.run()
        for poll in self.polls:
            poll(wait=once)  # e.g. webhooks: announcements to deliveries, due attempts sent

    def _sweep(self) -> None:
        recovered = recover_abandoned_tasks()
        if any(recovered):
            self.stdout.write(
                f"Recovery: {recovered.requeued} abandoned task(s) re-queued, "
                f"{recovered.failed} failed as not safe to repeat."
            )
        ran = run_due_schedules()
        done = []
        for path in settings.GLOSSARY_WORKER_SWEEPS:
            count = import_string(path)()
            if count:
                done.append(f", {count} by {path.rsplit('.', 1)[-1]}")
        if ran or done:
            self.stdout.write(f"Sweep: {ran} schedule(s) applied{''.join(done)}.")

    def _stop(self, signum, frame) -> None:
        self.running = False
        if self.queue is not None:
            self.queue.running = False  # stop after the task in hand, not after the whole queue
        self.wake.set()
