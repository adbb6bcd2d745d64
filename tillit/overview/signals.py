"""Trend signals in words and pictures: the event series of `tillit.trends` named with the events'
labels ("Avvikelser om läkemedel i Hemtjänst Norr"), explained in plain Swedish, and drawn as run
charts. Used by the report's section "Mönster och trender", the overview and the start pages.

This lives above events and trends (trends is below events and cannot name the events' kinds and
categories). Everything is read from the monthly aggregate: no personal data, and the cost follows
units × months, never the number of events.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.urls import reverse

from tillit.core import suppression
from tillit.core.registry import roles_with
from tillit.core.roles import AGGREGATE_ONLY_ROLES, Role
from tillit.events.models import Category
from tillit.org.access import has_permission, scope_unit_ids_for_roles
from tillit.org.models import Unit
from tillit.trends import spc
from tillit.trends.selectors import SeriesAnalysis, last_complete_month, months_until, series_analyses

KIND_PLURALS = {
    "avvikelse": "Avvikelser",
    "lex_sarah": "Lex Sarah-rapporter",
    "lex_maria": "Lex Maria-händelser",
    "klagomal": "Klagomål",
    "synpunkt": "Synpunkter",
}
NO_CATEGORY = "-"  # the URL's stand-in for events without a category


@dataclass(frozen=True)
class Signal:
    analysis: SeriesAnalysis
    unit_name: str
    category_label: str

    @property
    def subject(self) -> str:
        kind = KIND_PLURALS.get(self.analysis.kind, self.analysis.kind)
        about = f" om {self.category_label.lower()}" if self.category_label else " utan kategori"
        return f"{kind}{about} i {self.unit_name}"

    @property
    def sentence(self) -> str:
        return explain(self.analysis, self.subject)

    @property
    def url(self) -> str:
        a = self.analysis
        return reverse(
            "overview:series", kwargs={"kind": a.kind, "unit": a.unit_code, "category": a.category or NO_CATEGORY}
        )


def latest_run(run: spc.RunChart) -> spc.Run | None:
    """The run the series is in now (the last useful points on one side of the median)."""
    if run.centre is None:
        return None
    useful = [(i, v > run.centre) for i, v in enumerate(run.values) if v is not None and v != run.centre]
    if not useful:
        return None
    end, above = useful[-1]
    start, length = end, 0
    for i, side in reversed(useful):
        if side != above:
            break
        start, length = i, length + 1
    return spc.Run(spc.Side.ABOVE if above else spc.Side.BELOW, start, end, length)


def explain(analysis: SeriesAnalysis, subject: str) -> str:
    """The run chart's sentence, and the months outside the control limits named without their
    counts (a count could be small: the small-count rule). When the series is in an unusually long
    run now, that run is told ("har legat över medianen nio månader i rad sedan april"), even if an
    earlier one was longer: what goes on now is what a nämnd needs to hear first."""
    run = analysis.run
    now = latest_run(run)
    if run.run_signal and now is not None and run.longest_run_max and now.length > run.longest_run_max:
        run = dataclasses.replace(run, longest=now)
    text = spc.explain_run_chart(run, subject=subject, periods=analysis.months)
    outside = [analysis.control.points[i] for i in analysis.control.outside]
    if outside:
        last = analysis.months[-1]

        def when(index: int) -> str:
            month = analysis.months[index]
            return spc.month_label(month, with_year=month.year != last.year)

        above = [when(p.index) for p in outside if p.above]
        below = [when(p.index) for p in outside if p.below]
        if above:
            text += f" I {_join(above)} var antalet högre än vad den vanliga variationen förklarar."
        if below:
            text += f" I {_join(below)} var antalet lägre än vad den vanliga variationen förklarar."
    return text


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]


@dataclass(frozen=True)
class Watch:
    """The series watched in a scope and window, and those of them that signal."""

    watched: int
    signals: list[Signal]
    months: list[date]

    @property
    def false_alarms(self) -> str:
        return spc.explain_false_alarms(self.watched) if self.watched else ""


def watch(*, unit_ids: Collection[int] | None, months: list[date]) -> Watch:
    """Every series with enough points in `months`, and the signalling ones with their labels
    (three queries whatever the number of events)."""
    analyses = series_analyses(unit_ids=unit_ids, months=months)
    signalling = [a for a in analyses if a.signal]
    names = dict(Unit.objects.filter(code__in={a.unit_code for a in signalling}).values_list("code", "name"))
    labels = dict(Category.objects.filter(code__in={a.category for a in signalling}).values_list("code", "label"))
    signals = [Signal(a, names.get(a.unit_code, a.unit_code), labels.get(a.category, a.category)) for a in signalling]
    # The clearest first: an ongoing run, then the longest.
    signals.sort(key=lambda s: (-s.analysis.run.longest_run, s.subject))
    return Watch(watched=len(analyses), signals=signals, months=months)


# --- charts -------------------------------------------------------------------------------------

PALETTE = {"Antal": "#0072B2", "Medianen": "#D55E00"}


def run_chart_values(signal: Signal, *, suppress: bool) -> list[dict[str, Any]]:
    """The points of one run chart. With `suppress` (ledning, nämnd, the published report) a small
    count is drawn in the band below the threshold, at its middle, and marked: never its value."""
    limit = suppression.threshold()
    a = signal.analysis
    rows = []
    for month, value in zip(a.months, a.values, strict=True):
        small = suppress and suppression.is_small(value, limit)
        rows.append(
            {
                "series": signal.subject,
                "month": month.strftime("%Y-%m"),
                "value": limit / 2 if small else value,
                "mark": f"färre än {limit} (exakt antal visas inte)" if small else "Antal",
                "median": a.run.centre,
            }
        )
    return rows


def run_chart_spec(signals: list[Signal], *, suppress: bool, title: str = "") -> dict[str, Any] | None:
    """One run chart per series (rows), each with its median: Vega-Lite, drawn on the server."""
    values = [row for s in signals for row in run_chart_values(s, suppress=suppress)]
    if not values:
        return None
    limit = suppression.threshold()
    marks = ["Antal", f"färre än {limit} (exakt antal visas inte)"]
    spec: dict[str, Any] = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": values},
        "facet": {"row": {"field": "series", "type": "nominal", "title": None, "header": {"labelAngle": 0}}},
        "spec": {
            "width": 460,
            "height": 140,
            "layer": [
                {
                    "mark": {"type": "line", "color": PALETTE["Antal"]},
                    "encoding": {
                        "x": {"field": "month", "type": "ordinal", "title": "Månad"},
                        "y": {"field": "value", "type": "quantitative", "title": "Antal per månad"},
                    },
                },
                {
                    "mark": {"type": "point", "filled": True, "size": 40},
                    "encoding": {
                        "x": {"field": "month", "type": "ordinal"},
                        "y": {"field": "value", "type": "quantitative"},
                        "color": {
                            "field": "mark",
                            "type": "nominal",
                            "title": None,
                            "scale": {"domain": marks, "range": [PALETTE["Antal"], "#999999"]},
                        },
                        "shape": {"field": "mark", "type": "nominal", "scale": {"domain": marks}},
                    },
                },
                {
                    "mark": {"type": "rule", "color": PALETTE["Medianen"], "strokeDash": [6, 3]},
                    "encoding": {"y": {"field": "median", "aggregate": "mean", "type": "quantitative"}},
                },
            ],
        },
        "resolve": {"scale": {"y": "independent"}},
    }
    if title:
        spec["title"] = title
    return spec


# --- who sees which series ----------------------------------------------------------------------

# Who watches signals on their start page: those who lead the work in their units.
WATCHERS = frozenset({Role.ENHETSCHEF, Role.AVDELNINGSCHEF, Role.KVALITETSUTVECKLARE, Role.MAS})


def window(today: date) -> list[date]:
    """The 24 complete months up to today."""
    return months_until(last_complete_month(today))


def start_signals(user, today: date) -> Watch | None:
    """The signals in the units where the user leads the work (None: not a watcher)."""
    unit_ids = scope_unit_ids_for_roles(user, WATCHERS)
    if not unit_ids:
        return None
    return watch(unit_ids=unit_ids, months=window(today))


def series_for_user(user, *, kind: str, unit_code: str, category: str, today: date) -> tuple[Signal, bool] | None:
    """One series in a unit where the user holds signal.view (None otherwise, or when the series has
    too few points), and whether its small counts must be hidden (read only as aggregate roles)."""
    unit = Unit.objects.filter(code=unit_code).first()
    if unit is None or not has_permission(user, "signal.view", unit):
        return None
    category = "" if category == NO_CATEGORY else category
    found = next(
        (
            a
            for a in series_analyses(unit_ids=[unit.pk], months=window(today))
            if (a.kind, a.category) == (kind, category)
        ),
        None,
    )
    if found is None:
        return None
    label = Category.objects.filter(code=category).values_list("label", flat=True).first() or ""
    full_roles = roles_with("signal.view") - AGGREGATE_ONLY_ROLES
    suppress = unit.pk not in scope_unit_ids_for_roles(user, full_roles)
    return Signal(found, unit.name, label), suppress
