"""How a refused action reads in the admin, whichever app's service refused it."""

from django.core.exceptions import ValidationError


def refusal_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "You are not allowed to do that."
