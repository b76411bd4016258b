"""Admin for the editorial workflow: review page, history with diff and restore, preview.

`EditorialAdmin` is mixed into the term and comparison admins. Every button posts to a
view here that calls a service in editorial.services; the services check permissions
and states again, so a hand-made POST gets no further than the buttons would.
"""

import difflib
from datetime import UTC, datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from editorial import last_seen, services, snapshots
from editorial.admin_health import health_confirmation
from editorial.admin_publication import PublishableAdmin
from editorial.admin_review import review_thread_panel
from editorial.forms import OptimisticLockForm
from editorial.models import ReviewComment
from editorial.preview import mint_preview_token
from health.report import errors_of, problems_of
from publishing.models import AuditEntry
from publishing.refusals import refusal_text
from scheduling import services as scheduling
from scheduling.models import Release, ReleaseItem, Schedule
from scheduling.services import unlive_references
from terms import selectors
from terms import services as term_services
from terms.models import Comparison, ReviewState, Term, TermVersion

S = ReviewState
REVIEW_STATE_HOLDER = {
    S.DRAFT: "writer",
    S.CHANGES_REQUESTED: "writer",
    S.IN_REVIEW: "reviewers",
    S.APPROVED: "publishers",
    S.PUBLISHED: "—",
    S.ARCHIVED: "—",
}
TRANSITIONS = {
    # name: (label, permission action, states it applies to, needs a comment)
    "submit": ("Submit for review", "submit", {S.DRAFT, S.CHANGES_REQUESTED}, False),
    "approve": ("Approve", "review", {S.IN_REVIEW}, False),
    "request_changes": ("Request changes", "review", {S.IN_REVIEW, S.APPROVED}, True),
    "comment": ("Comment", None, None, True),
    "publish": ("Publish now", "publish", {S.APPROVED, S.PUBLISHED}, False),
    "unpublish": ("Unpublish", "publish", None, False),
    "archive": ("Archive", "publish", {S.DRAFT, S.CHANGES_REQUESTED, S.IN_REVIEW, S.APPROVED, S.PUBLISHED}, False),
    "unarchive": ("Restore from archive", "publish", {S.ARCHIVED}, False),
}


def run_transition(name: str, *, item, by, comment: str) -> None:
    if name == "submit":
        services.submit_for_review(item=item, by=by)
    elif name == "approve":
        services.approve(item=item, by=by, comment=comment)
    elif name == "request_changes":
        services.request_changes(item=item, by=by, comment=comment)
    elif name == "comment":
        services.add_comment(item=item, by=by, text=comment)
    elif name == "publish":
        services.publish(item=item, by=by)
    elif name == "unpublish":
        services.unpublish(item=item, by=by)
    elif name == "archive":
        services.archive(item=item, by=by)
    elif name == "unarchive":
        services.unarchive(item=item, by=by)
    else:
        raise ValidationError(f"Unknown action “{name}”.")


class ReviewStateFilter(admin.SimpleListFilter):
    """Archived items are hidden unless asked for."""

    title = "review state"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [*ReviewState.choices, ("all", "All, including archived")]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset.exclude(review_state=S.ARCHIVED)
        if value == "all":
            return queryset
        return queryset.filter(review_state=value)


class EditorialAdmin(PublishableAdmin):
    """Review workflow, history, locking and preview for a working-copy admin."""

    form = OptimisticLockForm
    preview_kind: str
    actions = ["submit_selected", "approve_selected", "publish_selected", "unpublish_selected", "archive_selected"]
    readonly_fields = ["review_summary", "review_thread", *PublishableAdmin.readonly_fields]

    # --- permissions used by actions -------------------------------------------------
    def has_submit_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(f"{self.opts.app_label}.submit_{self.opts.model_name}")

    def has_review_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(f"{self.opts.app_label}.review_{self.opts.model_name}")

    # --- list and change page --------------------------------------------------------
    @admin.display(description="review")
    def review_badge(self, obj) -> str:
        holder = REVIEW_STATE_HOLDER[S(obj.review_state)]
        if obj.review_state in {S.DRAFT, S.CHANGES_REQUESTED} and obj.updated_by:
            holder = str(obj.updated_by)
        if holder == "—":  # published or archived: nobody holds it
            return obj.get_review_state_display()
        return format_html("{} <small style='color:#6b7280'>(with {})</small>", obj.get_review_state_display(), holder)

    @admin.display(description="review")
    def review_summary(self, obj) -> str:
        if obj is None or obj.pk is None:
            return "A new draft."
        links = [
            (self._url(obj, "workflow"), "Review & publish"),
            (self._url(obj, "edits"), "Edit history"),
            (self._url(obj, "preview"), "Preview draft"),
        ]
        return format_html(
            "<strong>{}</strong> &nbsp; {}",
            obj.get_review_state_display(),
            mark_safe(" · ".join(format_html('<a href="{}">{}</a>', url, label) for url, label in links)),  # noqa: S308 -- parts escaped by format_html
        )

    @admin.display(description="review comments")
    def review_thread(self, obj) -> str:
        return review_thread_panel(obj, review_url=self._url(obj, "workflow") if obj and obj.pk else "")

    def deletion_refusals(self, obj, *, at: datetime) -> list[str]:
        return term_services.deletion_refusals(item=obj, at=at)

    def _url(self, obj, view: str) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}", args=[obj.pk])

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        content_changed = form.has_changed() or any(formset.has_changed() for formset in formsets)
        if content_changed:
            services.record_content_change(item=form.instance)
        went_back = change and content_changed and services.record_edit(item=form.instance)
        snapshots.snapshot_edit(item=form.instance)
        if went_back:
            self.message_user(
                request,
                "Your changes went back to draft: submit the item for review again when it is ready.",
                messages.WARNING,
            )

    # --- actions (publish/unpublish come from PublishableAdmin) ---------------------------
    @admin.action(description="Submit selected for review", permissions=["submit"])
    def submit_selected(self, request, queryset):
        self.run_on_each(request, queryset, services.submit_for_review, "Submitted")

    @admin.action(description="Approve selected", permissions=["review"])
    def approve_selected(self, request, queryset):
        self.run_on_each(request, queryset, services.approve, "Approved")

    @admin.action(description="Archive selected", permissions=["publish"])
    def archive_selected(self, request, queryset):
        self.run_on_each(request, queryset, services.archive, "Archived")

    # --- extra views ---------------------------------------------------------------------
    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/workflow/", wrap(self.workflow_view), name=f"{name}_workflow"),
            path("<int:pk>/edits/", wrap(self.history_list_view), name=f"{name}_edits"),
            path("<int:pk>/edits/compare/", wrap(self.compare_view), name=f"{name}_compare"),
            path("<int:pk>/edits/<int:history_id>/restore/", wrap(self.restore_view), name=f"{name}_restore"),
            path("<int:pk>/versions/<int:number>/rollback/", wrap(self.rollback_view), name=f"{name}_rollback"),
            path("<int:pk>/preview/", wrap(self.preview_view), name=f"{name}_preview"),
            path("<int:pk>/schedule/", wrap(self.schedule_view), name=f"{name}_schedule"),
            *super().get_urls(),
        ]

    def history_view(self, request: HttpRequest, object_id: str, extra_context=None) -> HttpResponse:
        # The change form's "History" button opens the edit history (whole item, diff, restore),
        # not Django's log of admin actions.
        item = self._item(request, int(object_id))
        return HttpResponseRedirect(self._url(item, "edits"))

    def _item(self, request: HttpRequest, pk: int):
        item = get_object_or_404(self.model, pk=pk)
        if not self.has_view_or_change_permission(request, item):
            raise PermissionDenied
        return item

    def _context(self, request: HttpRequest, item, title: str) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": item,
            "title": title,
            "change_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[item.pk]),
            "workflow_url": self._url(item, "workflow"),
            "history_url": self._url(item, "edits"),
            "preview_url": self._url(item, "preview"),
        }

    def workflow_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = self._item(request, pk)
        if request.method == "POST":
            transition = request.POST.get("transition", "")
            comment = request.POST.get("comment", "")
            if transition == "publish" and not request.POST.get("confirm"):
                dangling = unlive_references(item=item, at=timezone.now())
                if dangling:
                    return self._reference_warning(request, item, dangling, at=None, transition="publish")
            health_errors = (
                errors_of(item) if transition == "publish" and services.may(request.user, item, "publish") else []
            )
            if health_errors and not request.POST.get("confirm_health"):
                return self._health_confirmation(request, item, health_errors)
            try:
                if health_errors:
                    services.publish_despite_health_errors(
                        item=item, by=request.user, errors=[problem.message for problem in health_errors]
                    )
                else:
                    run_transition(transition, item=item, by=request.user, comment=comment)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, refusal_text(error), messages.ERROR)
                context = self._workflow_context(request, item)
                context["comment_text"] = comment
                return TemplateResponse(request, "editorial/workflow.html", context, status=400)
            last_seen.mark_seen(user=request.user, item=item)  # acting on it counts as having seen it
            self.message_user(request, f"{TRANSITIONS[transition][0]}: done.", messages.SUCCESS)
            return HttpResponseRedirect(self._url(item, "workflow"))
        context = self._workflow_context(request, item)
        last_seen.mark_seen(user=request.user, item=item)
        return TemplateResponse(request, "editorial/workflow.html", context)

    def schedule_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Schedule a go-live or withdrawal, or cancel a pending one (POST only)."""
        item = self._item(request, pk)
        if request.method != "POST":
            return HttpResponseRedirect(self._url(item, "workflow"))
        try:
            if request.POST.get("cancel"):
                schedule = get_object_or_404(Schedule, pk=request.POST["cancel"], **{self.opts.model_name: item})
                scheduling.cancel_schedule(schedule=schedule, by=request.user)
                self.message_user(request, f"Cancelled: {schedule}.", messages.SUCCESS)
                return HttpResponseRedirect(self._url(item, "workflow"))
            # Before the linked-terms check: someone who may not schedule gets no warning
            # page to confirm, and no release made for them.
            services.require_permission(request.user, item, "publish", "schedule")
            at = parse_local_datetime(request.POST.get("at", ""))
            if request.POST.get("action") == "unpublish":
                schedule = scheduling.schedule_withdrawal(item=item, at=at, by=request.user)
            else:
                if at <= timezone.now():
                    raise ValidationError("Choose a time in the future, or use Publish now.")
                dangling = unlive_references(item=item, at=at)
                if dangling and request.POST.get("make_release"):
                    return HttpResponseRedirect(self._release_with(request, item, dangling, at))
                if dangling and not request.POST.get("confirm"):
                    return self._reference_warning(request, item, dangling, at=at, transition="schedule")
                health_errors = errors_of(item)
                if health_errors and not request.POST.get("confirm_health"):
                    return self._health_confirmation(
                        request,
                        item,
                        health_errors,
                        post_url=self._url(item, "schedule"),
                        hidden_fields=[
                            ("at", request.POST.get("at", "")),
                            ("action", "publish"),
                            ("confirm", request.POST.get("confirm", "")),
                        ],
                    )
                if health_errors:
                    schedule = services.schedule_despite_health_errors(
                        item=item, at=at, by=request.user, errors=[problem.message for problem in health_errors]
                    )
                else:
                    schedule = scheduling.schedule_publication(item=item, at=at, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, refusal_text(error), messages.ERROR)
            return HttpResponseRedirect(self._url(item, "workflow"))
        self.message_user(request, f"Scheduled: {schedule}.", messages.SUCCESS)
        return HttpResponseRedirect(self._url(item, "workflow"))

    def _reference_warning(self, request, item, dangling, *, at, transition: str) -> HttpResponse:
        context = {
            **self._context(request, item, f"Linked terms will not be live: {item}"),
            "dangling": dangling,
            "at": at,
            "at_local": timezone.localtime(at).strftime("%Y-%m-%dT%H:%M:%S") if at else "",
            "transition": transition,
            "schedule_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_schedule", args=[item.pk]),
        }
        return TemplateResponse(request, "editorial/reference_warning.html", context, status=409)

    def _health_confirmation(self, request, item, errors, *, post_url=None, hidden_fields=None) -> HttpResponse:
        """Ask before publishing (now, or by schedule) over errors; an earlier confirmation is carried through."""
        context = {
            **self._context(request, item, f"Content health errors: {item}"),
            "post_url": post_url or self._url(item, "workflow"),
            "back_url": self._url(item, "workflow"),
            "hidden_fields": hidden_fields or [("transition", "publish"), ("confirm", request.POST.get("confirm", ""))],
        }
        return health_confirmation(request, context=context, flagged=[(item, errors)])

    def _release_with(self, request, item, dangling, at) -> str:
        """Create a release holding the item and the terms it links to, and return its admin URL."""
        if not request.user.has_perm("scheduling.add_release"):
            raise PermissionDenied("You do not have permission to create releases.")
        release = Release.objects.create(name=f"{item} with linked terms", go_live_at=at, created_by=request.user)
        ReleaseItem.objects.create(release=release, **{self.opts.model_name: item})
        ReleaseItem.objects.bulk_create(ReleaseItem(release=release, term=term) for term in dangling)
        self.message_user(
            request,
            "Release created with the linked terms. Once every item is approved, schedule the release.",
            messages.SUCCESS,
        )
        return reverse("admin:scheduling_release_change", args=[release.pk])

    def _workflow_context(self, request: HttpRequest, item) -> dict:
        item.refresh_from_db()
        state = S(item.review_state)
        content_type = ContentType.objects.get_for_model(item)
        versions = item.versions
        # A retired term's version is in force (its slug redirects): it can be withdrawn like a live one.
        live = (versions.in_force if hasattr(versions, "in_force") else versions.live)(at=timezone.now()).first()
        available = []
        for name, (label, action, states, needs_comment) in TRANSITIONS.items():
            allowed = services.may(request.user, item, action) if action else True
            applies = (states is None or state in states) and (name != "unpublish" or live is not None)
            applies = applies and not (name == "archive" and live is not None)  # unpublish first
            if name == "comment":
                allowed = any(services.may(request.user, item, a) for a in ("review", "submit", "change"))
            if allowed and applies:
                available.append({"name": name, "label": label, "needs_comment": needs_comment})
        return {
            **self._context(request, item, f"Review & publish: {item}"),
            "state": state,
            "live_version": live,
            "transitions": available,
            "comments": ReviewComment.objects.filter(content_type=content_type, object_id=item.pk).select_related(
                "author"
            ),
            "audit_entries": AuditEntry.objects.filter(content_type=content_type, object_id=item.pk).select_related(
                "actor"
            )[:50],
            "versions": item.versions.order_by("-number").select_related("published_by"),
            "can_roll_back": services.may(request.user, item, "publish"),
            "rollback_name": f"admin:{self.opts.app_label}_{self.opts.model_name}_rollback",
            "schedules": Schedule.objects.filter(**{self.opts.model_name: item}).order_by("-at")[:20],
            "can_schedule": services.may(request.user, item, "publish"),
            "schedule_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_schedule", args=[item.pk]),
            "time_zone": timezone.get_current_timezone_name(),
            "health_problems": problems_of(item),
            **self._since_last_seen(request, item),
        }

    def _since_last_seen(self, request: HttpRequest, item) -> dict:
        """The field and part changes between the edit this user saw last and the current one."""
        since = last_seen.since_last_seen(user=request.user, item=item)
        changes = []
        if not since.first_look and not since.unchanged and since.current is not None:
            records = {r.history_id: r for r in item.history.filter(history_id__in=[since.base, since.current])}
            older, newer = records.get(since.base), records.get(since.current)
            if older is not None and newer is not None:
                kept = snapshots.snapshots_of(item, [since.base, since.current])
                changes = field_changes(item, older, newer) + part_changes(item, kept, since.base, since.current)
        return {
            "since_seen": since,
            "since_seen_changes": changes,
            "since_seen_compare_url": f"{self._url(item, 'compare')}?{urlencode({'a': since.base, 'b': since.current})}"
            if since.base and since.current and not since.unchanged
            else "",
        }

    def history_list_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = self._item(request, pk)
        records = list(item.history.order_by("-history_id").select_related("history_user"))
        kept = snapshots.snapshots_of(item, [record.history_id for record in records])
        for record in records:
            # The state the save left the item in (a save can send a published item back to draft).
            snapshot = kept.get(record.history_id)
            record.state_after = (
                ReviewState(snapshot.review_state).label if snapshot and snapshot.review_state else None
            ) or record.get_review_state_display()
        context = {
            **self._context(request, item, f"Edit history: {item}"),
            "records": records,
            "compare_url": self._url(item, "compare"),
            "restore_name": f"admin:{self.opts.app_label}_{self.opts.model_name}_restore",
            "can_restore": self.has_change_permission(request, item),
        }
        return TemplateResponse(request, "editorial/history.html", context)

    def compare_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = self._item(request, pk)
        try:
            older_id, newer_id = sorted(int(request.GET[key]) for key in ("a", "b"))
        except (KeyError, ValueError):
            raise Http404("Choose two edits to compare.") from None
        older = get_object_or_404(item.history.model, history_id=older_id, id=item.pk)
        newer = get_object_or_404(item.history.model, history_id=newer_id, id=item.pk)
        context = {
            **self._context(request, item, f"Compare edits #{older_id} and #{newer_id}: {item}"),
            "older": older,
            "newer": newer,
            "changes": field_changes(item, older, newer)
            + part_changes(item, snapshots.snapshots_of(item, [older_id, newer_id]), older_id, newer_id),
        }
        return TemplateResponse(request, "editorial/compare.html", context)

    def restore_view(self, request: HttpRequest, pk: int, history_id: int) -> HttpResponse:
        item = self._item(request, pk)
        if request.method != "POST":
            return HttpResponseRedirect(self._url(item, "edits"))
        try:
            services.restore_edit(item=item, history_id=history_id, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, refusal_text(error), messages.ERROR)
            return HttpResponseRedirect(self._url(item, "edits"))
        self.message_user(
            request,
            f"Edit #{history_id} is restored as a new draft. Nothing public changed; "
            "submit it for review to publish it.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[pk]))

    def rollback_view(self, request: HttpRequest, pk: int, number: int) -> HttpResponse:
        item = self._item(request, pk)
        version = get_object_or_404(item.versions, number=number)
        if request.method == "POST":
            try:
                copy = services.roll_back(version=version, by=request.user)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, refusal_text(error), messages.ERROR)
            else:
                self.message_user(
                    request, f"Published v{number}'s content again as v{copy.number}; it is live now.", messages.SUCCESS
                )
        return HttpResponseRedirect(self._url(item, "workflow"))

    def preview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = self._item(request, pk)
        token = mint_preview_token(kind=self.preview_kind, object_id=item.pk)
        services.audit(item=item, action=AuditEntry.Action.PREVIEW_LINK, by=request.user)
        draft = self.draft_for_preview(item)
        query = urlencode({"preview_token": token})
        api_url = request.build_absolute_uri(reverse(self.api_route, kwargs={"slug": item.slug})) + "?" + query
        context = {
            **self._context(request, item, f"Preview: {item}"),
            "draft": draft,
            "api_preview_url": api_url,
            "frontend_preview_url": self.frontend_preview_pattern().format(slug=item.slug, token=token),
            "token_minutes": settings.GLOSSARY_PREVIEW_TOKEN_SECONDS // 60,
            **self.preview_extra(draft),
        }
        response = TemplateResponse(request, self.preview_template, context)
        response["Cache-Control"] = "private, no-store"
        return response


def parse_local_datetime(value: str) -> datetime:
    """A datetime-local input, read in the admin's time zone; refuses times a DST change skips."""
    try:
        naive = datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError({"at": "Enter a date and time, e.g. 2026-03-30T09:00."}) from None
    if naive.tzinfo is not None:
        return naive
    zone = timezone.get_current_timezone()
    aware = naive.replace(tzinfo=zone)
    if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise ValidationError({"at": f"{value} does not exist in {zone} (the clocks skip it); choose another time."})
    return aware


def field_changes(item, older, newer) -> list[dict]:
    """Field-by-field differences between two saved edits; Markdown compared line by line."""
    changes = []
    for field_name in services.RESTORABLE_FIELDS[type(item)]:
        field = item._meta.get_field(field_name.removesuffix("_id"))
        before, after = getattr(older, field_name), getattr(newer, field_name)
        if before == after:
            continue
        if field_name == "body":
            changes.append({"label": field.verbose_name, "table": _line_diff(before or "", after or "")})
        else:
            if field.is_relation:
                model = field.related_model
                before = model.objects.filter(pk=before).first() if before else None
                after = model.objects.filter(pk=after).first() if after else None
            changes.append({"label": field.verbose_name, "before": before, "after": after})
    return changes


def part_changes(item, kept: dict, older_id: int, newer_id: int) -> list[dict]:
    """The aliases, FAQs, related terms or points that differ between two edits, line by line."""
    return [
        {"label": label, "table": _line_diff(before, after)}
        for label, before, after in snapshots.part_changes(item, kept.get(older_id), kept.get(newer_id))
    ]


def _line_diff(before: str, after: str):
    table = difflib.HtmlDiff(wrapcolumn=70).make_table(
        before.splitlines(), after.splitlines(), "before", "after", context=True, numlines=2
    )
    return mark_safe(table)  # noqa: S308 -- HtmlDiff escapes the text it shows


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "object_repr", "version", "comment"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "comment", "actor__username"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class TermEditorialAdmin(EditorialAdmin):
    preview_kind = "term"
    preview_template = "editorial/preview_term.html"
    api_route = "api:term-detail"

    def frontend_preview_pattern(self) -> str:
        return settings.GLOSSARY_TERM_PREVIEW_URL_PATTERN

    def draft_for_preview(self, item: Term):
        from editorial.selectors import draft_term_version

        return draft_term_version(term_id=item.pk, slug=item.slug, at=timezone.now())

    def preview_extra(self, draft: TermVersion) -> dict:
        now = timezone.now()
        return {"related": selectors.live_term_summaries(term_ids=draft.related_term_ids, at=now)}

    def delete_through_service(self, obj: Term, *, by) -> None:
        term_services.delete_term(term=obj, by=by)


class ComparisonEditorialAdmin(EditorialAdmin):
    preview_kind = "comparison"
    preview_template = "editorial/preview_comparison.html"
    api_route = "api:comparison-detail"

    def frontend_preview_pattern(self) -> str:
        return settings.GLOSSARY_COMPARISON_PREVIEW_URL_PATTERN

    def draft_for_preview(self, item: Comparison):
        from editorial.selectors import draft_comparison_version

        return draft_comparison_version(comparison_id=item.pk, slug=item.slug, at=timezone.now())

    def preview_extra(self, draft) -> dict:
        return {}

    def delete_through_service(self, obj: Comparison, *, by) -> None:
        term_services.delete_comparison(comparison=obj, by=by)


# The content admins build on the classes above; importing them here registers them when
# Django's autodiscovery imports this module (they live with the workflow, above the content apps).
from editorial import admin_faqs, admin_profile, admin_terms  # noqa: E402, F401
