"""The A–Z index: which letter a term is filed under."""

import string
import unicodedata

DIGITS = "0-9"
OTHER = "#"
INDEX_LETTERS = [*string.ascii_uppercase, DIGITS]


def index_letter_of(name: str) -> str:
    """File "Éclair" under E, "3D model" under 0-9, and anything else under #."""
    for character in unicodedata.normalize("NFKD", name.strip()):
        if character.isascii() and character.isalpha():
            return character.upper()
        if character.isdigit():
            return DIGITS
        if unicodedata.combining(character):
            continue
        return OTHER
    return OTHER
