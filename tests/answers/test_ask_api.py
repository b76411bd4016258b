"""POST /api/v1/ask/: the contract the chat widget builds on, its errors, and how it is served."""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.datastructures import CaseInsensitiveMapping

from answers.models import UnansweredQuestion
from answers.services import answer_question
from api.caching import response_cache_key
from api.views_ask import AskResponseSerializer, ask_response_body
from terms.services import publish_term
from tests.answers.conftest import ASK
from tests.api.wsgi_client import EnvironFactory, WsgiAnswer
from tests.factories import FAQFactory, RelatedTermFactory, TermFactory

pytestmark = pytest.mark.django_db


def ask(api_client, question: str, term: str | None = None, **headers):
    payload = {"question": question} | ({"term": term} if term is not None else {})
    return api_client.post(ASK, payload, **headers)


def test_an_answer_has_exactly_the_widget_contract(api_client, glossary):
    answer = ask(api_client, "what chunk size should I use?", "chunking")

    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/json"
    body = answer.json()
    assert set(body) == {"answers", "follow_ups", "matched_terms", "answered"}
    assert body["answered"] is True
    first = body["answers"][0]
    assert set(first) == {"faq_id", "question", "answer_html", "answer_text", "score", "source", "term"}
    assert first["faq_id"] == glossary.chunk_size.pk
    assert first["question"] == "What chunk size should I use?"
    assert first["answer_html"].strip() == "<p>A few hundred tokens, with overlap.</p>"
    assert first["answer_text"] == "A few hundred tokens, with overlap."
    assert first["source"] == "term"
    assert first["term"] == {"slug": "chunking", "name": "Chunking"}
    assert 0 < first["score"] <= 1


def test_the_page_terms_faq_comes_first_then_its_related_terms(api_client, glossary):
    body = ask(api_client, "what chunk size should I use", "chunking").json()

    assert [(a["source"], a["term"]["slug"]) for a in body["answers"][:2]] == [("term", "chunking"), ("related", "rag")]
    assert body["answers"][0]["score"] >= body["answers"][1]["score"]


def test_a_question_about_another_term_is_answered_from_that_term(api_client, glossary):
    body = ask(api_client, "what temperature should I use?", "chunking").json()

    assert body["answers"][0]["faq_id"] == glossary.temperature_choice.pk
    assert body["answers"][0]["source"] == "related"
    assert [term["slug"] for term in body["matched_terms"]] == ["temperature"]


def test_without_a_term_a_terms_faq_has_source_term(api_client, glossary):
    body = ask(api_client, "what temperature should I use?").json()

    assert body["answers"][0]["source"] == "term"
    assert body["answers"][0]["term"] == {"slug": "temperature", "name": "Temperature"}


def test_a_site_wide_faq_answers_with_source_site_and_no_term(api_client, glossary):
    body = ask(api_client, "can I cite this glossary in a paper", "chunking").json()

    assert body["answers"][0]["faq_id"] == glossary.site_cite.pk
    assert body["answers"][0]["source"] == "site"
    assert body["answers"][0]["term"] is None


def test_what_is_x_without_an_faq_answers_with_the_terms_quick_definition(api_client, glossary):
    body = ask(api_client, "What is RAG?", "chunking").json()

    first = body["answers"][0]
    assert first == {
        "faq_id": None,
        "question": "What is Retrieval-Augmented Generation?",
        "answer_html": "<p>Answering with documents retrieved for the question.</p>",
        "answer_text": "Answering with documents retrieved for the question.",
        "score": first["score"],
        "source": "related",
        "term": {"slug": "rag", "name": "Retrieval-Augmented Generation"},
    }
    assert body["answered"] is True


def test_the_same_question_on_two_terms_is_answered_once(api_client, glossary):
    FAQFactory(term=glossary.temperature, question="What chunk size should I use?", answer="Not a temperature thing.")
    publish_term(term=glossary.temperature, by=None)

    body = ask(api_client, "what chunk size should I use", "chunking").json()

    questions = [answer["question"] for answer in body["answers"]]
    assert questions.count("What chunk size should I use?") == 1
    assert body["answers"][0]["term"]["slug"] == "chunking"


def test_matched_terms_are_term_summaries_of_the_terms_named(api_client, glossary):
    body = ask(api_client, "is chunking needed for RAG?").json()

    by_slug = {term["slug"]: term for term in body["matched_terms"]}
    assert set(by_slug) == {"chunking", "rag"}
    summary = api_client.get("/api/v1/terms/?q=chunking").json()["results"][0]
    assert by_slug["chunking"] == summary


def test_follow_ups_are_the_page_terms_other_questions_in_editor_order(api_client, glossary):
    body = ask(api_client, "what chunk size should I use", "chunking").json()

    assert body["follow_ups"] == [glossary.overlap.question, glossary.lost_context.question]


def test_at_most_three_answers_each_above_the_threshold(api_client, glossary, settings):
    settings.GLOSSARY_ASK_MIN_SCORE = 0.01
    body = ask(api_client, "chunk size overlap context splitting chunks", "chunking").json()
    assert len(body["answers"]) == 3

    settings.GLOSSARY_ASK_MIN_SCORE = 0.99
    body = ask(api_client, "what chunk size should I use for RAG", "chunking").json()
    assert all(answer["score"] >= 0.99 for answer in body["answers"])


def test_a_question_nothing_answers_is_answered_false_and_recorded(api_client, glossary):
    body = ask(api_client, "  How do I reset my PASSWORD?? ", "chunking").json()

    assert body == {"answers": [], "follow_ups": body["follow_ups"], "matched_terms": [], "answered": False}
    recorded = UnansweredQuestion.objects.get()
    assert (recorded.text, recorded.term, recorded.count) == ("how do i reset my password", glossary.chunking, 1)


def test_an_answered_question_is_not_recorded(api_client, glossary):
    ask(api_client, "what chunk size should I use", "chunking")

    assert not UnansweredQuestion.objects.exists()


def test_an_old_slug_of_a_renamed_term_is_its_page(api_client, glossary):
    glossary.chunking.slug = "text-chunking"
    glossary.chunking.save()
    publish_term(term=glossary.chunking, by=None)

    body = ask(api_client, "what chunk size should I use", "chunking").json()

    assert body["answers"][0]["term"]["slug"] == "text-chunking"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "question"),
        ({"question": ""}, "question"),
        ({"question": "   "}, "question"),
        ({"question": None}, "question"),
        ({"question": 42}, "question"),
        ({"question": ["what?"]}, "question"),
        ({"question": "x" * 501}, "question"),
        ({"question": "nul \x00 byte"}, "question"),
        ({"question": "ok?", "term": 7}, "term"),
        ({"question": "ok?", "term": ""}, "term"),
        ({"question": "ok?", "term": "no-such-term"}, "term"),
        ({"question": "ok?", "colour": "red"}, "colour"),
    ],
)
def test_a_bad_body_is_a_json_400_naming_the_field(api_client, glossary, body, field):
    answer = api_client.post(ASK, body)

    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/json"
    assert answer.json()["field"] == field
    assert f"'{field}'" in answer.json()["detail"]


def test_a_question_of_500_characters_is_accepted(api_client, glossary):
    assert ask(api_client, "chunk " * 83 + "si").status_code == 200


@pytest.mark.parametrize("raw", [b"not json", b"[1, 2]", b'"a string"', b"", b"\xff\xfe"])
def test_a_body_that_is_not_a_json_object_is_a_400_naming_the_body(glossary, raw):
    answer = _raw_post(raw, content_type="application/json")

    assert answer.status_code == 400
    assert answer.json()["field"] == "body"


def test_a_json_body_sent_as_text_plain_is_read(glossary):
    """A browser widget may post text/plain to skip the CORS preflight."""
    answer = _raw_post(b'{"question": "what chunk size should I use"}', content_type="text/plain")

    assert answer.status_code == 200
    assert answer.json()["answered"] is True


def _raw_post(body: bytes, *, content_type: str, **headers):
    """POST raw bytes through the production WSGI stack (the JSON client would encode them)."""
    from glossary_cms.wsgi import application  # as tests/api/wsgi_client.py: loaded with the test's settings

    environ = EnvironFactory().generic("POST", ASK, body, content_type=content_type, **headers)
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started["status"], started["headers"] = status, response_headers

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = application(environ, start_response)
        content = b"".join(result)
        result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    code, _, reason = started["status"].partition(" ")
    return WsgiAnswer(int(code), reason, CaseInsensitiveMapping(dict(started["headers"])), content)


def test_unknown_query_parameters_are_refused(api_client, glossary):
    answer = api_client.post(f"{ASK}?debug=1", {"question": "chunk size?"})

    assert answer.status_code == 400
    assert answer.json()["parameter"] == "debug"


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_other_methods_are_405(api_client, glossary, method):
    assert getattr(api_client, method)(ASK).status_code == 405


def test_asks_are_never_cached(api_client, glossary, settings):
    """The same POST twice runs the view twice: nothing stored, nothing replayed (fast path included)."""
    settings.GLOSSARY_SERVER_CACHE = True
    first = ask(api_client, "how do I reset my password", "chunking")
    second = ask(api_client, "how do I reset my password", "chunking")

    assert first["Cache-Control"] == second["Cache-Control"] == "no-store"
    assert "ETag" not in second
    assert UnansweredQuestion.objects.get().count == 2
    meta = {"HTTP_HOST": "testserver", "wsgi.url_scheme": "http", "QUERY_STRING": ""}
    assert cache.get(response_cache_key(meta, path=ASK)) is None


def test_asks_need_no_csrf_token_or_cookie(glossary, client):
    """Through Django's full middleware (CsrfViewMiddleware included), as well as the API's own."""
    strict = Client(enforce_csrf_checks=True)
    answer = strict.post(ASK, {"question": "what chunk size should I use"}, content_type="application/json")

    assert answer.status_code == 200
    assert "Set-Cookie" not in answer


def test_cors_preflight_and_post_from_an_allowed_origin(api_client, glossary, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://www.example.com"]
    preflight = api_client.options(
        ASK,
        HTTP_ORIGIN="https://www.example.com",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    answer = ask(api_client, "what chunk size should I use", HTTP_ORIGIN="https://www.example.com")
    other = ask(api_client, "what chunk size should I use", HTTP_ORIGIN="https://evil.example.net")

    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "https://www.example.com"
    assert "POST" in preflight["Access-Control-Allow-Methods"]
    assert "content-type" in preflight["Access-Control-Allow-Headers"]
    assert answer["Access-Control-Allow-Origin"] == "https://www.example.com"
    assert "Access-Control-Allow-Origin" not in other


def test_asks_are_throttled_per_client_on_their_own_rate(api_client, glossary, settings):
    settings.API_THROTTLE_ASK = "2/minute"
    settings.API_THROTTLE_ANON = "100/minute"

    statuses = [ask(api_client, "what chunk size?", REMOTE_ADDR="192.0.2.1").status_code for _ in range(3)]
    other_client = ask(api_client, "what chunk size?", REMOTE_ADDR="192.0.2.2").status_code
    reads = api_client.get("/api/v1/terms/", REMOTE_ADDR="192.0.2.1").status_code

    assert statuses == [200, 200, 429]
    assert other_client == 200
    assert reads == 200  # the ask rate is its own: reading pages is not held back by asking


def test_a_spoofed_forwarded_for_does_not_escape_the_ask_rate(api_client, glossary, settings):
    settings.API_THROTTLE_ASK = "1/minute"
    first = ask(api_client, "chunk size?", REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR="203.0.113.1")
    second = ask(api_client, "chunk size?", REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR="203.0.113.2")

    assert (first.status_code, second.status_code) == (200, 429)


def test_the_schema_documents_ask_with_its_request_and_response(api_client):
    schema = api_client.get("/api/v1/schema/?format=json")
    if schema.status_code != 200:
        schema = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    text = schema.content.decode()

    assert "/api/v1/ask/" in text
    for name in ("AskRequest", "AskResponse", "AskAnswer", "matched_terms", "follow_ups"):
        assert name in text


def _queries_of_one_ask(api_client, question: str, term: str | None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert ask(api_client, question, term).status_code == 200
    return len(queries)


# Reads: the content clock, the page term with the candidate terms, candidate FAQs (on PostgreSQL
# a second FAQ read when few FAQs have every word and none answers surely). The first ask after a
# change to live content also reads the live term names (each process's index, answers/term_index.py).
# Recording adds an update, a count, and an insert in a savepoint.
READS, INDEX_READ, RECORDING = 4, 1, 5


def test_an_ask_reads_a_constant_number_of_queries(api_client, glossary, django_assert_max_num_queries):
    small = _queries_of_one_ask(api_client, "what chunk size should I use", "chunking")
    unanswered_small = _queries_of_one_ask(api_client, "how do I reset my password", "chunking")
    for number in range(25):
        term = TermFactory(name=f"Chunk strategy {number}", slug=f"chunk-strategy-{number}")
        FAQFactory(term=term, question=f"What chunk size suits strategy {number}?")
        RelatedTermFactory(term=glossary.chunking, related=term)
        publish_term(term=term, by=None)
        FAQFactory(question=f"Site question about chunk size {number}?", published=True)
    publish_term(term=glossary.chunking, by=None)

    large = _queries_of_one_ask(api_client, "what chunk size should I use", "chunking")
    unanswered_large = _queries_of_one_ask(api_client, "how do I reset my email", "chunking")
    assert max(small, large) <= READS + INDEX_READ  # each the first ask after publications
    assert max(unanswered_small, unanswered_large) <= READS + RECORDING
    with django_assert_max_num_queries(READS):
        ask(api_client, "what chunk size should I use", "chunking")
    with django_assert_max_num_queries(READS + RECORDING):
        ask(api_client, "how do I change my username", "chunking")


def test_a_body_over_the_upload_limit_is_a_json_400(glossary, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    answer = _raw_post(b'{"question": "' + b"x" * 2000 + b'"}', content_type="application/json")

    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("what chunk size should I use", "chunking"),
        ("what is RAG", "chunking"),
        ("what chunk size works for rag", None),
        ("can I cite this glossary", None),
        ("how do I reset my password", "chunking"),
    ],
)
def test_the_response_body_is_the_documented_serializers_output(glossary, question, term):
    result = answer_question(question=question, term_slug=term, at=timezone.now())

    assert ask_response_body(result) == AskResponseSerializer(result).data
