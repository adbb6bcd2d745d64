"""Demo: the number of brukare per enhet (invented, deterministic) and Tillit's own KPIs computed
from the demo's events and actions for the last three years."""

from __future__ import annotations

import random
from datetime import date

from tillit.computed_kpis.services import computed_kpis_compute
from tillit.kpis.services import unit_denominator_set
from tillit.org.models import Unit


def demo_step(*, rng: random.Random, today: date) -> str | None:
    units = list(Unit.objects.filter(children__isnull=True, closed_on__isnull=True).order_by("path"))
    if not units:
        return None
    own = random.Random(1489)  # own seed: re-running gives the same sizes
    years = range(today.year - 2, today.year + 1)
    for unit in units:
        size = own.randint(25, 180)
        for year in years:
            unit_denominator_set(actor=None, unit=unit, year=year, value=size)
    changed = 0
    for year in years:
        result = computed_kpis_compute(year=year, today=today)
        changed += result.created + result.updated
    return f"Tillits egna nyckeltal beräknade för {years[0]}–{years[-1]}: {changed} nya eller ändrade värden."
