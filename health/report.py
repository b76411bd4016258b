"""Run the registered checks and shape what they found: the whole report, or one item's problems."""

import json
from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.utils import timezone

from health.checks import CHECKS
from health.corpus import load_corpus
from health.problems import Problem, Severity

SEVERITY_ORDER = [Severity.ERROR, Severity.WARNING, Severity.INFO]


@dataclass(frozen=True)
class HealthReport:
    at: datetime
    problems: list[Problem]

    def by_severity(self) -> list[tuple[Severity, list[Problem]]]:
        """[(severity, its problems)] from errors to infos, each sorted by item then check; empty ones left out."""
        groups = []
        for severity in SEVERITY_ORDER:
            found = [p for p in self.problems if p.severity == severity]
            if found:
                groups.append((severity, sorted(found, key=lambda p: (p.item.label.lower(), p.check))))
        return groups

    def counts(self) -> dict[str, int]:
        return {str(s): sum(1 for p in self.problems if p.severity == s) for s in SEVERITY_ORDER}

    def worst(self) -> Severity | None:
        return max((p.severity for p in self.problems), key=lambda s: s.rank, default=None)

    def for_item(self, kind: str, pk: int) -> list[Problem]:
        return [p for group in self.by_severity() for p in group[1] if (p.item.kind, p.item.pk) == (kind, pk)]

    def as_json(self) -> str:
        return json.dumps(
            {
                "at": self.at.isoformat(),
                "counts": self.counts(),
                "problems": [p.as_dict() for _, group in self.by_severity() for p in group],
            },
            indent=2,
            ensure_ascii=False,
        )

    def as_text(self) -> str:
        counts = self.counts()
        lines = [
            f"Content health at {self.at:%Y-%m-%d %H:%M:%S %Z}: "
            + ", ".join(f"{n} {name}{'' if n == 1 else 's'}" for name, n in counts.items())
            + "."
        ]
        for severity, problems in self.by_severity():
            lines.append("")
            lines.append(f"{severity.upper()}S ({len(problems)})")
            for problem in problems:
                lines.append(f"  {problem.item.kind} “{problem.item.label}” [{problem.check}] {problem.message}")
                lines.append(f"      fix: {problem.fix_url}")
        return "\n".join(lines) + "\n"


def content_health(*, at: datetime | None = None) -> HealthReport:
    """Run every registered check over the glossary as it stands (a fixed number of queries)."""
    at = at or timezone.now()
    corpus = load_corpus(at=at)
    problems = [problem for registered in CHECKS.values() for problem in registered.run(corpus)]
    return HealthReport(at=at, problems=problems)


def item_kind(item: models.Model) -> str:
    """The kind name reports use for a working copy: term, comparison or faq."""
    return {"term": "term", "comparison": "comparison"}.get(item._meta.model_name, "faq")


def problems_of(item: models.Model, *, at: datetime | None = None) -> list[Problem]:
    """One item's problems, worst first (cross-item checks need the whole glossary, so it runs them all)."""
    return content_health(at=at).for_item(item_kind(item), item.pk)


def errors_of(item: models.Model, *, at: datetime | None = None) -> list[Problem]:
    return [p for p in problems_of(item, at=at) if p.severity == Severity.ERROR]
