"""The overview for ledning and nämnd (and whoever leads the work): aggregates only, from the
monthly aggregate and counting queries, so the number of queries never grows with the events.

What a count shows goes through `tillit.core.suppression` (the small-count rule, with the
complement where a total is shown beside the cells)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, Sum

from tillit.actions.models import OPEN_STATUSES, Action
from tillit.core import suppression
from tillit.events.models import Event, EventDeadline
from tillit.kpis.models import Direction, KpiSource
from tillit.kpis.selectors import kpi_list
from tillit.org.access import scope_unit_ids
from tillit.org.models import Unit
from tillit.overview.signals import KIND_PLURALS, Watch, watch
from tillit.trends import spc
from tillit.trends.models import EventMonthCount
from tillit.trends.selectors import last_complete_month, months_until
from tillit.workflow.deadlines import overdue_q

KINDS = list(KIND_PLURALS)


def scope_ids(user, permission: str = "overview.view") -> frozenset[int]:
    return scope_unit_ids(user, permission)


@dataclass
class KindRow:
    kind: str
    label: str
    this_year: suppression.Count
    last_year: suppression.Count
    change: str  # "" when a count is suppressed or nothing to compare


@dataclass
class UnitRow:
    name: str
    cells: list[tuple[suppression.Count, suppression.Count]]  # per kind: this year, last year


@dataclass
class WorkRow:
    label: str
    open: suppression.Count
    overdue: suppression.Count


@dataclass
class KpiLine:
    code: str
    title: str
    year: int | None
    value: float | None
    riket: float | None
    target: float | None
    measure: str
    verdict: str
    kolada: bool


@dataclass
class Overview:
    today: date
    roots: list[Unit]
    year: int
    period: str  # "januari–oktober": the complete months compared with the same months last year
    kinds: list[KindRow] = field(default_factory=list)
    units: list[UnitRow] = field(default_factory=list)
    work: list[WorkRow] = field(default_factory=list)
    signals: Watch | None = None
    kpis: list[KpiLine] = field(default_factory=list)
    suppressed: bool = False
    note: str = ""


def _roots(unit_ids: frozenset[int]) -> tuple[list[Unit], list[Unit]]:
    """The top units of the scope and the units directly below them (the avdelningar)."""
    units = list(Unit.objects.filter(id__in=unit_ids).order_by("path"))
    roots = [u for u in units if u.parent_id not in unit_ids]
    root_ids = {u.pk for u in roots}
    children = [u for u in units if u.parent_id in root_ids]
    return roots, children


def _change(now: suppression.Count, before: suppression.Count) -> str:
    if now.suppressed or before.suppressed or not before.value:
        return ""
    delta = round(100 * (now.value - before.value) / before.value)
    return f"{'+' if delta > 0 else ''}{delta} %".replace("-", "−")


def compared_months(today: date) -> tuple[int, int]:
    """(year, last month): the year's complete months (January to the last complete month), compared
    with the same months the year before; in January, the whole of last year."""
    end = last_complete_month(today)
    return end.year, end.month


def event_counts(unit_ids: frozenset[int], children: list[Unit], year: int, last_month: int):
    """The year's counts (January to `last_month`) against the same months the year before: per
    kind, and per kind and avdelning. One query on the monthly aggregate."""
    rows = (
        EventMonthCount.objects.filter(unit_id__in=unit_ids, month__month__lte=last_month)
        .filter(month__gte=date(year - 1, 1, 1), month__lte=date(year, last_month, 1))
        .values("unit__path", "kind", "month__year")
        .annotate(n=Sum("count"))
    )
    totals: dict[tuple[str, int], int] = defaultdict(int)
    by_child: dict[tuple[int, str, int], int] = defaultdict(int)
    for row in rows:
        in_year = row["month__year"]
        totals[(row["kind"], in_year)] += row["n"]
        child = next((c for c in children if row["unit__path"].startswith(c.path)), None)
        if child is not None:
            by_child[(child.pk, row["kind"], in_year)] += row["n"]
    kinds = []
    for kind in KINDS:
        now = suppression.count(totals[(kind, year)])
        before = suppression.count(totals[(kind, year - 1)])
        kinds.append(KindRow(kind, KIND_PLURALS[kind], now, before, _change(now, before)))
    # Each kind's column of avdelningar, with its total beside it: suppressed with the complement.
    columns = {
        (kind, y): suppression.suppress({c.pk: by_child[(c.pk, kind, y)] for c in children}, total=totals[(kind, y)])
        for kind in KINDS
        for y in (year, year - 1)
    }
    units = [
        UnitRow(c.name, [(columns[(k, year)][c.pk], columns[(k, year - 1)][c.pk]) for k in KINDS]) for c in children
    ]
    return kinds, units


def open_work(unit_ids: frozenset[int], today: date) -> list[WorkRow]:
    """Open cases per kind and those with an overdue deadline; open åtgärder and overdue ones.
    Two counting queries."""
    overdue = Exists(EventDeadline.objects.filter(overdue_q(today), event=OuterRef("pk")))
    counted = {
        row["kind"]: row
        for row in Event.objects.filter(unit_id__in=unit_ids, closed_on__isnull=True)
        .annotate(late=overdue)
        .values("kind")
        .annotate(open=Count("id"), overdue=Count("id", filter=Q(late=True)))
    }
    rows = [
        WorkRow(
            KIND_PLURALS[kind],
            suppression.count(counted.get(kind, {}).get("open", 0)),
            suppression.count(counted.get(kind, {}).get("overdue", 0)),
        )
        for kind in KINDS
    ]
    actions = Action.objects.filter(unit_id__in=unit_ids, status__in=OPEN_STATUSES).aggregate(
        open=Count("id"), overdue=Count("id", filter=Q(due_on__lt=today))
    )
    rows.append(WorkRow("Åtgärder", suppression.count(actions["open"]), suppression.count(actions["overdue"])))
    return rows


def kpi_lines(user) -> list[KpiLine]:
    lines = []
    for row in kpi_list(user):
        kpi = row.kpi
        verdict = ""
        if row.value is not None and kpi.target is not None:
            reached = row.value >= kpi.target if kpi.direction == Direction.HIGHER else row.value <= kpi.target
            verdict = "Målet nått" if reached else "Målet inte nått"
        if row.value is not None and row.riket is not None:
            gap = row.value - row.riket
            if abs(gap) < 0.05 or (row.riket and abs(gap) / abs(row.riket) < 0.02):  # as the report says
                compared = "likvärdigt med riket"
            else:
                better = (gap > 0) == (kpi.direction == Direction.HIGHER)
                compared = "bättre än riket" if better else "sämre än riket"
            verdict = ", ".join(x for x in (verdict, compared) if x)
        lines.append(
            KpiLine(
                kpi.code,
                kpi.title,
                row.year,
                row.value,
                row.riket,
                kpi.target,
                kpi.get_measure_display(),
                verdict.capitalize(),
                kpi.source == KpiSource.KOLADA,
            )
        )
    return lines


def overview_for(user, today: date) -> Overview | None:
    unit_ids = scope_ids(user)
    if not unit_ids:
        return None
    roots, children = _roots(unit_ids)
    year, last_month = compared_months(today)
    months = "januari" if last_month == 1 else f"januari–{spc.MONTHS[last_month - 1]}"
    page = Overview(today=today, roots=roots, year=year, period=months)
    page.kinds, page.units = event_counts(unit_ids, children, year, last_month)
    page.work = open_work(unit_ids, today)
    page.signals = watch(unit_ids=unit_ids, months=months_until(last_complete_month(today)))
    page.kpis = kpi_lines(user)
    cells: list[Any] = [c for r in page.kinds for c in (r.this_year, r.last_year)]
    cells += [c for r in page.units for pair in r.cells for c in pair]
    cells += [c for r in page.work for c in (r.open, r.overdue)]
    page.suppressed = any(c.suppressed for c in cells)
    page.note = suppression.note()
    return page
