"""Reads of the monthly series and their signals: pure data for section providers, start-page items
and `manage.py trend_signals` (aggregates only, no personal data)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tillit.trends import spc
from tillit.trends.models import EventMonthCount, SeriesPhase

WINDOW_MONTHS = 24


def months_ending(year: int, count: int = WINDOW_MONTHS) -> list[date]:
    """The `count` months up to and including December of `year`, oldest first."""
    index = year * 12 + 11
    return [date(i // 12, i % 12 + 1, 1) for i in range(index - count + 1, index + 1)]


def event_series_key(kind: str, unit_code: str, category: str) -> str:
    return f"event:{kind}:{unit_code}:{category}"


def signal_series_key(series: dict[str, str]) -> str:
    """The series key of a `series_signals` row's `series` (for the series page)."""
    if series["kind"] == "kpi":
        return f"kpi:{series['category']}:{series['unit']}"
    return event_series_key(series["kind"], series["unit"], series["category"])


def event_series(*, unit_ids: Collection[int] | None, months: list[date]) -> dict[tuple[str, str, str], list[int]]:
    """(kind, unit code, category) → counts per month in `months` (0 where nothing was recorded)."""
    rows = EventMonthCount.objects.filter(month__gte=months[0], month__lte=months[-1])
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=unit_ids)
    position = {m: i for i, m in enumerate(months)}
    series: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0] * len(months))
    for kind, code, category, month, count in rows.values_list("kind", "unit__code", "category", "month", "count"):
        series[(kind, code, category)][position[month]] += count
    return dict(series)


def _baseline(key: str, months: list[date], phases: dict[str, list[SeriesPhase]]) -> tuple[int, int | None]:
    """(first index of the current phase in `months`, baseline length) — (0, None) without a phase."""
    current = [p for p in phases.get(key, []) if p.starts_on <= months[-1]]
    if not current:
        return 0, None
    phase = current[-1]
    start = next((i for i, m in enumerate(months) if m >= phase.starts_on), 0)
    return start, phase.baseline_months


def too_sparse(run: spc.RunChart) -> bool:
    """A count series whose median is 0 (no events in at least half of the months) is too sparse
    for a run chart: every month with an event is "above", so any few events make a long run."""
    return run.centre is not None and run.centre <= 0


def series_signals(*, unit_ids: Collection[int] | None, year: int) -> list[dict[str, Any]]:
    """For each event series with at least 10 useful points in the 24 months up to the end of `year`:
    the run-chart figures and the months outside the c-chart's limits (frozen baseline when a phase is set).
    """
    months = months_ending(year)
    series = event_series(unit_ids=unit_ids, months=months)
    keys = {event_series_key(*k): k for k in series}
    phases: dict[str, list[SeriesPhase]] = defaultdict(list)
    for phase in SeriesPhase.objects.filter(series_key__in=keys).order_by("starts_on"):
        phases[phase.series_key].append(phase)
    found = []
    for key, (kind, unit_code, category) in sorted(keys.items()):
        start, baseline = _baseline(key, months, phases)
        values = series[(kind, unit_code, category)][start:]
        run = spc.run_chart(values, baseline=baseline)
        if not run.valid or too_sparse(run):
            continue
        control = spc.c_chart(values, baseline=min(baseline, len(values)) if baseline else None)
        found.append(
            {
                "series": {"kind": kind, "unit": unit_code, "category": category},
                "n_useful": run.n_useful,
                "longest_run": run.longest_run,
                "longest_run_max": run.longest_run_max,
                "crossings": run.crossings,
                "crossings_min": run.crossings_min,
                "run_signal": run.run_signal,
                "crossing_signal": run.crossing_signal,
                "points_outside_limits": [months[start + i].strftime("%Y-%m") for i in control.outside],
            }
        )
    return found + _other_series_signals(unit_ids=unit_ids, months=months)


def _other_series_signals(*, unit_ids: Collection[int] | None, months: list[date]) -> list[dict[str, Any]]:
    """Registered monthly series of other apps (computed KPIs: "kpi"), on an I-chart: `series` is
    {"kind": prefix, "unit": unit code, "category": the KPI's code}."""
    from tillit.trends.series import signal_sources

    found = []
    for prefix, provider in sorted(signal_sources().items()):
        series = provider(unit_ids=unit_ids, months=months)
        keys = {f"{prefix}:{code}:{unit_code}": (unit_code, code) for unit_code, code in series}
        phases: dict[str, list[SeriesPhase]] = defaultdict(list)
        for phase in SeriesPhase.objects.filter(series_key__in=keys).order_by("starts_on"):
            phases[phase.series_key].append(phase)
        for key, (unit_code, code) in sorted(keys.items()):
            start, baseline = _baseline(key, months, phases)
            values = series[(unit_code, code)][start:]
            run = spc.run_chart(values, baseline=baseline)
            if not run.valid:
                continue
            present = [(i, v) for i, v in enumerate(values) if v is not None]
            present_baseline = sum(1 for i, _ in present if baseline and i < baseline) or None
            control = spc.i_chart([v for _, v in present], baseline=present_baseline)
            found.append(
                {
                    "series": {"kind": prefix, "unit": unit_code, "category": code},
                    "n_useful": run.n_useful,
                    "longest_run": run.longest_run,
                    "longest_run_max": run.longest_run_max,
                    "crossings": run.crossings,
                    "crossings_min": run.crossings_min,
                    "run_signal": run.run_signal,
                    "crossing_signal": run.crossing_signal,
                    "points_outside_limits": [months[start + present[i][0]].strftime("%Y-%m") for i in control.outside],
                }
            )
    return found


@dataclass(frozen=True)
class SeriesAnalysis:
    """One event series over `months` with its run chart and c-chart (current phase only)."""

    kind: str
    unit_code: str
    category: str
    months: list[date]  # the months of the current phase within the window
    values: list[int]
    baseline: int | None  # the frozen baseline's length (None: the whole window)
    run: spc.RunChart
    control: spc.ControlChart

    @property
    def key(self) -> str:
        return event_series_key(self.kind, self.unit_code, self.category)

    @property
    def signal(self) -> bool:
        return self.run.signal or self.control.signal


def last_complete_month(today: date) -> date:
    previous = today.replace(day=1) - timedelta(days=1)
    return previous.replace(day=1)


def months_until(last: date, count: int = WINDOW_MONTHS) -> list[date]:
    """The `count` months up to and including the month of `last`, oldest first."""
    index = last.year * 12 + last.month - 1
    return [date(i // 12, i % 12 + 1, 1) for i in range(index - count + 1, index + 1)]


def series_analyses(*, unit_ids: Collection[int] | None, months: list[date]) -> list[SeriesAnalysis]:
    """Every event series in `unit_ids` with at least 10 useful points in `months` (as
    `series_signals`, for any window: the report's year or the months up to today), with the charts
    themselves so pages and sections can draw and explain them. Reads only the monthly aggregate."""
    series = event_series(unit_ids=unit_ids, months=months)
    keys = {event_series_key(*k): k for k in series}
    phases: dict[str, list[SeriesPhase]] = defaultdict(list)
    for phase in SeriesPhase.objects.filter(series_key__in=keys).order_by("starts_on"):
        phases[phase.series_key].append(phase)
    found = []
    for key, (kind, unit_code, category) in sorted(keys.items()):
        start, baseline = _baseline(key, months, phases)
        values = series[(kind, unit_code, category)][start:]
        run = spc.run_chart(values, baseline=baseline)
        if not run.valid or too_sparse(run):
            continue
        control = spc.c_chart(values, baseline=min(baseline, len(values)) if baseline else None)
        found.append(SeriesAnalysis(kind, unit_code, category, months[start:], values, baseline, run, control))
    return found


@dataclass
class SeriesView:
    """A series as a phased control chart, for the series page."""

    data: Any  # tillit.trends.series.SeriesData
    phases: list[SeriesPhase]
    points: list[Any]  # tillit.trends.phases.PhasePoint

    @property
    def outside(self) -> list[Any]:
        return [p for p in self.points if p.outside]

    @property
    def chart_label(self) -> str:
        return {"c": "c-diagram (antal per månad)", "u": "u-diagram (antal per exponering)"}.get(
            self.data.chart, {"p": "p-diagram (andel)", "i": "I-diagram (enskilda värden)"}.get(self.data.chart, "")
        )

    def phase_rows(self) -> list[dict[str, Any]]:
        """Each phase with its frozen centre line and limits (from its first point)."""
        first: dict[int, Any] = {}
        for p in self.points:
            first.setdefault(p.phase, p)
        rows = []
        if 0 in first:
            rows.append({"label": "Före första fasen", "phase": None, "point": first[0]})
        for number, phase in enumerate(self.phases, start=1):
            rows.append({"label": f"Fas {number}", "phase": phase, "point": first.get(number)})
        return rows


def series_view(key: str, year: int) -> SeriesView | None:
    """The series `key` up to December of `year` with its recorded phases (None: unknown series)."""
    from tillit.trends.phases import PhaseStart, phased_points
    from tillit.trends.series import load_series

    data = load_series(key, year) if key else None
    if data is None:
        return None
    phases = list(SeriesPhase.objects.filter(series_key=key).select_related("created_by").order_by("starts_on"))
    points = phased_points(
        kind=data.chart,
        periods=data.periods,
        values=data.values,
        sizes=data.sizes,
        phases=[PhaseStart(p.starts_on, p.baseline_months) for p in phases],
    )
    return SeriesView(data, phases, points)
