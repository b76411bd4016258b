"""Background tasks for webhooks (django.tasks interface, database-backed queue)."""

from django_tasks import task

from webhooks.services import deliver


@task()
def deliver_webhook(delivery_id: int) -> str | None:
    return deliver(delivery_id=delivery_id)
