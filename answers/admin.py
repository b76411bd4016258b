"""Admin for unanswered questions: by count per term, with "Create FAQ draft" and "Dismiss".

"Create FAQ draft" opens the term's change form with the question in a new FAQ row
(editorial/admin_terms.py reads `PREFILL_FAQ_QUESTION`), or the site-wide FAQ add form
for questions asked without a term; nothing is saved until the editor saves that form.
The list shows open questions unless its status filter says otherwise.
"""

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from answers import services
from answers.models import UnansweredQuestion, UnansweredStatus
from editorial.admin_terms import PREFILL_FAQ_QUESTION


def as_faq_question(text: str) -> str:
    """The recorded (lower-case) question as an editor would start an FAQ with it."""
    return text[:1].upper() + text[1:] + ("" if text.endswith("?") else "?")


def faq_draft_url(question: UnansweredQuestion) -> str:
    """The admin form that starts an FAQ answering `question`, with the question filled in."""
    text = as_faq_question(question.text)
    if question.term_id:
        change = reverse("admin:terms_term_change", args=[question.term_id])
        return f"{change}?{urlencode({PREFILL_FAQ_QUESTION: text})}"
    return f"{reverse('admin:faqs_sitewidefaq_add')}?{urlencode({'question': text})}"


class StatusFilter(admin.SimpleListFilter):
    """Open questions by default; the others on request."""

    title = "status"
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*UnansweredStatus.choices, (self.ALL, "all")]

    def queryset(self, request, queryset):
        value = self.value() or UnansweredStatus.OPEN
        return queryset if value == self.ALL else queryset.filter(status=value)

    def choices(self, changelist):
        current = self.value() or UnansweredStatus.OPEN
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


@admin.register(UnansweredQuestion)
class UnansweredQuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "term", "count", "first_asked_at", "last_asked_at", "status", "draft_link"]
    list_filter = [StatusFilter, ("term", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["term"]
    # By count per term: each term's questions together, the most asked first.
    ordering = ["term__name", "-count", "-last_asked_at"]
    search_fields = ["text", "term__name"]
    fields = ["text", "term", "count", "first_asked_at", "last_asked_at", "status"]
    readonly_fields = fields
    actions = ["create_faq_draft", "dismiss"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # readers add them, by asking

    @admin.display(description="")
    def draft_link(self, obj: UnansweredQuestion) -> str:
        return format_html('<a href="{}">Create FAQ draft</a>', faq_draft_url(obj))

    @admin.action(description="Create FAQ draft", permissions=["change"])
    def create_faq_draft(self, request: HttpRequest, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Select one question to draft an FAQ for.", messages.WARNING)
            return None
        question = queryset.get()
        services.mark_faq_draft_started(question=question)
        return HttpResponseRedirect(faq_draft_url(question))

    @admin.action(description="Dismiss", permissions=["change"])
    def dismiss(self, request: HttpRequest, queryset) -> None:
        dismissed = services.dismiss_unanswered_questions(questions=queryset)
        self.message_user(request, f"Dismissed {dismissed} question{'s' if dismissed != 1 else ''}.", messages.SUCCESS)
