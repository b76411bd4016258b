"""Admin for site-wide FAQs; a term's or comparison's FAQs are edited inline on it."""

from datetime import datetime

from django.contrib import admin
from django.http import HttpRequest

from editorial.admin_autosave import NoLostWorkAdmin
from editorial.admin_publication import PublicationStateFilter, PublishableAdmin
from editorial.forms import LOCK_FIELD, OptimisticLockForm
from faqs import services
from faqs.models import SiteWideFAQ


@admin.register(SiteWideFAQ)
class SiteWideFAQAdmin(NoLostWorkAdmin, PublishableAdmin):
    form = OptimisticLockForm
    list_display = ["question", "order", "state_badge", "updated_at"]
    list_filter = [PublicationStateFilter]
    search_fields = ["question", "answer"]
    fields = ["question", "answer", "order", LOCK_FIELD, "publication_summary", "created_at", "updated_at"]
    readonly_fields = ["publication_summary", "created_at", "updated_at"]

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).site_wide()

    def deletion_refusals(self, obj: SiteWideFAQ, *, at: datetime) -> list[str]:
        return services.site_faq_deletion_refusals(faq=obj, at=at)

    def delete_through_service(self, obj: SiteWideFAQ, *, by) -> None:
        services.delete_site_faq(faq=obj, by=by)
