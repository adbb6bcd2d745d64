"""Classification values an administrator edits: causes, God vård areas, action types, …

One table for every scheme ("orsak", "god_vard_area", "action_type", and whatever a later app
registers). Records store the `code` (events' `god_vard_area`, actions' `action_type`) or link the
term (events' causes), so the codes in the figures JSON (`docs/figures.md`) never change. A retired
term stays for history and reports but is not offered for new records.
"""

from __future__ import annotations

from django.db import models

CODE_MAX_LENGTH = 24  # the width of the char fields that store a code (god_vard_area, action_type)


class Term(models.Model):
    scheme = models.CharField("klassificering", max_length=32)
    code = models.SlugField("kod", max_length=CODE_MAX_LENGTH)
    label = models.CharField("benämning", max_length=120)
    sort_order = models.PositiveSmallIntegerField("ordning", default=100)
    retired = models.BooleanField("ur bruk", default=False)

    class Meta:
        ordering = ["scheme", "sort_order", "label"]
        verbose_name = "klassificeringsvärde"
        verbose_name_plural = "klassificeringsvärden"
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="term_code_unique_per_scheme")]

    def __str__(self) -> str:
        return self.label
