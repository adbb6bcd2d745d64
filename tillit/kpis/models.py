"""Nyckeltal (KPIs): definitions and their values per unit, period and gender.

A value belongs either to an organisation unit (own values, and the municipality's Kolada values,
which belong to the top unit of the organisation) or to another municipality by its Kolada code
(riket "0000" and the comparison group). KPIs hold no personal data: only aggregates.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

RIKET = "0000"


class MeasureUnit(models.TextChoices):
    PERCENT = "procent", "%"
    DAYS = "dagar", "dagar"
    COUNT = "antal", "antal"


class Direction(models.TextChoices):
    HIGHER = "hogre", "Högre är bättre"
    LOWER = "lagre", "Lägre är bättre"


class KpiSource(models.TextChoices):
    KOLADA = "kolada", "Kolada"
    MANUAL = "manuell", "Egen, inmatad"
    COMPUTED = "beraknad", "Beräknad av Tillit"


class Gender(models.TextChoices):
    TOTAL = "T", "Totalt"
    WOMEN = "K", "Kvinnor"
    MEN = "M", "Män"


class Kpi(models.Model):
    code = models.CharField("kod", max_length=32, unique=True)
    title = models.CharField("namn", max_length=300)
    description = models.TextField("beskrivning", blank=True)
    measure = models.CharField("enhet", max_length=16, choices=MeasureUnit.choices, default=MeasureUnit.COUNT)
    direction = models.CharField("riktning", max_length=8, choices=Direction.choices, default=Direction.HIGHER)
    source = models.CharField("källa", max_length=16, choices=KpiSource.choices, default=KpiSource.MANUAL)
    target = models.FloatField("målvärde", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "nyckeltal"
        verbose_name_plural = "nyckeltal"
        constraints = [models.CheckConstraint(condition=~Q(code=""), name="kpi_code_not_empty")]

    def __str__(self) -> str:
        return f"{self.title} ({self.code})"


class KpiValue(models.Model):
    """One value: a KPI × (unit or municipality code) × period × gender.

    `month` 0 means the whole year (Kolada's values are yearly); 1–12 a month. `value` None means the
    source published no value (Kolada does so when too few answered).
    """

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="values")
    unit = models.ForeignKey(
        "org.Unit", verbose_name="enhet", null=True, blank=True, on_delete=models.PROTECT, related_name="kpi_values"
    )
    municipality_code = models.CharField("kommunkod", max_length=8, blank=True)
    year = models.PositiveSmallIntegerField("år")
    month = models.PositiveSmallIntegerField("månad", default=0)
    gender = models.CharField("kön", max_length=1, choices=Gender.choices, default=Gender.TOTAL)
    value = models.FloatField("värde", null=True, blank=True)
    status = models.CharField("status", max_length=32, blank=True)
    # What a computed value is made of (share = numerator / denominator; rate per 1,000 = numerator /
    # denominator · 1,000): control charts (p, u) and funnel plots need them. Empty for Kolada and
    # values typed in.
    numerator = models.FloatField("täljare", null=True, blank=True)
    denominator = models.FloatField("nämnare", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kpi", "year", "month", "gender"]
        verbose_name = "värde för nyckeltal"
        verbose_name_plural = "värden för nyckeltal"
        constraints = [
            models.CheckConstraint(
                condition=(Q(unit__isnull=False) & Q(municipality_code=""))
                | (Q(unit__isnull=True) & ~Q(municipality_code="")),
                name="kpivalue_unit_xor_municipality",
            ),
            models.CheckConstraint(condition=Q(month__lte=12), name="kpivalue_month_0_to_12"),
            models.UniqueConstraint(
                fields=["kpi", "unit", "year", "month", "gender"],
                condition=Q(unit__isnull=False),
                name="kpivalue_unique_per_unit",
            ),
            models.UniqueConstraint(
                fields=["kpi", "municipality_code", "year", "month", "gender"],
                condition=Q(unit__isnull=True),
                name="kpivalue_unique_per_municipality",
            ),
        ]
        indexes = [models.Index(fields=["kpi", "year"])]

    def __str__(self) -> str:
        return f"{self.kpi.code} {self.period}"

    @property
    def period(self) -> str:
        return f"{self.year}-{self.month:02d}" if self.month else str(self.year)


class DenominatorKind(models.TextChoices):
    BRUKARE = "brukare", "Antal brukare"


class UnitDenominator(models.Model):
    """The size of a unit in a year (e.g. the number of brukare), entered on a page or imported, so
    that Tillit can compute rates such as reports per 1,000 brukare."""

    unit = models.ForeignKey("org.Unit", verbose_name="enhet", on_delete=models.PROTECT, related_name="denominators")
    year = models.PositiveSmallIntegerField("år")
    kind = models.CharField("vad", max_length=16, choices=DenominatorKind.choices, default=DenominatorKind.BRUKARE)
    value = models.PositiveIntegerField("antal")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year", "unit__path"]
        verbose_name = "nämnare per enhet och år"
        verbose_name_plural = "nämnare per enhet och år"
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "kind"], name="unitdenominator_unique"),
            models.CheckConstraint(condition=Q(value__gt=0), name="unitdenominator_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.value}"


class ComparisonMunicipality(models.Model):
    """A municipality in the comparison group (jämförelsegrupp), with its name from Kolada or typed in."""

    code = models.CharField("kommunkod", max_length=8, unique=True)
    name = models.CharField("namn", max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "jämförelsekommun"
        verbose_name_plural = "jämförelsekommuner"

    def __str__(self) -> str:
        return self.name or self.code
