"""Tasks left RUNNING by a worker that died are taken back after a lease, once, and only if safe.

django-tasks-db marks a claimed task RUNNING with `started_at` and the claiming worker's
id and nothing else; a worker killed midway leaves it so forever. These tests leave such
rows behind by hand, as a killed worker would, and run the worker's sweep.
"""

import os
import uuid
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from scheduling import services as scheduling
from scheduling.management.commands.run_worker import Heartbeat
from scheduling.models import Schedule, WorkerHeartbeat
from scheduling.recovery import forget_worker, recover_abandoned_tasks
from tests.factories import TermFactory
from tests.scheduling.conftest import GO_LIVE
from tests.scheduling.test_run_worker import scheduled_go_lives
from tests.scheduling.workflow import approved

LEASE = timedelta(minutes=10)
NOW = GO_LIVE + timedelta(minutes=30)
CHARGED: list[int] = []


@task()
def charge_card(order_id: int) -> None:
    """A task that must not run twice: nothing in it notices a second run."""
    CHARGED.append(order_id)


@pytest.fixture(autouse=True)
def _lease(settings):
    settings.GLOSSARY_TASK_LEASE_SECONDS = LEASE.total_seconds()


def left_running(result_id, *, started_at, by: str = "glossary-killed") -> DBTaskResult:
    """Leave a queued task as a worker that claimed it at `started_at` and then died leaves it."""
    DBTaskResult.objects.filter(pk=result_id).update(status="RUNNING", started_at=started_at, worker_ids=[by])
    return DBTaskResult.objects.get(pk=result_id)


def overdue_schedule_task(superuser) -> tuple[Schedule, DBTaskResult]:
    term = approved(TermFactory())
    schedule = scheduling.schedule_publication(item=term, at=GO_LIVE, by=superuser)
    return schedule, DBTaskResult.objects.get(task_path="scheduling.tasks.apply_schedule")


def run_worker() -> str:
    out = StringIO()
    call_command("run_worker", "--once", stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_task_claimed_a_lease_ago_by_a_gone_worker_is_requeued_and_run_once(clock, superuser):
    schedule, result = overdue_schedule_task(superuser)
    clock.move_to(NOW)
    left_running(result.pk, started_at=NOW - LEASE - timedelta(seconds=1))

    output = run_worker()

    result.refresh_from_db()
    assert result.status == "SUCCESSFUL"
    assert len(result.worker_ids) == 2  # the dead worker's claim, then one more
    assert result.worker_ids[0] == "glossary-killed"
    assert "1 abandoned task(s) re-queued" in output
    schedule.refresh_from_db()
    assert schedule.status == Schedule.Status.DONE
    assert scheduled_go_lives(schedule.item) == 1


@pytest.mark.django_db
def test_a_task_claimed_less_than_a_lease_ago_is_left_running(clock, superuser):
    _, result = overdue_schedule_task(superuser)
    clock.move_to(NOW)
    left_running(result.pk, started_at=NOW - LEASE + timedelta(seconds=1))

    assert recover_abandoned_tasks() == (0, 0)

    result.refresh_from_db()
    assert (result.status, result.worker_ids) == ("RUNNING", ["glossary-killed"])


@pytest.mark.django_db
def test_a_long_task_whose_worker_still_beats_and_runs_it_is_left_running(clock, superuser):
    _, result = overdue_schedule_task(superuser)
    clock.move_to(NOW)
    left_running(result.pk, started_at=NOW - 3 * LEASE, by="glossary-alive")
    WorkerHeartbeat.objects.create(
        worker_id="glossary-alive",
        hostname="web-1",
        pid=4242,
        started_at=NOW - 4 * LEASE,
        seen_at=NOW,
        task_id=result.pk,
    )

    assert recover_abandoned_tasks() == (0, 0)

    result.refresh_from_db()
    assert result.status == "RUNNING"


@pytest.mark.parametrize(
    ("seen", "running"),
    [(timedelta(0), None), (LEASE + timedelta(seconds=1), "claimed")],
    ids=["alive-but-lost-the-task", "not-seen-for-a-lease"],
)
@pytest.mark.django_db
def test_a_stale_task_is_requeued_when_its_worker_is_gone_or_no_longer_runs_it(clock, superuser, seen, running):
    _, result = overdue_schedule_task(superuser)
    clock.move_to(NOW)
    left_running(result.pk, started_at=NOW - 2 * LEASE, by="glossary-w1")
    WorkerHeartbeat.objects.create(
        worker_id="glossary-w1",
        hostname="web-1",
        pid=4242,
        started_at=NOW - 3 * LEASE,
        seen_at=NOW - seen,
        task_id=result.pk if running else None,
    )

    assert recover_abandoned_tasks() == (1, 0)

    result.refresh_from_db()
    assert (result.status, result.started_at) == ("READY", None)
    assert recover_abandoned_tasks() == (0, 0)  # taken back once


@pytest.mark.django_db(transaction=True)
def test_a_stale_task_that_is_not_safe_to_repeat_is_failed_not_run_again(clock):
    CHARGED.clear()
    clock.move_to(NOW)
    result = charge_card.enqueue(7)
    left_running(result.id, started_at=NOW - LEASE - timedelta(seconds=1))

    output = run_worker()

    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "FAILED"
    assert row.exception_class_path == "scheduling.recovery.WorkerLost"
    assert "glossary-killed" in row.traceback
    assert "0 abandoned task(s) re-queued, 1 failed" in output
    assert CHARGED == []


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_says_which_task_the_worker_is_running_and_is_gone_when_it_stops():
    task_id = uuid.uuid4()
    heartbeat = Heartbeat(worker_id="glossary-beating", every=60, running_task=lambda: task_id)

    heartbeat.start()
    heartbeat.stop()  # it beats once before it looks at the stop signal

    beat = WorkerHeartbeat.objects.get(worker_id="glossary-beating")
    assert (beat.task_id, beat.pid) == (task_id, os.getpid())
    forget_worker(worker_id="glossary-beating")
    assert not WorkerHeartbeat.objects.exists()
