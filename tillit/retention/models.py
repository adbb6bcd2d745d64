"""Gallring: how long case data is kept per event kind, legal holds that stop it, and the record of
what was pseudonymised.

Case files are destroyed five years after the last entry (SoL (2001:453) 12 kap. 1 §). Tillit keeps
the case's skeleton (kind, unit, category, dates, outcome, deadlines) so that the
kvalitetsberättelse figures and adopted reports stay unchanged, and replaces everything that
describes a person or what happened to them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from tillit.events.models import EventKind

DEFAULT_YEARS = 5
DEFAULT_LEGAL_REFERENCE = "SoL (2001:453) 12 kap. 1 §"
PLACEHOLDER = "[gallrad]"


class RetentionRule(models.Model):
    """How many years after an event's last activity its case data is kept (one row per kind)."""

    kind = models.CharField("typ", max_length=16, choices=EventKind.choices, unique=True)
    years = models.PositiveSmallIntegerField(
        "bevaras (år efter sista aktivitet)", default=DEFAULT_YEARS, validators=[MinValueValidator(1)]
    )
    legal_reference = models.CharField("lagrum", max_length=200, default=DEFAULT_LEGAL_REFERENCE)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = "gallringsregel"
        verbose_name_plural = "gallringsregler"
        constraints = [models.CheckConstraint(condition=Q(years__gte=1), name="retention_years_positive")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.years} år ({self.legal_reference})"


class LegalHold(models.Model):
    """A decision to keep one event's data (a court case, a request from IVO or JO): stops
    gallring while active. Released holds are kept as history."""

    event = models.ForeignKey("events.Event", on_delete=models.PROTECT, related_name="legal_holds")
    reason = models.TextField("skäl")
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField("beslutat")
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    released_at = models.DateTimeField("hävt", null=True, blank=True)

    class Meta:
        ordering = ["-placed_at", "-id"]
        verbose_name = "bevarandebeslut"
        verbose_name_plural = "bevarandebeslut"
        constraints = [
            models.UniqueConstraint(
                fields=["event"], condition=Q(released_at__isnull=True), name="one_active_legal_hold_per_event"
            )
        ]

    @property
    def active(self) -> bool:
        return self.released_at is None


class Gallring(models.Model):
    """The record that an event's case data was pseudonymised, on which rule, and when."""

    event = models.OneToOneField("events.Event", on_delete=models.PROTECT, related_name="gallring")
    gallrad_on = models.DateField("gallrad")
    last_activity_on = models.DateField("senaste aktivitet")
    years = models.PositiveSmallIntegerField()
    legal_reference = models.CharField(max_length=200)

    class Meta:
        ordering = ["-gallrad_on", "-id"]
        verbose_name = "gallring"
        verbose_name_plural = "gallringar"
