"""What a content health check reports: a problem with a severity, the item it is on, and where to fix it."""

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is. Errors make publishing ask for confirmation; `check_content --fail-on` picks one."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse: error 3, warning 2, info 1."""
        return {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}[self]

    def at_least(self, other: "Severity") -> bool:
        return self.rank >= other.rank


@dataclass(frozen=True)
class ItemRef:
    """The item a problem is on: a term, a comparison or a site-wide FAQ (a term's FAQs count as the term's)."""

    kind: str  # "term" | "comparison" | "faq"
    pk: int
    label: str
    fix_url: str  # the item's admin change page

    def as_dict(self) -> dict:
        return {"kind": self.kind, "id": self.pk, "label": self.label}


@dataclass(frozen=True)
class Problem:
    check: str
    severity: Severity
    item: ItemRef
    message: str

    @property
    def fix_url(self) -> str:
        return self.item.fix_url

    def as_dict(self) -> dict:
        return {
            "check": self.check,
            "severity": str(self.severity),
            "item": self.item.as_dict(),
            "message": self.message,
            "fix_url": self.fix_url,
        }
