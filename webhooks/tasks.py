"""Background tasks for webhooks (django.tasks interface, database-backed queue).

Nothing enqueues this any more: the worker sends due deliveries itself on every poll
(webhooks.services.work_outbox), in parallel per endpoint. It stays so that tasks queued
before that change still run.
"""

from django_tasks import task

from webhooks.services import deliver


@task()
def deliver_webhook(delivery_id: int) -> str | None:
    return deliver(delivery_id=delivery_id)
