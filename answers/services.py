"""Answer a reader's question from live FAQs, and hand the unanswered ones back to editors.

`ask` is what the API calls: it reads (selectors), ranks (ranking) and, when nothing
reaches the confidence threshold, records the question (`record_unanswered_question`).
Recording is one conditional `UPDATE … SET count = count + 1` or one insert guarded by a
unique constraint, so any number of processes asking the same question at once count
every ask exactly once, without a lock held across requests.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet

from answers import ranking, selectors
from answers.models import UnansweredQuestion, UnansweredStatus
from answers.term_index import term_name_index
from answers.text import content_words, normalise_question, without_personal_data
from publishing.clock import read_content_clock

logger = logging.getLogger(__name__)
MAX_ANSWERS = 3
MAX_FOLLOW_UPS = 3
SURE_SCORE = 0.8


class UnknownTerm(Exception):
    """No live term has this slug (unknown, draft, withdrawn or scheduled: the same to a reader)."""


@dataclass(frozen=True)
class AskResult:
    answers: list[ranking.Answer]
    follow_ups: list[str]
    matched_terms: list[dict]  # term summaries, as lists show them
    answered: bool
    page_term_id: int | None = None  # the working copy of the page's term, for recording


def answer_question(*, question: str, term_slug: str | None, at: datetime) -> AskResult:
    """The best live answers to `question`, asked on the page of the live term `term_slug` (or none)."""
    reader_words = content_words(question)
    # The terms the question may name are found in this process's index of live names;
    # their rows, and the page's, are read with the live rule.
    named_ids = term_name_index(read_content_clock(at=at)).candidates(reader_words, limit=selectors.TERM_CANDIDATES)
    page, terms = selectors.live_terms_for_ask(page_slug=term_slug, term_ids=named_ids, at=at)
    if term_slug and page is None:
        raise UnknownTerm(term_slug)
    if page is not None and page not in terms:
        terms.append(page)
    named = ranking.named_terms(ranking.read_question(question, faqs=[], terms=terms), terms)
    of_interest = [page.term_id, *page.related_term_ids] if page else []
    of_interest += [term.term_id for term in named if term.term_id not in of_interest]
    found = selectors.candidate_faqs(
        question=normalise_question(question), words=reader_words, term_ids=of_interest, at=at
    )

    def ranked_among(faqs: list[selectors.FaqRow]) -> ranking.Ranking:
        return ranking.rank(
            question,
            page=page,
            faqs=faqs,
            terms=terms,
            threshold=settings.GLOSSARY_ASK_MIN_SCORE,
            limit=MAX_ANSWERS,
            follow_ups=MAX_FOLLOW_UPS,
        )

    ranked = ranked_among(found.rows)
    # An FAQ with only some of the question's words rarely beats a near-certain answer: look further only without one.
    if not found.complete and not (ranked.answers and ranked.answers[0].score >= SURE_SCORE):
        more = selectors.more_candidate_faqs(
            question=normalise_question(question), words=reader_words, found=found, at=at
        )
        ranked = ranked_among(found.rows + more)
    return AskResult(
        answers=ranked.answers,
        follow_ups=ranked.follow_ups,
        matched_terms=[term.summary for term in ranked.matched_terms],
        answered=ranked.answered,
        page_term_id=page.term_id if page else None,
    )


def ask(*, question: str, term_slug: str | None, at: datetime) -> AskResult:
    """Answer `question`; record it for editors when nothing answers it."""
    result = answer_question(question=question, term_slug=term_slug, at=at)
    if not result.answered:
        record_unanswered_question(question=question, term_id=result.page_term_id, at=at)
    return result


def record_unanswered_question(*, question: str, term_id: int | None, at: datetime) -> bool:
    """Count one more ask of `question` on `term_id`'s page; False when it was not kept (the cap is reached)."""
    # Readers sometimes type their address or number into a chat box: it is not kept.
    text = without_personal_data(normalise_question(question))[: UnansweredQuestion._meta.get_field("text").max_length]
    if not text:
        return False
    same = UnansweredQuestion.objects.filter(text=text, **({"term_id": term_id} if term_id else {"term__isnull": True}))
    if same.update(count=F("count") + 1, last_asked_at=at):
        return True
    if UnansweredQuestion.objects.count() >= settings.GLOSSARY_ASK_UNANSWERED_MAX:
        logger.info(
            "Unanswered question not kept: %s distinct questions are kept already", settings.GLOSSARY_ASK_UNANSWERED_MAX
        )
        return False
    try:
        with transaction.atomic():
            UnansweredQuestion.objects.create(term_id=term_id, text=text, first_asked_at=at, last_asked_at=at)
    except IntegrityError:
        # Another process inserted the same question between our update and insert: count on its row.
        same.update(count=F("count") + 1, last_asked_at=at)
    return True


def dismiss_unanswered_questions(*, questions: QuerySet[UnansweredQuestion]) -> int:
    """Take questions off the open list (they keep being counted, so a dismissed one stays dismissed)."""
    return questions.update(status=UnansweredStatus.DISMISSED)


def mark_faq_draft_started(*, question: UnansweredQuestion) -> None:
    """Note that an editor opened an FAQ draft for this question."""
    UnansweredQuestion.objects.filter(pk=question.pk).update(status=UnansweredStatus.DRAFTED)
