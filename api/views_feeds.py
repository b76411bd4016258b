"""Delivery API v1 for machines: the change feed, llms.txt, pages as Markdown, sitemap.xml.

Like every delivery view (api/views.py), each answers at the instant its request read the
content clock, from live published versions only, through the response cache.
"""

from datetime import datetime

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view

from api.feeds import FEED_PARAMETERS, ChangeFeedSerializer, FeedParams, decode_cursor, encode_cursor
from api.params import validated_params
from api.views import DeliveryView
from publishing.changes import FeedCursor, changes_page
from terms.structured_data import category_url, comparison_url, term_url

PAGE_URL_OF = {"term": term_url, "comparison": comparison_url, "category": category_url}


def page_url(kind: str, slug: str) -> str | None:
    url_of = PAGE_URL_OF.get(kind)
    return url_of(slug) if url_of else None


@extend_schema_view(
    get=extend_schema(
        parameters=[FeedParams],
        responses={
            200: ChangeFeedSerializer,
            400: OpenApiResponse(description="`since` is not a cursor this API gave out, or `limit` is out of range."),
        },
        description=(
            "What went live, changed or left, oldest first. Start without `since`, then pass `next_cursor` "
            "back as `since`; read on at once while `has_more`. Withdrawn and deleted items appear as "
            "`withdrawn`; a renamed slug as `redirected` (with `new_slug`), then `published` for the new slug. "
            "A scheduled change appears at its instant. A cursor never skips a change, even one that commits "
            "after a later one."
        ),
    )
)
class ChangeFeedView(DeliveryView):
    pagination_class = None
    allowed_parameters = FEED_PARAMETERS

    def answer(self, request, *, now: datetime):
        params = validated_params(FeedParams, request.query_params)
        since = request.query_params.get("since")  # raw: an empty `since=` is a mistake, not "from the start"
        cursor = decode_cursor(since) if since is not None else FeedCursor()
        page = changes_page(cursor=cursor, at=now, limit=params["limit"])
        return {
            "changes": [
                {
                    "cursor": encode_cursor(own),
                    "type": change.kind,
                    "slug": change.slug,
                    "action": change.action,
                    "at": change.at,
                    "url": page_url(change.kind, change.slug),
                    "new_slug": change.new_slug or None,
                    "new_url": page_url(change.kind, change.new_slug) if change.new_slug else None,
                }
                for change, own in page.changes
            ],
            "next_cursor": encode_cursor(page.next_cursor),
            "has_more": page.has_more,
        }
