"""The events' figures for the yearly report (part of the JSON contract in docs/figures.md):
`units`, `events`, `by_god_vard_area` and `monthly`, and the internal `avdelningar` (each
avdelning's counts for its own section), all computed in one pass.

Counting rule: an event belongs to the year of its `reported_on` and to the scope if its unit is
the scope unit or below it. Only codes, labels and numbers: never free text or persons.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from datetime import date
from typing import Any

from django.db.models import Count, F, Q
from django.utils import timezone

from tillit.events.causes import cause_counts
from tillit.events.models import CHANNEL_KINDS, ClosureReason, Event, EventDeadline, EventKind, Outcome
from tillit.org.models import Unit, UnitLevel
from tillit.workflow.deadlines import overdue_q
from tillit.workflow.declaration import workflow

SEVERE_KINDS = tuple(kind for kind in EventKind.values if workflow(kind).notifies_ivo)


def _subtree_ids(unit: Unit) -> list[int]:
    return list(Unit.objects.filter(path__startswith=unit.path).values_list("id", flat=True))


def _child_of(scope: Unit) -> tuple[list[Unit], dict[int, str]]:
    """Direct children of the scope and a map from every unit below to the child it sits under."""
    children = list(Unit.objects.filter(parent=scope).order_by("code"))
    owner: dict[int, str] = {}
    for unit_id, path in Unit.objects.filter(path__startswith=scope.path).values_list("id", "path"):
        parts = path.strip("/").split("/")
        depth = scope.depth + 1
        if len(parts) > depth:
            child_id = int(parts[depth])
            owner[unit_id] = next((c.code for c in children if c.pk == child_id), "")
    return children, owner


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def event_figures(*, scope: Unit, year: int) -> dict[str, Any]:
    unit_ids = _subtree_ids(scope)
    children, owner = _child_of(scope)
    in_scope = Event.objects.filter(unit_id__in=unit_ids)
    this_year = in_scope.filter(reported_on__year=year)
    last_year = in_scope.filter(reported_on__year=year - 1)
    year_end = date(year, 12, 31)

    counts = dict(this_year.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    previous = dict(last_year.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    by_unit: dict[str, Counter] = defaultdict(Counter)
    for kind, unit_id, n in (
        this_year.values_list("kind", "unit_id").annotate(n=Count("id")).values_list("kind", "unit_id", "n")
    ):
        if code := owner.get(unit_id):
            by_unit[kind][code] += n
    by_category: dict[str, Counter] = defaultdict(Counter)
    for kind, label, n in (
        this_year.exclude(category=None).values_list("kind", "category__label").annotate(n=Count("id"))
    ):
        by_category[kind][label] += n
    by_outcome: dict[str, Counter] = defaultdict(Counter)
    reasons: dict[str, Counter] = defaultdict(Counter)
    for kind, outcome, reason, n in (
        this_year.exclude(outcome="").values_list("kind", "outcome", "closure_reason").annotate(n=Count("id"))
    ):
        by_outcome[kind][outcome] += n
        if outcome == Outcome.EJ_UTREDD and reason:
            reasons[kind][reason] += n
    by_channel: dict[str, Counter] = defaultdict(Counter)
    for kind, channel, n in (
        this_year.filter(kind__in=CHANNEL_KINDS).values_list("kind", "channel").annotate(n=Count("id"))
    ):
        by_channel[kind][channel] += n
    ivo = dict(
        this_year.filter(ivo_notified_on__isnull=False)
        .values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    ivo_previous = dict(
        last_year.filter(ivo_notified_on__isnull=False)
        .values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    open_at_end = dict(
        this_year.filter(Q(closed_on__isnull=True) | Q(closed_on__gt=year_end))
        .values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    close_days: dict[str, list[int]] = defaultdict(list)
    reply_days: dict[str, list[int]] = defaultdict(list)
    for kind, reported_on, closed_on, replied_on in this_year.filter(
        Q(closed_on__isnull=False) | Q(replied_on__isnull=False)
    ).values_list("kind", "reported_on", "closed_on", "replied_on"):
        if closed_on:
            close_days[kind].append((closed_on - reported_on).days)
        if replied_on:
            reply_days[kind].append((replied_on - reported_on).days)
    deadline_rows = (
        EventDeadline.objects.filter(event__in=this_year)
        .filter(Q(met_on__isnull=False) | overdue_q(min(year_end, timezone.localdate())))
        .values_list("event__kind")
        .annotate(total=Count("id"), on_time=Count("id", filter=Q(met_on__lte=F("due_on"))))
        .values_list("event__kind", "total", "on_time")
    )
    within = {kind: (on_time / total if total else None) for kind, total, on_time in deadline_rows}
    previous_by_unit: dict[str, Counter] = defaultdict(Counter)
    for kind, unit_id, n in (
        last_year.values_list("kind", "unit_id").annotate(n=Count("id")).values_list("kind", "unit_id", "n")
    ):
        if code := owner.get(unit_id):
            previous_by_unit[kind][code] += n

    events: dict[str, Any] = {}
    for kind in EventKind.values:
        entry: dict[str, Any] = {
            "count": counts.get(kind, 0),
            "previous_year": previous.get(kind, 0),
            "by_unit": {child.code: by_unit[kind].get(child.code, 0) for child in children},
            "by_category": dict(by_category[kind].most_common()),
            "by_outcome": dict(sorted(by_outcome[kind].items())),
            "not_investigated": by_outcome[kind].get(Outcome.EJ_UTREDD, 0),
            "not_investigated_reasons": {ClosureReason(r).label: n for r, n in reasons[kind].most_common()},
            "median_days_to_close": _median(close_days[kind]),
            "within_deadline_share": round(within[kind], 4) if within.get(kind) is not None else None,
            "open_at_year_end": open_at_end.get(kind, 0),
        }
        if kind in SEVERE_KINDS:
            entry["ivo_notified"] = ivo.get(kind, 0)
            entry["ivo_notified_previous_year"] = ivo_previous.get(kind, 0)
        if kind in (EventKind.KLAGOMAL, EventKind.SYNPUNKT):
            entry["median_days_to_reply"] = _median(reply_days[kind])
        if kind in CHANNEL_KINDS:
            entry["by_channel"] = dict(by_channel[kind].most_common())
        events[kind] = entry
    return {
        "units": {child.code: child.name for child in children},
        "events": events,
        "by_god_vard_area": dict(
            sorted(
                this_year.exclude(god_vard_area="")
                .values_list("god_vard_area")
                .annotate(n=Count("id"))
                .values_list("god_vard_area", "n")
            )
        ),
        "by_cause": cause_counts(this_year),
        "monthly": _monthly(in_scope, year),
        # Internal (not published): what each avdelning's own section is drafted from.
        "avdelningar": {
            child.code: {
                "name": child.name,
                "events": {
                    kind: {"count": by_unit[kind][child.code], "previous_year": previous_by_unit[kind][child.code]}
                    for kind in EventKind.values
                },
            }
            for child in children
            if child.level == UnitLevel.AVDELNING
        },
    }


def _monthly(in_scope, year: int) -> list[dict[str, Any]]:
    """Events per month and kind over the year and the one before (for the chart).

    Grouped by day in SQL and folded into months here: extracting the month in SQL is a Python
    function call per row on SQLite, many times slower on large years.
    """
    rows = (
        in_scope.filter(reported_on__gte=date(year - 1, 1, 1), reported_on__lte=date(year, 12, 31))
        .values_list("kind", "reported_on")
        .annotate(n=Count("id"))
        .values_list("kind", "reported_on", "n")
    )
    months: Counter = Counter()
    for kind, day, n in rows:
        months[(kind, f"{day.year}-{day.month:02d}")] += n
    return sorted(
        ({"kind": kind, "month": month, "count": n} for (kind, month), n in months.items()),
        key=lambda r: (r["month"], r["kind"]),
    )
