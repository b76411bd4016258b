"""Words of a reader's question as the ranking compares them: pure functions, no database.

Stems come from the Snowball English stemmer, the one PostgreSQL's `english` text search
configuration uses, so a word stems the same in the Python scorer on every database as in
PostgreSQL's full-text candidate search.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

MAX_QUESTION_LENGTH = 500
_WORD = re.compile(r"[a-z0-9]+")
_SPACES = re.compile(r"\s+")
_STEMMER = snowballstemmer.stemmer("english")

# Function words and the words every question is made of: they say how a reader asks,
# not what about, so matching them would rank FAQs by phrasing.
_STOPWORD_TEXT = """
a about above after again against all am an and any are aren as at be because been before being
below between both but by can could couldn did didn do does doesn doing don down during each either
few for from further had has have having he her here hers herself him himself his how i if in into
is isn it its itself just let ll me more most my myself no nor not now of off on once only or other
our ours ourselves out over own re s same she should so some such t than that the their theirs them
themselves then there these they this those through to too under until up ve very was we were what
whats when where which while who whom why will with would you your yours yourself yourselves d m o y
really actually still just even also ever one ones thing things way ways much many lot lots kind
tell explain please anyone someone something anything know want wondering question
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# Stems common in any question about AI models: they count, at half the weight of the others.
GENERIC_STEMS = frozenset(
    ["model", "use", "differ", "need", "make", "get", "good", "better", "best", "work", "ai", "llm", "mean", "like"]
)


def normalise_question(text: str) -> str:
    """The question as it is recorded and compared: NFKC, lower case, single spaces, no closing punctuation."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _SPACES.sub(" ", text).strip()
    return text.rstrip("?!. ").strip()


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LONG_NUMBER = re.compile(r"\+?\d[\d ()./-]{5,}\d")


def without_personal_data(text: str) -> str:
    """The text with e-mail addresses and long numbers (phones, cards, accounts) replaced by placeholders."""
    return _LONG_NUMBER.sub("[number]", _EMAIL.sub("[email]", text))


def words(text: str) -> list[str]:
    """Lower-case words and numbers; hyphenated and apostrophised words are split ("fine-tuning": fine, tuning)."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).lower().replace("'", ""))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def content_words(text: str) -> list[str]:
    """The words of `text` that say what it is about, in order, without repeats."""
    return list(dict.fromkeys(word for word in words(text) if word not in STOPWORDS))


def content_stems(text: str) -> list[str]:
    return list(dict.fromkeys(stem(word) for word in content_words(text)))


def joined_variants(text: str) -> set[str]:
    """Stems of adjacent word pairs written as one word ("fine tuning" also as "finetun"), for spellings that vary."""
    found = content_words(text)
    return {stem(first + second) for first, second in zip(found, found[1:], strict=False)}


def stem_weight(stem_: str) -> float:
    return 0.5 if stem_ in GENERIC_STEMS else 1.0
