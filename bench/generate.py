"""Fill a database with a large, deterministic glossary for the benchmark, published for real.

Run it from the project folder with the project's settings, against the database in
DATABASE_URL:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/glossary_bench \
    DJANGO_SETTINGS_MODULE=glossary_cms.settings .venv/bin/python bench/generate.py --terms 10000

Working copies, aliases, FAQs, related-term links and typed relations are bulk-created
(each explanation names a few other terms, which publication finds as mentions); every term is
then published with the real `terms.services.publish_term`, so published versions,
rendered HTML, denormalised FAQs and search data are exactly what editors would get.
The same `--seed` always gives the same glossary. It refuses to touch a database that
already holds terms unless `--reset` is given.
"""

import argparse
import os
import random
import sys
import time
from itertools import accumulate
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glossary_cms.settings")

import django  # noqa: E402  (the path and settings above must come first)

django.setup()

from django.db import connection, connections, transaction  # noqa: E402
from django.utils.text import slugify  # noqa: E402

from faqs.models import FAQ  # noqa: E402
from terms.models import (  # noqa: E402
    CallToAction,
    Category,
    Comparison,
    ComparisonVersion,
    RelatedTerm,
    SlugRedirect,
    Term,
    TermAlias,
    TermRelation,
    TermVersion,
)
from terms.services import publish_term  # noqa: E402

# Words of the explanations, most frequent first: they are drawn with Zipf weights
# (1/rank), so early words are in nearly every body and late ones in a few percent.
_VOCABULARY_TEXT = """
the of and to a in is that for it as with on by this be are from or an which can model data
training learning system input output value layer network function process result example
used each more than when how also between other into only these such its their one most new
time set large small first may based method approach performance task information number
error feature parameter weight vector token sample step rate loss update batch memory context
prediction inference accuracy quality signal pattern structure sequence representation space
distribution probability estimate label class score target objective constraint policy agent
reward state action environment search query document index retrieval ranking embedding
attention transformer encoder decoder head position window length budget latency throughput
cost hardware cluster device kernel precision quantization pruning distillation compression
gradient descent optimizer momentum schedule warmup regularization dropout normalization
activation residual convolution pooling recurrent graph node edge tree forest boosting
ensemble bagging variance bias overfitting underfitting generalization validation benchmark
dataset corpus annotation augmentation synthetic curriculum pretraining finetuning adapter
prompt instruction alignment preference feedback evaluation metric baseline ablation
hypothesis experiment analysis interpretation explanation attribution saliency probe circuit
neuron activation sparsity mixture expert routing gate capacity scaling law emergence
reasoning planning tool memory retrieval grounding hallucination factuality safety
robustness adversarial perturbation attack defense privacy federated differential secure
fairness audit governance compliance deployment serving monitoring drift observability
pipeline orchestration workflow scheduler queue cache shard replica checkpoint snapshot
tokenizer vocabulary subword byte merge encoding decoding sampling temperature nucleus
beam greedy logit softmax entropy perplexity calibration uncertainty confidence interval
bayesian prior posterior likelihood marginal kernel manifold clustering centroid
dimensionality projection spectral eigenvector matrix tensor factorization decomposition
autoencoder variational diffusion denoising generative discriminative contrastive
triplet margin siamese multimodal vision speech audio image video caption segmentation
detection tracking recognition classification regression forecasting anomaly outlier
imputation tabular timeseries streaming online offline batchwise incremental continual
catastrophic forgetting replay transfer domain shift adaptation zeroshot fewshot
metalearning hyperparameter sweep bandit exploration exploitation horizon discount
trajectory rollout simulator emulator latent world dynamics controller actuator sensor
robot navigation mapping localization odometry lidar radar camera calibration fusion
"""
VOCABULARY = list(dict.fromkeys(_VOCABULARY_TEXT.split()))

# Names are made of these, uniformly: two or three words each.
_NAME_WORDS_TEXT = """
adaptive attention autoregressive batch bayesian beam causal chain contrastive conditional
continual convolutional cross curriculum decoder deep dense differential diffusion direct
discrete distributed dropout dynamic early embedding encoder ensemble federated few
gated generative gradient graph greedy hidden hierarchical hybrid implicit inverse
kernel knowledge latent layer linear local logistic low masked memory meta mixed
model momentum monte multi mutual neural noisy offline online optimal parallel partial
policy positional prefix probabilistic prompt proximal quantized random rank recurrent
reinforcement relative residual retrieval reward rotary sampling scaled self semantic
sequence shared sliding soft sparse spectral stochastic structured supervised synthetic
temporal tensor token transfer transformer tree uniform universal value variational
vector vision weight window zero
agent alignment augmentation autoencoder baseline benchmark boosting cache calibration
checkpoint classifier clipping clustering compression decay descent distillation drift
encoding entropy estimator evaluation expert factorization filter forest function gate
head inference initialization learning loss machine matrix mechanism method metric
network normalization objective optimizer pooling pretraining pruning quantization
regression regularization representation routing scaling schedule search segmentation
similarity smoothing softmax space tokenizer training transform unit update
"""
NAME_WORDS = list(dict.fromkeys(_NAME_WORDS_TEXT.split()))

HEADINGS = [
    "What it is",
    "How it works",
    "Why it matters",
    "A short history",
    "Common pitfalls",
    "Examples",
    "How to measure it",
    "Trade-offs",
    "In practice",
    "Related ideas",
]
QUESTIONS = [
    "What is {name}?",
    "How does {name} work?",
    "When should I use {name}?",
    "What are the limits of {name}?",
    "How is {name} evaluated?",
    "Is {name} expensive to run?",
]
CATEGORIES = [
    ("bench-foundations", "Foundations"),
    ("bench-models", "Models and architectures"),
    ("bench-training", "Training"),
    ("bench-inference", "Inference and serving"),
    ("bench-evaluation", "Evaluation and safety"),
    ("bench-data", "Data"),
]
BODY_WORDS = 560
# Other terms each explanation names (they become mentions, linked while live), beside the
# names that the random prose happens to form.
MENTIONS_PER_BODY = 3
MENTION_SENTENCES = ["It is often used with {name}.", "Compare it with {name}.", "See how {name} handles this."]
FAQS_PER_TERM = 4
RELATED_PER_TERM = 3
# Typed relations: every term has a "see also"; one in BROADER_EVERY has a broader term made
# before it (so they never loop), whose page then lists it as narrower.
BROADER_EVERY = 20
BATCH_SIZE = 1000
PROGRESS_EVERY = 500


class Writer:
    """Deterministic fake prose from the fixed vocabulary."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.cum_weights = list(accumulate(1 / rank for rank in range(1, len(VOCABULARY) + 1)))

    def words(self, count: int) -> list[str]:
        return self.random.choices(VOCABULARY, cum_weights=self.cum_weights, k=count)

    def sentence(self, low: int = 7, high: int = 18) -> str:
        words = self.words(self.random.randint(low, high))
        if self.random.random() < 0.25:
            position = self.random.randrange(len(words))
            words[position] = f"**{words[position]}**"
        return " ".join(words).capitalize() + "."

    def paragraph(self, word_budget: int) -> tuple[str, int]:
        sentences, used = [], 0
        while used < word_budget:
            sentence = self.sentence()
            sentences.append(sentence)
            used += len(sentence.split())
        return " ".join(sentences), used

    def body(self, name: str, mentions: list[str] = ()) -> str:
        """About BODY_WORDS words: an intro, then five `##` sections, one with a list, one with code.

        Each name of `mentions` is named in a sentence closing one of the sections.
        """
        headings = sorted(self.random.sample(range(len(HEADINGS)), 5))
        intro, used = self.paragraph(60)
        parts = [f"**{name}** {intro[0].lower()}{intro[1:]}"]
        per_section = (BODY_WORDS - used) // len(headings)
        for number, heading in enumerate(headings):
            parts.append(f"## {HEADINGS[heading]}")
            if number == 1:
                parts.append("\n".join(f"- {self.sentence(4, 9)}" for _ in range(4)))
                text, _ = self.paragraph(per_section - 25)
            elif number == 3:
                text, _ = self.paragraph(per_section - 5)
                text += f" Set `{self.words(1)[0]}_{self.words(1)[0]}` to tune it."
            else:
                text, _ = self.paragraph(per_section)
            if number < len(mentions):
                text += " " + MENTION_SENTENCES[number % len(MENTION_SENTENCES)].format(name=mentions[number])
            half = len(text) // 2
            split = text.find(". ", half)
            parts.append(text if split < 0 else f"{text[: split + 1]}\n\n{text[split + 2 :]}")
        parts.append(f"See [the reference](https://example.com/glossary/{slugify(name)}/) for more.")
        return "\n\n".join(parts) + "\n"

    def short_definition(self, name: str) -> str:
        return f"{name}: {self.sentence(12, 22)}"[:290]

    def faq_answer(self) -> str:
        return " ".join(self.sentence(6, 14) for _ in range(self.random.randint(2, 4)))


def unique_names(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        words = rng.sample(NAME_WORDS, rng.choice((2, 2, 3)))
        name = " ".join(word.capitalize() for word in words)
        if name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    return names


def other_names(rng: random.Random, names: list[str], name: str) -> list[str]:
    """MENTIONS_PER_BODY names of other terms, for an explanation to mention."""
    others = [other for other in rng.sample(names, min(len(names), MENTIONS_PER_BODY + 1)) if other != name]
    return others[:MENTIONS_PER_BODY]


def acronym(name: str) -> str:
    return "".join(word[0] for word in name.split()).upper()


def delete_glossary() -> None:
    """Delete every comparison and term, with their versions, FAQs, aliases and redirects."""
    with transaction.atomic():
        ComparisonVersion.objects.all().delete()
        Comparison.objects.all().delete()
        SlugRedirect.objects.all().delete()
        TermVersion.objects.all().delete()
        Term.objects.all().delete()


def create_working_copies(*, count: int, seed: int) -> list[int]:
    """Bulk-create terms, aliases, FAQs and related links; return the term ids in creation order."""
    writer = Writer(seed)
    categories = []
    for order, (slug, name) in enumerate(CATEGORIES):
        category, _ = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": f"Benchmark terms about {name.lower()}.", "order": order}
        )
        categories.append(category)
    cta, _ = CallToAction.objects.get_or_create(
        name="bench-cta",
        defaults={
            "title": "Build your AI agent",
            "text": "7-day free trial, no card needed.",
            "button_label": "Start free trial",
            "button_url": "https://example.com/signup",
        },
    )

    names = unique_names(writer.random, count)
    term_ids: list[int] = []
    with transaction.atomic():
        for start in range(0, count, BATCH_SIZE):
            batch = [
                Term(
                    name=name,
                    slug=slugify(name),
                    short_definition=writer.short_definition(name),
                    body=writer.body(name, mentions=other_names(writer.random, names, name)),
                    category=writer.random.choice(categories),
                    cta=cta,
                )
                for name in names[start : start + BATCH_SIZE]
            ]
            Term.objects.bulk_create(batch)
            term_ids += [term.pk for term in batch]
            aliases = [TermAlias(term=term, name=acronym(term.name)) for term in batch]
            FAQ.objects.bulk_create(
                FAQ(
                    term=term,
                    question=question.format(name=term.name),
                    answer=writer.faq_answer(),
                    order=order,
                )
                for term in batch
                for order, question in enumerate(writer.random.sample(QUESTIONS, FAQS_PER_TERM))
            )
            TermAlias.objects.bulk_create(aliases)
            print(f"  created {start + len(batch):>6} / {count} working copies", flush=True)
        links = []
        for term_id in term_ids:
            others = set()
            while len(others) < min(RELATED_PER_TERM, count - 1):
                other = writer.random.choice(term_ids)
                if other != term_id:
                    others.add(other)
            links += [RelatedTerm(term_id=term_id, related_id=other, order=n) for n, other in enumerate(sorted(others))]
        RelatedTerm.objects.bulk_create(links, batch_size=BATCH_SIZE)
        relations = []
        for position, term_id in enumerate(term_ids[1:], start=1):
            relations.append(TermRelation(term_id=term_id, type="see_also", target_id=term_ids[position - 1]))
            if position % BROADER_EVERY == 0:
                broader = term_ids[writer.random.randrange(position - 1)]  # never the "see also" one
                relations.append(TermRelation(term_id=term_id, type="broader", target_id=broader))
        TermRelation.objects.bulk_create(relations, batch_size=BATCH_SIZE)
    return term_ids


def publish_chunk(term_ids: list[int]) -> int:
    """Publish the given terms, one real `publish_term` each (runs in a worker process)."""
    for term in Term.objects.filter(pk__in=term_ids).only("pk"):
        publish_term(term=term, by=None)
    connections.close_all()
    return len(term_ids)


def publish_all(term_ids: list[int], *, jobs: int) -> None:
    chunks = [term_ids[start : start + 100] for start in range(0, len(term_ids), 100)]
    done, started, next_report = 0, time.monotonic(), PROGRESS_EVERY

    def report(count: int) -> None:
        nonlocal done, next_report
        done += count
        if done >= next_report or done == len(term_ids):
            elapsed = time.monotonic() - started
            print(f"  published {done:>6} / {len(term_ids)}  ({done / elapsed:6.1f} terms/s)", flush=True)
            next_report = done - done % PROGRESS_EVERY + PROGRESS_EVERY

    if jobs <= 1:
        for chunk in chunks:
            report(publish_chunk(chunk))
        return
    # Each worker opens its own connection; the parent's must not be shared across fork.
    connections.close_all()
    with get_context("fork").Pool(jobs) as pool:
        for count in pool.imap_unordered(publish_chunk, chunks):
            report(count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terms", type=int, default=10_000, help="how many terms to create (default 10000)")
    parser.add_argument("--seed", type=int, default=42, help="random seed: the same seed gives the same glossary")
    parser.add_argument("--reset", action="store_true", help="delete all terms, comparisons and versions first")
    parser.add_argument(
        "--jobs",
        type=int,
        default=0,
        help="processes that publish in parallel (default: CPU count on PostgreSQL, 1 on SQLite)",
    )
    parser.add_argument("--slugs-file", type=Path, help="write the slugs of the published terms here, one a line")
    args = parser.parse_args()
    if args.terms < 1:
        parser.error("--terms must be at least 1")
    if not os.environ.get("DATABASE_URL"):
        parser.error("set DATABASE_URL to the benchmark database (refusing to fill the default one)")

    database = connection.settings_dict
    print(f"Database: {connection.vendor} {database.get('NAME')} on {database.get('HOST') or 'local file'}")
    if Term.objects.exists() or TermVersion.objects.exists():
        if not args.reset:
            sys.exit("This database already has terms; pass --reset to delete them all first.")
        print("Deleting existing terms, comparisons and versions ...", flush=True)
        delete_glossary()

    default_jobs = (os.cpu_count() or 1) if connection.vendor == "postgresql" else 1
    jobs = args.jobs or default_jobs
    total_started = time.monotonic()
    print(f"Creating {args.terms} working copies (seed {args.seed}) ...", flush=True)
    term_ids = create_working_copies(count=args.terms, seed=args.seed)
    created_in = time.monotonic() - total_started

    print(f"Publishing {len(term_ids)} terms with publish_term ({jobs} process(es)) ...", flush=True)
    publish_started = time.monotonic()
    publish_all(term_ids, jobs=jobs)
    published_in = time.monotonic() - publish_started

    if connection.vendor == "postgresql":
        # What autovacuum would do soon after a bulk load: fresh planner statistics, no dead rows.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    live = TermVersion.objects.filter(live_until__isnull=True).count()
    if args.slugs_file:
        slugs = TermVersion.objects.filter(live_until__isnull=True).order_by("slug").values_list("slug", flat=True)
        args.slugs_file.parent.mkdir(parents=True, exist_ok=True)
        args.slugs_file.write_text("".join(f"{slug}\n" for slug in slugs))
        print(f"Wrote {live} slugs to {args.slugs_file}")
    total = time.monotonic() - total_started
    print(
        f"Done: {live} live terms. Working copies {created_in:.1f}s, publishing {published_in:.1f}s "
        f"({len(term_ids) / published_in:.1f} terms/s), total {total:.1f}s."
    )


if __name__ == "__main__":
    main()
