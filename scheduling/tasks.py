"""Background tasks for schedules (django.tasks interface, database-backed queue)."""

from django_tasks import task

from scheduling.services import apply_schedule as apply_schedule_now


@task()
def apply_schedule(schedule_id: int) -> bool:
    return apply_schedule_now(schedule_id=schedule_id)
