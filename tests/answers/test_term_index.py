"""The terms a question names are found in each process's index of live names, which follows every change.

The index is kept per content generation and timeline span: a publication or withdrawal
by any process, and a scheduled one reaching its instant, are seen by the next ask.
"""

import json
import time
import urllib.request
from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.db.models import F, Value
from django.utils import timezone
from django.utils.text import slugify

from answers.selectors import TrigramSimilar
from answers.term_index import build_term_name_index
from terms.models import TermVersion
from terms.services import publish_term, unpublish_term
from tests.answers.conftest import ASK
from tests.factories import TermAliasFactory, TermFactory
from tests.processes import database_of_its_own, run_script, servers

pytestmark = pytest.mark.django_db


def named(api_client, question: str) -> list[str]:
    answer = api_client.post(ASK, {"question": question})
    assert answer.status_code == 200
    return [term["slug"] for term in answer.json()["matched_terms"]]


def candidate_slugs(question_words: list[str]) -> list[str]:
    index = build_term_name_index(at=timezone.now())
    slugs = {term.pk: term.slug for term in TermFactory._meta.model.objects.all()}
    return [slugs[term_id] for term_id in index.candidates(question_words, limit=30)]


def test_a_term_is_a_candidate_by_a_word_of_its_name_or_alias_name_first():
    by_alias = TermFactory(name="Retrieval-Augmented Generation", slug="rag", published=False)
    TermAliasFactory(term=by_alias, name="Grounded answering")
    publish_term(term=by_alias, by=None)
    TermFactory(name="Grounding", slug="grounding", published=True)
    TermFactory(name="Answer engine", slug="answer-engine", published=True)
    TermFactory(name="Temperature", slug="temperature", published=True)

    # "answering" stems as "answer": the name "Answer engine" (1) ranks above the alias (0.4).
    assert candidate_slugs(["answering"]) == ["answer-engine", "rag"]
    assert candidate_slugs(["generation"]) == ["rag"]
    assert candidate_slugs(["cooking"]) == []


def test_a_misspelt_name_is_a_candidate_by_trigrams_as_postgresql_matched_it():
    TermFactory(name="Tokenizer", slug="tokenizer", published=True)
    TermFactory(name="Temperature", slug="temperature", published=True)

    assert candidate_slugs(["tokenzier"]) == ["tokenizer"]
    assert candidate_slugs(["tok"]) == []  # under 4 letters: no trigram match


def test_only_live_terms_are_indexed():
    TermFactory(name="Zebrafish draft", slug="zebrafish-draft")
    withdrawn = TermFactory(name="Zebrafish withdrawn", slug="zebrafish-withdrawn", published=True)
    unpublish_term(term=withdrawn, by=None)
    TermFactory(name="Zebrafish live", slug="zebrafish-live", published=True)

    assert candidate_slugs(["zebrafish"]) == ["zebrafish-live"]


def test_a_publication_and_a_withdrawal_are_named_from_the_next_ask(api_client):
    TermFactory(name="Chunking", slug="chunking", published=True)
    assert named(api_client, "is chunking like zebrafish") == ["chunking"]  # the index is now kept

    zebrafish = TermFactory(name="Zebrafish", slug="zebrafish", published=True)
    assert named(api_client, "is chunking like zebrafish") == ["chunking", "zebrafish"]

    unpublish_term(term=zebrafish, by=None)
    assert named(api_client, "is chunking like zebrafish") == ["chunking"]


def test_a_scheduled_term_is_named_from_its_instant_and_no_longer_after_its_withdrawal(api_client):
    TermFactory(name="Chunking", slug="chunking", published=True)
    go_live = timezone.now() + timedelta(hours=1)
    withdrawal = go_live + timedelta(hours=1)
    term = TermFactory(name="Zebrafish", slug="zebrafish", short_definition="A striped fish.")
    publish_term(term=term, by=None, at=go_live)
    unpublish_term(term=term, by=None, at=withdrawal)

    before = named(api_client, "what is zebrafish")  # kept for this generation until `go_live`
    with time_machine.travel(go_live + timedelta(seconds=1), tick=False):
        during = api_client.post(ASK, {"question": "what is zebrafish"}).json()
    with time_machine.travel(withdrawal + timedelta(seconds=1), tick=False):
        after = named(api_client, "what is zebrafish")

    assert before == []
    assert [term["slug"] for term in during["matched_terms"]] == ["zebrafish"]
    assert during["answers"][0]["answer_text"] == "A striped fish."
    assert after == []


def test_the_index_is_kept_for_a_generation_and_read_again_after_a_change(
    api_client, django_assert_num_queries, django_assert_max_num_queries
):
    TermFactory(name="Chunking", slug="chunking", published=True)
    with django_assert_max_num_queries(20) as first:
        named(api_client, "chunking size")
    with django_assert_max_num_queries(20) as second:
        named(api_client, "chunking size")
    TermFactory(name="Zebrafish", slug="zebrafish", published=True)
    with django_assert_max_num_queries(20) as after_change:
        assert named(api_client, "chunking size zebrafish") == ["chunking", "zebrafish"]

    index_reads = [
        sum('"terms_termversion"."aliases"' in query["sql"] and '"slug"' not in query["sql"] for query in run)
        for run in (first.captured_queries, second.captured_queries, after_change.captured_queries)
    ]
    assert index_reads == [1, 0, 1]


# --- Across processes ------------------------------------------------------------------

WRITER = """
from datetime import timedelta
from django.utils import timezone
from terms.models import Term
from terms.services import publish_term, unpublish_term
"""


def names_seen_by(server, question: str) -> list[str]:
    request = urllib.request.Request(  # noqa: S310 -- loopback only
        f"http://127.0.0.1:{server.port}{ASK}",
        data=json.dumps({"question": question}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return [term["slug"] for term in json.loads(response.read())["matched_terms"]]


def publish_new_term(database_url: str, name: str) -> None:
    term = f'Term.objects.create(name="{name}", slug="{name.lower()}", short_definition="d.")'
    run_script(database_url, WRITER + f"publish_term(term={term}, by=None)")


@pytest.fixture(scope="module")
def database_url(tmp_path_factory):
    with database_of_its_own(tmp_path_factory.mktemp("ask-processes")) as url:
        yield url


def test_a_server_names_what_another_process_publishes_withdraws_or_schedules(database_url):
    run_script(
        database_url,
        WRITER
        + 'publish_term(term=Term.objects.create(name="Chunking", slug="chunking", short_definition="d."), by=None)',
    )
    with servers(database_url, 1, environment={"API_THROTTLE_ASK": ""}) as (server,):
        question = "chunking or zebrafish or quokka"
        assert names_seen_by(server, question) == ["chunking"]  # the server keeps its index

        run_script(
            database_url,
            WRITER
            + 'publish_term(term=Term.objects.create(name="Zebrafish", slug="zebrafish", short_definition="d."), '
            "by=None)",
        )
        assert names_seen_by(server, question) == ["chunking", "zebrafish"]

        run_script(database_url, WRITER + 'unpublish_term(term=Term.objects.get(slug="zebrafish"), by=None)')
        assert names_seen_by(server, question) == ["chunking"]

        at = datetime.fromisoformat(
            run_script(
                database_url,
                WRITER + 'term = Term.objects.create(name="Quokka", slug="quokka", short_definition="d.")\n'
                "at = timezone.now() + timedelta(seconds=2)\n"
                "publish_term(term=term, by=None, at=at)\n"
                "print(at.isoformat())",
            ).strip()
        )
        assert names_seen_by(server, question) == ["chunking"]
        while time.time() < at.timestamp() + 0.2:  # real processes keep real time
            time.sleep(0.05)
        assert names_seen_by(server, question) == ["chunking", "quokka"]


def test_names_similar_by_trigrams_are_those_postgresqls_operator_finds():
    if connection.vendor != "postgresql":
        pytest.skip("Compares with pg_trgm's `%` operator.")
    for name in ("Tokenizer", "Token", "Temperature", "Top-p sampling", "Retrieval-Augmented Generation", "Tempo"):
        TermFactory(name=name, slug=slugify(name), published=True)
    index = build_term_name_index(at=timezone.now())
    names = dict(TermVersion.objects.values_list("term_id", "name"))

    for word in ("tokenzier", "tokens", "temprature", "sampling", "retreival", "augmentd", "tempo", "xyzzy"):
        similar = TermVersion.objects.filter(TrigramSimilar(F("name"), Value(word)))
        in_postgresql = sorted(similar.values_list("name", flat=True))
        assert sorted(names[term_id] for term_id in index.similar_names(word)) == in_postgresql, word
