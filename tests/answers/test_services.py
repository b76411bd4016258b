"""Recording unanswered questions: normalised, counted once per ask in any number of processes, capped."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from answers.models import UnansweredQuestion, UnansweredStatus
from answers.services import dismiss_unanswered_questions, record_unanswered_question
from answers.text import normalise_question
from tests.factories import TermFactory

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.mark.parametrize(
    ("asked", "recorded"),
    [
        ("How do I reset my password?", "how do i reset my password"),
        ("  how   do I\treset my PASSWORD ?!  ", "how do i reset my password"),
        ("Ｆｕｌｌｗｉｄｔｈ letters?", "fullwidth letters"),
    ],
)
def test_questions_are_recorded_normalised(asked, recorded):
    assert normalise_question(asked) == recorded


@pytest.mark.django_db
def test_the_same_question_on_the_same_page_is_one_row_counted_each_time():
    term = TermFactory()
    first, later = timezone.now(), timezone.now() + timedelta(hours=2)

    record_unanswered_question(question="Is it free?", term_id=term.pk, at=first)
    record_unanswered_question(question="is it FREE", term_id=term.pk, at=later)
    record_unanswered_question(question="Is it free?", term_id=None, at=later)

    on_term = UnansweredQuestion.objects.get(term=term)
    site_wide = UnansweredQuestion.objects.get(term__isnull=True)
    assert (on_term.text, on_term.count, on_term.first_asked_at, on_term.last_asked_at) == (
        "is it free",
        2,
        first,
        later,
    )
    assert site_wide.count == 1


@pytest.mark.django_db
def test_the_database_keeps_one_row_per_question_and_page_also_without_a_term():
    at = timezone.now()
    UnansweredQuestion.objects.create(text="is it free", first_asked_at=at, last_asked_at=at)

    with pytest.raises(IntegrityError), transaction.atomic():
        UnansweredQuestion.objects.create(text="is it free", first_asked_at=at, last_asked_at=at)


@pytest.mark.django_db
def test_no_new_question_is_kept_beyond_the_cap_but_kept_ones_still_count(settings):
    settings.GLOSSARY_ASK_UNANSWERED_MAX = 2
    at = timezone.now()
    kept = [record_unanswered_question(question=f"question {n}", term_id=None, at=at) for n in range(3)]
    again = record_unanswered_question(question="question 0", term_id=None, at=at)

    assert kept == [True, True, False]
    assert again is True
    assert sorted(UnansweredQuestion.objects.values_list("text", "count")) == [("question 0", 2), ("question 1", 1)]


@pytest.mark.django_db
def test_a_dismissed_question_stays_dismissed_when_asked_again():
    at = timezone.now()
    record_unanswered_question(question="is it free", term_id=None, at=at)
    dismiss_unanswered_questions(questions=UnansweredQuestion.objects.all())
    record_unanswered_question(question="is it free", term_id=None, at=at)

    question = UnansweredQuestion.objects.get()
    assert (question.status, question.count) == (UnansweredStatus.DISMISSED, 2)


@pytest.mark.django_db
def test_addresses_and_long_numbers_typed_into_a_question_are_not_kept():
    question = "Can you mail jane.doe+ai@example.co.uk or call +44 20 7946 0958 about GPT-4 in 2025?"
    record_unanswered_question(question=question, term_id=None, at=timezone.now())

    assert UnansweredQuestion.objects.get().text == "can you mail [email] or call [number] about gpt-4 in 2025"


def test_nothing_about_the_reader_is_stored():
    fields = {field.name for field in UnansweredQuestion._meta.get_fields()}

    assert fields == {"id", "term", "text", "count", "first_asked_at", "last_asked_at", "status"}


RECORD_ON_SIGNAL = """
import sys
from django.utils import timezone
from answers.services import record_unanswered_question
print("ready", flush=True)
sys.stdin.readline()
for _ in range({asks}):
    record_unanswered_question(question="Is it free?", term_id={term_id}, at=timezone.now())
    record_unanswered_question(question="Who wrote this?", term_id=None, at=timezone.now())
print("done", flush=True)
"""


@pytest.mark.django_db(transaction=True)
def test_processes_asking_the_same_new_questions_at_once_count_every_ask_on_one_row():
    if connection.vendor != "postgresql":
        pytest.skip("Needs a database several processes share: the SQLite test database is in memory.")
    term = TermFactory()
    database = connection.settings_dict
    env = os.environ | {
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "DATABASE_CONN_MAX_AGE": "0",
    }
    processes, asks = 4, 30
    code = RECORD_ON_SIGNAL.format(asks=asks, term_id=term.pk)
    running = [
        subprocess.Popen(  # noqa: S603 -- our own manage.py with a fixed script
            [sys.executable, "manage.py", "shell", "--no-startup", "--verbosity", "0", "-c", code],
            cwd=PROJECT_ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    try:
        for process in running:
            assert process.stdout.readline().strip() == "ready", process.stderr.read()
        for process in running:  # all start at once: each one's first ask races the others' inserts
            process.stdin.write("go\n")
            process.stdin.flush()
        outputs = [process.communicate(timeout=120) for process in running]
    finally:
        for process in running:
            if process.poll() is None:
                process.kill()
                process.wait()

    assert [process.returncode for process in running] == [0] * processes, outputs
    counts = dict(UnansweredQuestion.objects.values_list("text", "count"))
    assert counts == {"is it free": processes * asks, "who wrote this": processes * asks}
