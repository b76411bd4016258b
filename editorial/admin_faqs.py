"""Admin for site-wide FAQs; a term's or comparison's FAQs are edited inline on it.

Site-wide FAQs go through the same review as terms (draft → in review → approved →
published, or changes requested), on their own "Review & publish" page. Its buttons post
to the same services as the terms' (editorial.services), which check permission and state.
"""

from datetime import datetime

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from editorial import services as editorial_services
from editorial.admin import TRANSITIONS, ReviewStateFilter, run_transition
from editorial.admin_autosave import NoLostWorkAdmin
from editorial.admin_publication import PublicationStateFilter, PublishableAdmin
from editorial.forms import LOCK_FIELD, OptimisticLockForm
from editorial.models import ReviewComment
from faqs import services
from faqs.models import PublishedFAQ, SiteWideFAQ
from publishing.models import AuditEntry
from publishing.refusals import refusal_text
from publishing.states import ReviewState

# Site-wide FAQs are published now and withdrawn, never archived or scheduled.
FAQ_TRANSITIONS = ("submit", "approve", "request_changes", "comment", "publish", "unpublish")


@admin.register(SiteWideFAQ)
class SiteWideFAQAdmin(NoLostWorkAdmin, PublishableAdmin):
    form = OptimisticLockForm
    list_display = ["question", "order", "review_badge", "state_badge", "updated_at"]
    list_filter = [ReviewStateFilter, PublicationStateFilter]
    search_fields = ["question", "answer"]
    fields = [
        "question",
        "answer",
        "order",
        LOCK_FIELD,
        "review_summary",
        "publication_summary",
        "created_at",
        "updated_at",
    ]
    readonly_fields = ["review_summary", "publication_summary", "created_at", "updated_at"]
    actions = ["submit_selected", "approve_selected", "publish_selected", "unpublish_selected"]

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).site_wide()

    def deletion_refusals(self, obj: SiteWideFAQ, *, at: datetime) -> list[str]:
        return services.site_faq_deletion_refusals(faq=obj, at=at)

    def delete_through_service(self, obj: SiteWideFAQ, *, by) -> None:
        services.delete_site_faq(faq=obj, by=by)

    # --- review state on the list and the form ------------------------------------------------
    @admin.display(description="review", ordering="review_state")
    def review_badge(self, obj: SiteWideFAQ) -> str:
        return obj.get_review_state_display()

    @admin.display(description="review")
    def review_summary(self, obj: SiteWideFAQ | None) -> str:
        if obj is None or obj.pk is None:
            return "A new draft."
        return format_html(
            '<strong>{}</strong> &nbsp; <a href="{}">Review &amp; publish</a>',
            obj.get_review_state_display(),
            self._workflow_url(obj),
        )

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # Editing what was approved or published sends it back to draft, as for terms.
        if change and form.has_changed() and editorial_services.record_edit(item=form.instance):
            self.message_user(
                request,
                "Your changes went back to draft: submit the FAQ for review again when it is ready.",
                messages.WARNING,
            )

    # --- actions -----------------------------------------------------------------------
    def has_submit_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("faqs.submit_sitewidefaq")

    def has_review_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("faqs.review_sitewidefaq")

    @admin.action(description="Submit selected for review", permissions=["submit"])
    def submit_selected(self, request, queryset):
        self.run_on_each(request, queryset, editorial_services.submit_for_review, "Submitted")

    @admin.action(description="Approve selected", permissions=["review"])
    def approve_selected(self, request, queryset):
        self.run_on_each(request, queryset, editorial_services.approve, "Approved")

    # --- the review page ---------------------------------------------------------------
    def get_urls(self):
        return [
            path(
                "<int:pk>/workflow/",
                self.admin_site.admin_view(self.workflow_view),
                name="faqs_sitewidefaq_workflow",
            ),
            *super().get_urls(),
        ]

    def _workflow_url(self, obj: SiteWideFAQ) -> str:
        return reverse("admin:faqs_sitewidefaq_workflow", args=[obj.pk])

    def workflow_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        faq = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_or_change_permission(request, faq):
            raise PermissionDenied
        if request.method == "POST":
            transition = request.POST.get("transition", "")
            comment = request.POST.get("comment", "")
            try:
                if transition not in FAQ_TRANSITIONS:
                    raise ValidationError(f"Unknown action “{transition}”.")
                run_transition(transition, item=faq, by=request.user, comment=comment)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, refusal_text(error), messages.ERROR)
                context = self._workflow_context(request, faq)
                context["comment_text"] = comment
                return TemplateResponse(request, "editorial/faq_workflow.html", context, status=400)
            self.message_user(request, f"{TRANSITIONS[transition][0]}: done.", messages.SUCCESS)
            return HttpResponseRedirect(self._workflow_url(faq))
        return TemplateResponse(request, "editorial/faq_workflow.html", self._workflow_context(request, faq))

    def _workflow_context(self, request: HttpRequest, faq: SiteWideFAQ) -> dict:
        faq.refresh_from_db()
        state = ReviewState(faq.review_state)
        live = PublishedFAQ.objects.site_wide().filter(faq=faq).exclude(live_until__lte=timezone.now()).first()
        available = []
        for name in FAQ_TRANSITIONS:
            label, action, states, needs_comment = TRANSITIONS[name]
            if name == "comment":
                allowed = any(editorial_services.may(request.user, faq, a) for a in ("review", "submit", "change"))
            else:
                allowed = editorial_services.may(request.user, faq, action)
            applies = (states is None or state in states) and (name != "unpublish" or live is not None)
            if allowed and applies:
                available.append({"name": name, "label": label, "needs_comment": needs_comment})
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": faq,
            "title": f"Review & publish: {faq}",
            "change_url": reverse("admin:faqs_sitewidefaq_change", args=[faq.pk]),
            "state": state,
            "live_copy": live,
            "transitions": available,
            "comments": ReviewComment.objects.filter(
                content_type=ContentType.objects.get_for_model(faq), object_id=faq.pk
            ).select_related("author"),
            "audit_entries": AuditEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(faq, for_concrete_model=True), object_id=faq.pk
            ).select_related("actor")[:50],
        }
