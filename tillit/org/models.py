"""The organisation: a tree of units (förvaltning → avdelning → enhet) and external providers."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class UnitLevel(models.TextChoices):
    FORVALTNING = "forvaltning", "Förvaltning"
    AVDELNING = "avdelning", "Avdelning"
    ENHET = "enhet", "Enhet"


class Provider(models.Model):
    """An external care provider (utförare) delivering purchased care under contract with the förvaltning."""

    code = models.SlugField("kod", max_length=64, unique=True)
    name = models.CharField("namn", max_length=200, unique=True)
    organisation_number = models.CharField("organisationsnummer", max_length=11, blank=True)
    contract_reference = models.CharField("avtal", max_length=200, blank=True)
    # What the purchasing municipality is told about the provider's cases (the contract's terms; the
    # defaults follow common contract terms, not law). Kept here until contracts hold them.
    share_lex_sarah_reports = models.BooleanField(
        "underrätta kommunen om lex Sarah-rapporter",
        default=True,
        help_text="Typ, enhet, datum och bedömning när den är gjord – inga namn, ingen fritext.",
    )
    share_lex_sarah_investigations = models.BooleanField(
        "lämna in lex Sarah-utredningar med ställningstagande", default=True
    )
    share_ivo_notifications = models.BooleanField("underrätta kommunen om anmälningar till IVO", default=True)
    submission_days = models.PositiveSmallIntegerField(
        "dagar att lämna in en färdig utredning",
        default=14,
        help_text="Avtalsvillkor (inte lag): dagar efter att utredningen avslutats.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "utförare"
        verbose_name_plural = "utförare"

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """One organisational unit; `path` holds the ids from the root ("/1/5/12/") for subtree queries.

    Units are never deleted: a closed unit keeps its history and stays in reports.
    """

    code = models.CharField("kod", max_length=64, unique=True)
    name = models.CharField("namn", max_length=200)
    level = models.CharField("nivå", max_length=16, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="överordnad enhet",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    provider = models.ForeignKey(
        Provider, verbose_name="utförare", null=True, blank=True, on_delete=models.PROTECT, related_name="units"
    )
    # The operator (huvudman) named on IVO notifications and report covers; set on the top unit and
    # inherited by the units below (`tillit.org.selectors.unit_operator`). Blank: inherit.
    # A database default as well: code that predates these columns (an app server of the previous
    # release during a rolling upgrade, a historical migration state) can still insert units.
    municipality = models.CharField(
        "kommun",
        max_length=200,
        blank=True,
        default="",
        db_default="",
        help_text="Till exempel ”Exempelby kommun”. Ärvs av enheterna under.",
    )
    namnd = models.CharField(
        "nämnd",
        max_length=200,
        blank=True,
        default="",
        db_default="",
        help_text="Till exempel ”Socialnämnden”. Ärvs av enheterna under.",
    )
    path = models.CharField(max_length=512, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    closed_on = models.DateField("stängd", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["path"]
        verbose_name = "enhet"
        verbose_name_plural = "enheter"
        constraints = [
            models.CheckConstraint(condition=~Q(code=""), name="unit_code_not_empty"),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="unit_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to and including this unit."""
        return [int(part) for part in self.path.strip("/").split("/") if part]
