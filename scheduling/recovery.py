"""Take back queued tasks whose worker died while running them, once, and only when safe.

django-tasks-db marks a claimed task RUNNING with `started_at` and appends the claimant to
`worker_ids`, and records nothing more: a worker that is killed midway, or that loses its
database connection while saving a task's result, leaves the row RUNNING for ever.

Every `run_worker` process therefore writes a heartbeat (`WorkerHeartbeat`) every few
seconds naming the task it is running. A task is abandoned when it was claimed more than a
lease ago (GLOSSARY_TASK_LEASE_SECONDS, longer than any task of ours runs) and no worker
seen within that lease says it is running it. An abandoned task is re-queued only if
running it again is harmless (`RETRY_SAFE_TASKS`); any other is marked failed with
`WorkerLost`, for a person to judge. Each row is taken back by a conditional UPDATE on the
claim it was read with, so two workers sweeping at once take it back once.
"""

import os
import socket
from datetime import datetime, timedelta
from typing import NamedTuple
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from scheduling.models import WorkerHeartbeat

RETRY_SAFE_TASKS = frozenset(
    {
        # apply_schedule moves the schedule from pending to done under a row lock and acts
        # only if it moved it: run again, it does nothing.
        "scheduling.tasks.apply_schedule",
        # deliver() claims the delivery with a conditional update and skips one that is
        # delivered or being sent; a run cut short mid-request may post once more, with the
        # same X-Glossary-Delivery id, which receivers use to drop duplicates.
        "webhooks.tasks.deliver_webhook",
    }
)


class WorkerLost(Exception):
    """The worker running this task vanished; whether the task did its work is unknown."""


class Recovered(NamedTuple):
    requeued: int
    failed: int


def task_lease() -> timedelta:
    return timedelta(seconds=settings.GLOSSARY_TASK_LEASE_SECONDS)


def record_heartbeat(*, worker_id: str, started_at: datetime, task_id: UUID | None) -> None:
    """Say that this worker is alive now, and which task it is running (if any)."""
    now = timezone.now()
    # Only this worker writes its row, so update-then-create cannot race with itself.
    if not WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=now, task_id=task_id):
        WorkerHeartbeat.objects.create(
            worker_id=worker_id,
            hostname=socket.gethostname()[:255],
            pid=os.getpid(),
            started_at=started_at,
            seen_at=now,
            task_id=task_id,
        )


def forget_worker(*, worker_id: str) -> None:
    """A worker that stops cleanly leaves no heartbeat behind."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


@transaction.atomic
def recover_abandoned_tasks(*, now: datetime | None = None) -> Recovered:
    """Re-queue (or fail, if not safe to repeat) tasks claimed a lease ago that no live worker runs."""
    now = now or timezone.now()
    cutoff = now - task_lease()
    # Not seen for a lease: gone. Deleting the row says the same as keeping it, and keeps
    # the table as small as the number of running workers.
    WorkerHeartbeat.objects.filter(seen_at__lt=cutoff).delete()
    still_running = set(WorkerHeartbeat.objects.filter(task_id__isnull=False).values_list("worker_id", "task_id"))
    requeued = failed = 0
    stale = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
    for pk, task_path, started_at, worker_ids in stale.values_list("pk", "task_path", "started_at", "worker_ids"):
        claimant = worker_ids[-1] if worker_ids else ""
        if (claimant, pk) in still_running:
            continue  # alive, and says it is running it: a long task, not a lost one
        # The claim as we read it: if its worker finished it, or someone took it back
        # meanwhile, the row no longer matches and this does nothing.
        claim = DBTaskResult.objects.filter(pk=pk, status=TaskResultStatus.RUNNING, started_at=started_at)
        if task_path in RETRY_SAFE_TASKS:
            requeued += claim.update(status=TaskResultStatus.READY, started_at=None)
        else:
            failed += claim.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                return_value=None,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=(
                    f"WorkerLost: worker {claimant} claimed this task at {started_at.isoformat()} and has not been "
                    f"seen running it for {task_lease()}; it was not run again because it is not known to be "
                    "safe to repeat."
                ),
            )
    return Recovered(requeued, failed)
