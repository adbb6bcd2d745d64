"""Computing Tillit's own KPIs and storing them as KPI values (source "Beräknad av Tillit"), so the
KPI pages, charts and the report show them like any other KPI. Run by `manage.py compute_kpis` and
by the background worker after each month (tillit/computed_kpis/tasks.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from tillit.computed_kpis import computations as c
from tillit.computed_kpis.definitions import (
    ALL,
    COMPLAINT_ANSWER_DAYS,
    EFFECT_FOLLOWED_UP,
    RECEIVED_IN_TIME,
    REPORTS_PER_1000,
    ComputedKpi,
)
from tillit.kpis.models import Kpi, KpiSource
from tillit.kpis.services import NewValue, kpi_computed_values_replace, kpi_create
from tillit.org.models import Unit


@dataclass
class ComputeResult:
    year: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0


def computed_kpis_ensure() -> dict[str, Kpi]:
    """The computed KPIs, created (by the system) when missing; a KPI whose title or target the
    municipality changed keeps its changes."""
    existing = {k.code: k for k in Kpi.objects.filter(code__in=[d.code for d in ALL])}
    for d in ALL:
        if d.code not in existing:
            existing[d.code] = kpi_create(
                actor=None,
                code=d.code,
                title=d.title,
                description=d.description,
                measure=d.measure,
                direction=d.direction,
                source=KpiSource.COMPUTED,
            )
    return existing


def computed_cells(*, year: int, today: date) -> dict[ComputedKpi, dict[c.Key, c.Cell]]:
    ancestors = c.ancestors_by_unit()
    return {
        RECEIVED_IN_TIME: c.received_in_time_cells(year=year, today=today, ancestors=ancestors),
        COMPLAINT_ANSWER_DAYS: c.complaint_answer_days_cells(year=year, ancestors=ancestors),
        REPORTS_PER_1000: c.reports_per_1000_cells(year=year, today=today, ancestors=ancestors),
        EFFECT_FOLLOWED_UP: c.effect_followed_up_cells(year=year, today=today, ancestors=ancestors),
    }


@transaction.atomic
def computed_kpis_compute(*, year: int, today: date) -> ComputeResult:
    """Recompute every computed KPI for every unit and period of `year` (idempotent: unchanged
    values are left alone, values that no longer apply are removed)."""
    kpis = computed_kpis_ensure()
    units = {u.pk: u for u in Unit.objects.all()}
    values = [
        NewValue(
            kpi=kpis[definition.code],
            unit=units[unit_id],
            year=year,
            month=month,
            value=None if cell.value is None else round(cell.value, 4),
            numerator=cell.numerator if not cell.samples else None,
            denominator=cell.denominator,
        )
        for definition, cells in computed_cells(year=year, today=today).items()
        for (unit_id, month), cell in sorted(cells.items())
        if cell.value is not None and unit_id in units
    ]
    stored = kpi_computed_values_replace(kpis=kpis.values(), year=year, values=values)
    return ComputeResult(year, stored.created, stored.updated, stored.unchanged, stored.deleted)
