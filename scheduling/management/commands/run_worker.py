"""The background worker: queued tasks (django-tasks-db) plus a sweep for anything overdue.

Many workers can run at once: tasks are claimed with SELECT ... FOR UPDATE SKIP LOCKED,
and every side effect is guarded by its own conditional update, so each runs once.
The sweep is what makes "the worker was down" safe: everything due since then runs
when a worker comes back, and a task whose worker was killed midway is run again.
"""

import logging
import signal
import threading
import time
import uuid

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.module_loading import import_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import Worker

from scheduling.services import run_due_schedules


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
        self.stdout.write(f"Worker {worker_id} started.")
        last_sweep = 0.0
        polls = [import_string(path) for path in settings.GLOSSARY_WORKER_POLLS]
        while self.running:
            close_old_connections()
            if time.monotonic() - last_sweep >= sweep_every or once:
                ran = run_due_schedules()
                if ran:
                    self.stdout.write(f"Sweep: {ran} schedule(s) applied.")
                last_sweep = time.monotonic()
            Worker(
                queue_names=["*"],
                interval=0,
                batch=True,
                backend_name=DEFAULT_TASK_BACKEND_ALIAS,
                startup_delay=False,
                max_tasks=None,
                worker_id=worker_id,
                excluded_queue_names=[],
            ).run()
            for poll in polls:
                poll(wait=once)  # e.g. webhooks: announcements to deliveries, due attempts sent
            if once:
                return
            time.sleep(interval)

    def _stop(self, signum, frame) -> None:
        self.running = False
