"""The content health checks: one small named function per kind of problem, in a registry.

Each check takes the `ContentCorpus` (loaded once, in a fixed number of queries) and
yields `Problem`s; none queries per item (the near-duplicate check asks PostgreSQL once).
Thresholds are settings (`GLOSSARY_HEALTH_*`, see the README). Add a check by writing a
function and decorating it with `@check(...)`: the admin page, the review panel, the
publish confirmation and `manage.py check_content` all run the registry.
"""

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings

from health.corpus import ComparisonRow, ContentCorpus, TermRow
from health.links import internal_links
from health.problems import ItemRef, Problem, Severity
from health.similarity import normalised, similar_definition_pairs
from publishing.links import references_in
from terms.models import TermStatus

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_WORDS = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True)
class Check:
    name: str
    title: str
    run: Callable[[ContentCorpus], Iterable[Problem]]


CHECKS: dict[str, Check] = {}


def check(name: str, title: str) -> Callable:
    """Register a check under `name` (shown in reports and JSON) with a title editors read."""

    def register(function: Callable[[ContentCorpus], Iterable[Problem]]) -> Callable:
        CHECKS[name] = Check(name=name, title=title, run=function)
        return function

    return register


def word_count(markdown: str) -> int:
    """Words a reader sees: link targets left out, hyphenated words counted once."""
    return len(_WORDS.findall(_LINK_TARGET.sub("]", markdown)))


def _pages(corpus: ContentCorpus) -> Iterator[TermRow | ComparisonRow]:
    yield from corpus.active_terms()
    yield from corpus.active_comparisons()


def _kind(page: TermRow | ComparisonRow) -> str:
    return "term" if isinstance(page, TermRow) else "comparison"


@check("thin_content", "Thin definition or explanation")
def thin_content(corpus: ContentCorpus) -> Iterator[Problem]:
    min_definition = settings.GLOSSARY_HEALTH_MIN_DEFINITION_WORDS
    min_explanation = settings.GLOSSARY_HEALTH_MIN_EXPLANATION_WORDS
    for page in _pages(corpus):
        is_term = isinstance(page, TermRow)
        label = "quick definition" if is_term else "summary"
        words = word_count(page.short_definition if is_term else page.summary)
        if words < min_definition:
            yield Problem(
                "thin_content", WARNING, page.ref, f"The {label} has {words} words; write at least {min_definition}."
            )
        words = word_count(page.body)
        if words < min_explanation:
            yield Problem(
                "thin_content",
                WARNING,
                page.ref,
                f"The explanation has {words} words; write at least {min_explanation}.",
            )


@check("no_faqs", "No FAQs")
def no_faqs(corpus: ContentCorpus) -> Iterator[Problem]:
    with_faqs = {("term", f.term_id) for f in corpus.faqs} | {("comparison", f.comparison_id) for f in corpus.faqs}
    for page in _pages(corpus):
        if (_kind(page), page.pk) not in with_faqs:
            yield Problem("no_faqs", WARNING, page.ref, "No FAQs: the chat widget and the FAQ list will be empty.")


@check("long_faq_answer", "FAQ answer too long for the widget")
def long_faq_answer(corpus: ContentCorpus) -> Iterator[Problem]:
    limit = settings.GLOSSARY_HEALTH_MAX_FAQ_ANSWER_WORDS
    for faq in corpus.faqs:
        words = word_count(faq.answer)
        owner = corpus.owner_ref(faq)
        if words > limit and owner is not None:
            yield Problem(
                "long_faq_answer",
                WARNING,
                owner,
                f"The answer to “{faq.question}” has {words} words; the chat widget reads best within {limit}.",
            )


@check("duplicate_definition", "Duplicate or near-duplicate definition")
def duplicate_definition(corpus: ContentCorpus) -> Iterator[Problem]:
    terms = {t.pk: t for t in corpus.active_terms()}
    same_text: dict[str, list[TermRow]] = defaultdict(list)
    for term in terms.values():
        same_text[normalised(term.short_definition)].append(term)
    exact = set()
    for group in same_text.values():
        for term in group:
            for other in group:
                if other is not term:
                    exact.add((min(term.pk, other.pk), max(term.pk, other.pk)))
                    yield Problem(
                        "duplicate_definition",
                        ERROR,
                        term.ref,
                        f"The quick definition is the same as “{other.name}”'s.",
                    )
    threshold = settings.GLOSSARY_HEALTH_NEAR_DUPLICATE_SIMILARITY
    texts = {pk: term.short_definition for pk, term in terms.items()}
    for a, b, score in similar_definition_pairs(texts, threshold=threshold):
        if (a, b) in exact:
            continue
        for term, other in ((terms[a], terms[b]), (terms[b], terms[a])):
            yield Problem(
                "duplicate_definition",
                WARNING,
                term.ref,
                f"The quick definition is {score:.0%} similar to “{other.name}”'s: make each say what is its own.",
            )


@check("alias_is_other_name", "Alias equals another term's name")
def alias_is_other_name(corpus: ContentCorpus) -> Iterator[Problem]:
    names = {term.name.strip().lower(): term for term in corpus.active_terms()}
    for term in corpus.active_terms():
        for alias in corpus.aliases.get(term.pk, []):
            other = names.get(alias.strip().lower())
            if other is not None and other.pk != term.pk:
                yield Problem(
                    "alias_is_other_name",
                    ERROR,
                    term.ref,
                    f"The alias “{alias}” is the name of another term, “{other.name}”: readers and search "
                    "cannot tell which is meant.",
                )


def inbound_term_ids(corpus: ContentCorpus) -> set[int]:
    """Terms that something else points at: related terms, comparisons, Markdown links, references and mentions.

    A mention counts from the live page that makes it (found at publication, terms/mentions.py):
    it links the term from the moment the term is live.
    """
    inbound: set[int] = set()
    for term in corpus.active_terms():
        inbound.update(related for related in corpus.related.get(term.pk, []) if related != term.pk)
        inbound.update(mentioned for mentioned in corpus.live_term_mentions.get(term.pk, []) if mentioned != term.pk)
    for comparison in corpus.active_comparisons():
        inbound.update((comparison.term_a_id, comparison.term_b_id))
    for source_id, text in _texts(corpus):
        for link in internal_links(text):
            target = corpus.term_by_slug(link.slug) if link.kind == "term" else None
            if target is not None and source_id != ("term", target.pk):
                inbound.add(target.pk)
        for found in references_in(text):
            reference = found.reference
            if reference.kind == "term" and reference.id in corpus.terms and source_id != ("term", reference.id):
                inbound.add(reference.id)
    return inbound


@check("orphan_term", "Orphan term")
def orphan_term(corpus: ContentCorpus) -> Iterator[Problem]:
    inbound = inbound_term_ids(corpus)
    for term in corpus.active_terms():
        if term.pk not in inbound:
            yield Problem(
                "orphan_term",
                WARNING,
                term.ref,
                "Nothing links to it: no related term, comparison, link or mention in another page points here.",
            )


def _texts(corpus: ContentCorpus) -> Iterator[tuple[tuple[str, int], str]]:
    """((owner kind, owner id), Markdown) of every body and FAQ answer editors still work on."""
    for page in _pages(corpus):
        yield (_kind(page), page.pk), page.body
    for faq in corpus.faqs:
        owner = corpus.owner_ref(faq)
        if owner is not None:
            yield (owner.kind, owner.pk), faq.answer


@check("broken_internal_link", "Internal link to a missing or not live page")
def broken_internal_link(corpus: ContentCorpus) -> Iterator[Problem]:
    refs = {}
    for page in _pages(corpus):
        refs[(_kind(page), page.pk)] = page.ref
    for faq in corpus.faqs:
        if faq.is_site_wide:
            refs[("faq", faq.pk)] = corpus.site_faq_ref(faq)
    for owner, text in _texts(corpus):
        for link in internal_links(text):
            if link.kind == "term":
                target = corpus.term_by_slug(link.slug)
                live = target is not None and corpus.is_term_live(target.pk)
                name = target.name if target else None
            else:
                target = corpus.comparison_by_slug(link.slug)
                live = target is not None and corpus.is_comparison_served(target.pk)
                name = target.title if target else None
            if target is None:
                message = f"Links to {link.url}, but no {link.kind} has the slug “{link.slug}”."
            elif not live:
                message = f"Links to {link.url} (“{name}”), which is not live: readers would get a missing page."
            else:
                continue
            yield Problem("broken_internal_link", ERROR, refs[owner], message)
        yield from _reference_problems(corpus, refs[owner], text)


def _reference_problems(corpus: ContentCorpus, owner: ItemRef, text: str) -> Iterator[Problem]:
    """References (`[text](term:42)`): to nothing is an error; to an item not live, a warning (plain text)."""
    for found in references_in(text):
        reference = found.reference
        written = f"“{found.text}” ({reference.code})" if found.text else reference.code
        if reference.kind == "term":
            term = corpus.terms.get(reference.id)
            name, live = (term.name, corpus.is_term_live(term.pk)) if term else (None, False)
        else:
            comparison = corpus.comparisons.get(reference.id)
            name = (comparison.title or comparison.slug) if comparison else None
            live = comparison is not None and corpus.is_comparison_served(comparison.pk)
        if name is None:
            yield Problem(
                "broken_internal_link",
                ERROR,
                owner,
                f"Links to {written}, but no {reference.kind} has the id {reference.id}: "
                "it is published as plain text. Pick the target again with the link picker.",
            )
        elif not live:
            yield Problem(
                "broken_internal_link",
                WARNING,
                owner,
                f"Links to {written}, the {reference.kind} “{name}”, which is not live: it is published as "
                "plain text until it is live and this page is published again.",
            )


NOT_LIVE = "is not live"


def not_current_terms(corpus: ContentCorpus) -> dict[int, str]:
    """Terms a live page should no longer point at, with why: not live, or deprecated."""
    reasons = {pk: NOT_LIVE for pk in corpus.terms if not corpus.is_term_live(pk)}
    for pk, status in corpus.live_term_status.items():
        if status == TermStatus.DEPRECATED:
            reasons[pk] = "is deprecated (point at its successor instead)"
    return reasons


def _consequence(reason: str, when_not_live: str) -> str:
    return when_not_live if reason == NOT_LIVE else "readers are sent to an outdated page."


@check("stale_reference", "Live page points at a term that is not current")
def stale_reference(corpus: ContentCorpus) -> Iterator[Problem]:
    not_current = not_current_terms(corpus)
    for comparison_id, live in sorted(corpus.live_comparisons.items()):
        comparison = corpus.comparisons.get(comparison_id)
        if comparison is None or comparison.archived:
            continue
        for term_id in (live.term_a_id, live.term_b_id):
            if term_id in not_current:
                term = corpus.terms[term_id]
                yield Problem(
                    "stale_reference",
                    ERROR,
                    comparison.ref,
                    f"Its live version compares “{term.name}”, which {not_current[term_id]}: "
                    + _consequence(not_current[term_id], "the API does not serve the comparison meanwhile."),
                )
    for term_id, related_ids in sorted(corpus.live_term_related.items()):
        term = corpus.terms.get(term_id)
        if term is None or term.archived:
            continue
        for related_id in related_ids:
            if related_id in not_current and related_id in corpus.terms:
                related = corpus.terms[related_id]
                yield Problem(
                    "stale_reference",
                    WARNING,
                    term.ref,
                    f"Its live version relates to “{related.name}”, which {not_current[related_id]}: "
                    + _consequence(not_current[related_id], "the link is left out."),
                )
    yield from _stale_links(corpus)


def _stale_links(corpus: ContentCorpus) -> Iterator[Problem]:
    """Live pages whose links (resolved at their publication) lead to an item withdrawn or renamed since."""
    for (kind, pk), linked in sorted(corpus.live_links.items()):
        page = corpus.terms.get(pk) if kind == "term" else corpus.comparisons.get(pk)
        if page is None or page.archived or not linked:
            continue
        for item in linked:
            target_id = item["id"]
            if item["kind"] == "term":
                target = corpus.terms.get(target_id)
                live = corpus.is_term_live(target_id)
                name = target.name if target else item["slug"]
            else:
                target = corpus.comparisons.get(target_id)
                live = corpus.is_comparison_served(target_id)
                name = (target.title or target.slug) if target else item["slug"]
            if not live:
                yield Problem(
                    "stale_reference",
                    WARNING,
                    page.ref,
                    f"Its live version links to “{name}”, which is no longer live: readers get a missing page. "
                    "Publish this page again to show it as plain text.",
                )
            elif corpus.live_slugs.get((item["kind"], target_id)) != item["slug"]:
                yield Problem(
                    "stale_reference",
                    INFO,
                    page.ref,
                    f"Its live version links to “{name}” under its old slug “{item['slug']}”, which redirects: "
                    "publish this page again to link the new one.",
                )


@check("no_call_to_action", "No call to action")
def no_call_to_action(corpus: ContentCorpus) -> Iterator[Problem]:
    for term in corpus.active_terms():
        if term.cta_id is None:
            yield Problem("no_call_to_action", INFO, term.ref, "No call to action under the term.")


@check("not_reviewed", "Not reviewed for a long time")
def not_reviewed(corpus: ContentCorpus) -> Iterator[Problem]:
    months = settings.GLOSSARY_HEALTH_REVIEW_MONTHS
    cutoff = corpus.at - timedelta(days=round(months * 30.44))
    for page in _pages(corpus):
        reviewed = corpus.last_reviewed.get((_kind(page), page.pk)) or page.created_at
        if reviewed < cutoff:
            yield Problem(
                "not_reviewed",
                INFO,
                page.ref,
                f"Last reviewed {reviewed:%Y-%m-%d}, over {months} months ago: check it is still right.",
            )
