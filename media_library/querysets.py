"""Vocabulary for reading the image library."""

from django.db import models


class ImageQuerySet(models.QuerySet):
    def matching(self, words: str) -> "ImageQuerySet":
        """Images whose alt text, caption or credit contain `words` (all of them, in any order)."""
        found = self
        for word in words.split():
            found = found.filter(
                models.Q(alt_text__icontains=word)
                | models.Q(caption__icontains=word)
                | models.Q(credit__icontains=word)
            )
        return found

    def with_ids(self, ids: list[int]) -> "ImageQuerySet":
        return self.filter(pk__in=ids)
