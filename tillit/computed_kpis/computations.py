"""The computations behind Tillit's own KPIs, per unit (the unit and every unit below it) and period
(the year, month 0, and each month 1–12).

Each `*_cells` function reads what it needs with one or two queries and returns
{(unit id, month): Cell}; `Cell.value` is the KPI value or None where nothing can be computed (no
cases, no denominator). No personal data leaves here: counts, shares and medians only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from tillit.actions.models import Action, ActionStatus
from tillit.computed_kpis.definitions import REPORT_KINDS
from tillit.events.models import Event, EventDeadline
from tillit.kpis.models import DenominatorKind, UnitDenominator
from tillit.org.models import Unit
from tillit.trends import spc
from tillit.trends.models import EventMonthCount

Key = tuple[int, int]  # (unit id, month; 0 = the whole year)


@dataclass
class Cell:
    numerator: float = 0.0
    denominator: float = 0.0
    samples: list[float] = field(default_factory=list)
    value: float | None = None


def ancestors_by_unit() -> dict[int, list[int]]:
    """unit id → the ids of the unit and every unit above it (one query)."""
    return {
        pk: [int(part) for part in path.strip("/").split("/") if part]
        for pk, path in Unit.objects.values_list("id", "path")
    }


def _keys(unit_id: int, month: int, ancestors: dict[int, list[int]]) -> list[Key]:
    """Every (unit, period) an observation of `unit_id` in `month` counts in: the unit and each unit
    above it, for the month and for the whole year."""
    return [key for up in ancestors.get(unit_id, [unit_id]) for key in ((up, month), (up, 0))]


def share_cells(observations: Iterable[tuple[int, int, bool]], ancestors: dict[int, list[int]]) -> dict[Key, Cell]:
    """(unit id, month, counted as success) → share in per cent of successes, per unit and period."""
    cells: dict[Key, Cell] = defaultdict(Cell)
    for unit_id, month, ok in observations:
        for key in _keys(unit_id, month, ancestors):
            cells[key].denominator += 1
            cells[key].numerator += 1 if ok else 0
    for cell in cells.values():
        cell.value = 100.0 * cell.numerator / cell.denominator if cell.denominator else None
    return dict(cells)


def median_cells(observations: Iterable[tuple[int, int, float]], ancestors: dict[int, list[int]]) -> dict[Key, Cell]:
    """(unit id, month, sample) → the median of the samples per unit and period (n as denominator)."""
    cells: dict[Key, Cell] = defaultdict(Cell)
    for unit_id, month, sample in observations:
        for key in _keys(unit_id, month, ancestors):
            cells[key].samples.append(sample)
    for cell in cells.values():
        cell.denominator = len(cell.samples)
        cell.value = spc.median(cell.samples) if cell.samples else None
    return dict(cells)


def rate_cells(
    counts: Iterable[tuple[int, int, int]],
    denominators: dict[int, int],
    ancestors: dict[int, list[int]],
    *,
    last_month: int = 12,
    per: int = 1000,
) -> dict[Key, Cell]:
    """(unit id, month, count) → count per `per` of the unit's denominator, for units with a
    denominator (counted over the unit and every unit below it) and the units above them. Months without any count are 0
    (a month with no report is a real zero, as long as the unit has a denominator); months after
    `last_month` (not over yet) get no value."""
    totals: dict[Key, float] = defaultdict(float)
    for unit_id, month, n in counts:
        for key in _keys(unit_id, month, ancestors):
            totals[key] += n
    # A unit without its own denominator gets the sum of the units below it that have one (the
    # nearest ones), counting only the reports of those units: the municipality's rate from its enheter.
    covered: dict[int, list[int]] = defaultdict(list)
    for unit_id in denominators:
        covered[unit_id].append(unit_id)
        for up in reversed(ancestors.get(unit_id, [unit_id])[:-1]):
            if up in denominators:
                break
            covered[up].append(unit_id)
    cells: dict[Key, Cell] = {}
    for unit_id, parts in covered.items():
        size = denominators.get(unit_id) or sum(denominators[p] for p in parts)
        for month in range(last_month + 1):
            n = (
                totals.get((unit_id, month), 0.0)
                if unit_id in denominators
                else sum(totals.get((p, month), 0.0) for p in parts)
            )
            cells[(unit_id, month)] = Cell(numerator=n, denominator=size, value=per * n / size)
    return cells


def received_in_time_cells(*, year: int, today: date, ancestors: dict[int, list[int]]) -> dict[Key, Cell]:
    """Avvikelser reported in `year` whose "mottagen" deadline is met or has passed: share met in time."""
    rows = (
        EventDeadline.objects.filter(event__kind="avvikelse", code="mottagen", event__reported_on__year=year)
        .filter(Q(met_on__isnull=False) | Q(due_on__lt=today))
        .values_list("event__unit_id", "event__reported_on", "met_on", "due_on")
    )
    return share_cells(
        ((unit_id, reported.month, met is not None and met <= due) for unit_id, reported, met, due in rows), ancestors
    )


def complaint_answer_days_cells(*, year: int, ancestors: dict[int, list[int]]) -> dict[Key, Cell]:
    """Klagomål reported in `year` and answered: median days from reported to answered."""
    rows = Event.objects.filter(kind="klagomal", reported_on__year=year, replied_on__isnull=False).values_list(
        "unit_id", "reported_on", "replied_on"
    )
    return median_cells(
        ((unit_id, reported.month, float((replied - reported).days)) for unit_id, reported, replied in rows),
        ancestors,
    )


def reports_per_1000_cells(*, year: int, today: date, ancestors: dict[int, list[int]]) -> dict[Key, Cell]:
    """Reports (avvikelser, lex Sarah, lex Maria) per 1,000 brukare, from the monthly aggregate
    (cost follows units × months, not the number of events)."""
    denominators = dict(
        UnitDenominator.objects.filter(year=year, kind=DenominatorKind.BRUKARE).values_list("unit_id", "value")
    )
    if not denominators:
        return {}
    rows = EventMonthCount.objects.filter(month__year=year, kind__in=REPORT_KINDS).values_list(
        "unit_id", "month", "count"
    )
    last_month = 12 if year < today.year else today.month
    return rate_cells(
        ((unit_id, month.month, n) for unit_id, month, n in rows), denominators, ancestors, last_month=last_month
    )


def effect_followed_up_cells(*, year: int, today: date, ancestors: dict[int, list[int]]) -> dict[Key, Cell]:
    """Actions whose effect follow-up fell due in `year` (up to today): share with the effect recorded."""
    rows = (
        Action.objects.filter(effect_followup_due__year=year, effect_followup_due__lte=today)
        .exclude(status=ActionStatus.STRUKEN)
        .values_list("unit_id", "effect_followup_due", "effect")
    )
    return share_cells(((unit_id, due.month, bool(effect)) for unit_id, due, effect in rows), ancestors)
