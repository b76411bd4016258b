"""The content health report on the demo glossary: how the default thresholds were calibrated.

The demo is written to the product's guidance (one or two sentence definitions, sectioned
explanations of 245+ words, FAQ answers of two to four sentences), so at the defaults its one
problem is the one left in on purpose: a live page relating to the deprecated "Neural Search".
Retired terms are no pages, so page checks leave them out. The tighter thresholds below show
which demo items sit closest to each line.
"""

import pytest

from health.report import content_health
from terms.demo.loader import load_demo_glossary

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo_glossary()


def flagged(check: str) -> list[str]:
    return sorted({p.item.label for p in content_health().problems if p.check == check})


def test_the_demo_glossary_shows_its_one_real_problem_at_the_default_thresholds(demo):
    problems = [(p.check, p.severity.value, p.item.label) for p in content_health().problems]

    assert problems == [("stale_reference", "warning", "Vector Database")]
    assert "“Neural Search”, which is deprecated" in content_health().problems[0].message


@pytest.mark.parametrize(
    ("setting", "value", "check", "items"),
    [
        (
            "GLOSSARY_HEALTH_MIN_EXPLANATION_WORDS",
            250,
            "thin_content",
            ["Inference", "Large Language Model", "Neural Search", "Small Language Model", "Temperature"],
        ),
        (
            "GLOSSARY_HEALTH_MIN_DEFINITION_WORDS",
            25,
            "thin_content",
            [
                "Instruction Tuning",
                "LoRA",
                "Neural Search",
                "Prompt Engineering",
                "Prompt Engineering vs Fine-tuning",
                "RAG vs Fine-tuning",
            ],
        ),
        # pg_trgm's own default threshold: related definitions, not duplicates.
        (
            "GLOSSARY_HEALTH_NEAR_DUPLICATE_SIMILARITY",
            0.3,
            "duplicate_definition",
            [
                "Base Model",
                "Instruction Tuning",
                "Large Language Model",
                "Neural Search",
                "Pre-training",
                "Prompt Engineering",
                "Semantic Search",
            ],
        ),
        (
            "GLOSSARY_HEALTH_MAX_FAQ_ANSWER_WORDS",
            48,
            "long_faq_answer",
            ["Attention Mechanism", "Fine-tuning", "What is this glossary?"],
        ),
    ],
)
def test_tighter_thresholds_flag_the_demo_items_nearest_the_line(demo, settings, setting, value, check, items):
    setattr(settings, setting, value)
    assert flagged(check) == items
