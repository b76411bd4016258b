"""The editor's side of internal links: the link picker's endpoint, the live preview, the save warning.

The picker (static/editorial/link_picker.js, a button and Ctrl+K on every Markdown field)
asks `link_targets_view` for working copies by name or alias and inserts a reference
(`[text](term:42)`, publishing/links.py). The endpoint answers staff only, and each kind
only to users who may view it. The live preview links each reference to its target's admin
page (drafts too: only staff see the preview), titled with whether it is live; a reference
to nothing stays plain text, as publication will show it.
"""

from collections.abc import Iterable

from django.contrib import messages
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from markdownx.models import MarkdownxField

from media_library.references import library_images
from publishing.links import Reference, ResolvedLink, references_in
from publishing.markdown import render
from terms.links import describe_missing_references, link_targets, missing_references
from terms.models import Comparison, ComparisonVersion, Term, TermVersion

MAX_QUERY_LENGTH = 100
# The picker's script, added to every admin page with a Markdown field (editorial/admin_publication.py).
LINK_PICKER_SCRIPT = "editorial/link_picker.js"


@never_cache
@require_GET
def link_targets_view(request: HttpRequest) -> JsonResponse:
    """GET ?q=<name or alias>[&kind=term|comparison]: terms and comparisons to link to, best first."""
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return JsonResponse({"detail": "Staff login required."}, status=403)
    may_terms, may_comparisons = user.has_perm("terms.view_term"), user.has_perm("terms.view_comparison")
    if not (may_terms or may_comparisons):
        return JsonResponse({"detail": "You may not view terms or comparisons."}, status=403)
    query = request.GET.get("q", "").strip()
    if not query:
        return JsonResponse({"detail": "Type part of a name.", "q": ["This parameter is required."]}, status=400)
    if len(query) > MAX_QUERY_LENGTH:
        message = f"At most {MAX_QUERY_LENGTH} characters."
        return JsonResponse({"detail": message, "q": [message]}, status=400)
    kind = request.GET.get("kind", "")
    if kind not in {"", "term", "comparison"}:
        message = "Either term or comparison."
        return JsonResponse({"detail": message, "kind": [message]}, status=400)
    targets = link_targets(
        query=query,
        at=timezone.now(),
        include_terms=may_terms and kind in {"", "term"},
        include_comparisons=may_comparisons and kind in {"", "comparison"},
    )
    return JsonResponse(
        {
            "results": [
                {
                    "kind": target.kind,
                    "id": target.id,
                    "label": target.label,
                    "slug": target.slug,
                    "alias": target.matched_alias,
                    "live": target.is_live,
                    "reference": target.reference.code,
                    "admin_url": _admin_url(target.reference),
                }
                for target in targets
            ]
        }
    )


def _admin_url(reference: Reference) -> str:
    return reverse(f"admin:terms_{reference.kind}_change", args=[reference.id])


def render_preview(text: str) -> str:
    """markdownx's live preview: publication's HTML, with references linking to their targets' admin pages."""
    found = {item.reference for item in references_in(text or "")}
    term_ids = [r.id for r in found if r.kind == "term"]
    comparison_ids = [r.id for r in found if r.kind == "comparison"]
    now = timezone.now()
    names: dict[Reference, str] = {}
    live: set[Reference] = set()
    if term_ids:
        names |= {
            Reference("term", pk): name for pk, name in Term.objects.filter(pk__in=term_ids).values_list("pk", "name")
        }
        live |= {
            Reference("term", pk)
            for pk in TermVersion.objects.live(at=now).filter(term_id__in=term_ids).values_list("term_id", flat=True)
        }
    if comparison_ids:
        names |= {Reference("comparison", c.pk): str(c) for c in Comparison.objects.filter(pk__in=comparison_ids)}
        live |= {
            Reference("comparison", pk)
            for pk in ComparisonVersion.objects.live(at=now)
            .filter(comparison_id__in=comparison_ids)
            .values_list("comparison_id", flat=True)
        }

    def resolve(reference: Reference) -> ResolvedLink | None:
        if reference not in names:
            return None
        state = "live" if reference in live else "not live: published as plain text until it is"
        return ResolvedLink(
            url=_admin_url(reference), title=f"{reference.kind.capitalize()} “{names[reference]}” ({state})"
        )

    return render(text, images=library_images, resolve_link=resolve).html


def markdown_texts(item: object) -> list[str]:
    """The Markdown an item holds: its Markdown fields and, for terms and comparisons, their FAQ answers."""
    texts = [getattr(item, f.name) or "" for f in item._meta.fields if isinstance(f, MarkdownxField)]
    if isinstance(item, Term | Comparison):
        texts += list(item.faqs.values_list("answer", flat=True))
    return texts


def warn_about_missing_references(request: HttpRequest, texts: Iterable[str]) -> None:
    """After a save: name the references to terms or comparisons that do not exist (the text is kept)."""
    missing = missing_references(texts)
    if missing:
        messages.warning(request, describe_missing_references(missing))
