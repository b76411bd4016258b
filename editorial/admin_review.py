"""The review comment thread shown, read-only, on a term's or comparison's change form.

Writers fix what reviewers asked for on the edit form, so the thread is shown there too; replying
and acting stay on the review page, which the panel links to.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from editorial.models import ReviewComment

SHOWN_ON_THE_FORM = 20


def review_thread_panel(item, *, review_url: str) -> str:
    """The item's latest review comments, oldest first, and a link to the review page; one query."""
    if item is None or item.pk is None:
        return "Comments appear here once the item is saved and under review."
    comments = list(
        ReviewComment.objects.filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk)
        .select_related("author")
        .order_by("-created_at", "-id")[: SHOWN_ON_THE_FORM + 1]
    )
    more = len(comments) > SHOWN_ON_THE_FORM
    comments = list(reversed(comments[:SHOWN_ON_THE_FORM]))
    link = format_html('<a href="{}">Reply or act on the review page</a>', review_url)
    if not comments:
        return format_html('<div id="review-thread"><p>No review comments yet. {}</p></div>', link)
    entries = format_html_join(
        "",
        '<li class="review-comment"><strong>{}</strong> · {} · {}{}<div style="white-space:pre-line">{}</div></li>',
        (
            (
                comment.author or "someone",
                comment.get_kind_display(),
                timezone.localtime(comment.created_at).strftime("%Y-%m-%d %H:%M %Z"),
                f" · on edit #{comment.history_id}" if comment.history_id else "",
                comment.text,
            )
            for comment in comments
        ),
    )
    earlier = "Earlier comments are on the review page. " if more else ""
    return format_html(
        '<div id="review-thread"><ul style="margin-left:0;padding-left:1em">{}</ul><p>{}{}</p></div>',
        entries,
        earlier,
        link,
    )
