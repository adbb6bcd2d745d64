"""Monthly series for trend signals (styrdiagram) and their phases.

`EventMonthCount` is an aggregate table: one row per unit × kind × category × month with the number
of events, so computing every series' signals costs units × months, never the number of events.
It is maintained by the events app as events are written or changed (wired by the lead once the
events refactor has landed; see `tillit.trends.services.event_month_count_adjust`).

`SeriesPhase` freezes a series' baseline (its limits are computed from the first `baseline_months`
of the phase and applied to every later month) and records each re-phasing, which only a person may
do, with a reason (a process change).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class EventMonthCount(models.Model):
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="event_month_counts")
    kind = models.CharField("typ", max_length=32)
    category = models.CharField("kategori", max_length=64, blank=True)  # "" = without a category
    month = models.DateField("månad")  # the first day of the month
    count = models.PositiveIntegerField("antal", default=0)

    class Meta:
        verbose_name = "händelser per månad"
        verbose_name_plural = "händelser per månad"
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "category", "month"], name="eventmonthcount_unique"),
            models.CheckConstraint(condition=Q(month__day=1), name="eventmonthcount_first_of_month"),
        ]
        indexes = [models.Index(fields=["month", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.category} {self.month:%Y-%m}: {self.count}"


class SeriesPhase(models.Model):
    series_key = models.CharField("serie", max_length=200)  # e.g. "event:avvikelse:ALD-HTN:lakemedel"
    starts_on = models.DateField("fas från")  # the first month of the phase
    baseline_months = models.PositiveSmallIntegerField("baslinje (månader)", default=12)
    reason = models.TextField("skäl")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["series_key", "starts_on"]
        verbose_name = "fas i styrdiagram"
        verbose_name_plural = "faser i styrdiagram"
        constraints = [
            models.UniqueConstraint(fields=["series_key", "starts_on"], name="seriesphase_unique_start"),
            models.CheckConstraint(condition=Q(starts_on__day=1), name="seriesphase_first_of_month"),
            models.CheckConstraint(condition=Q(baseline_months__gte=1), name="seriesphase_baseline_positive"),
            models.CheckConstraint(condition=~Q(reason=""), name="seriesphase_reason_required"),
        ]

    def __str__(self) -> str:
        return f"{self.series_key} från {self.starts_on:%Y-%m}"
