"""Vega-Lite charts for a KPI (altair), rendered to SVG on the server: no script runs in the browser,
so the strict CSP holds. Same approach as the report's charts (tillit/reports/charts.py)."""

from __future__ import annotations

from typing import Any

import altair as alt

from tillit.kpis.models import MeasureUnit
from tillit.kpis.selectors import KpiDetail

# Colour-blind safe (Okabe–Ito); every series is named in the legend, never colour alone.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7"]


def _axis_title(detail: KpiDetail) -> str:
    return MeasureUnit(detail.kpi.measure).label


def comparison_spec(detail: KpiDetail, *, municipality_label: str) -> dict[str, Any] | None:
    """The KPI over the years: the municipality, riket and the comparison group's mean."""
    series = [
        (municipality_label, {y: g.get("T") for y, g in detail.municipality.items()}),
        ("Riket", {y: g.get("T") for y, g in detail.riket.items()}),
        ("Jämförelsegrupp (medel)", detail.group_mean),
    ]
    values = [
        {"year": str(year), "series": name, "value": value}
        for name, by_year in series
        for year, value in sorted(by_year.items())
        if value is not None
    ]
    if not values:
        return None
    names = [name for name, by_year in series if any(v is not None for v in by_year.values())]
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title="År"),
            y=alt.Y("value:Q", title=_axis_title(detail)),
            color=alt.Color("series:N", title=None, scale=alt.Scale(domain=names, range=PALETTE[: len(names)])),
            strokeDash=alt.StrokeDash("series:N", title=None),
        )
        .properties(width=460, height=240, title=f"{detail.kpi.title} över tid")
    )
    return chart.to_dict()


def gender_spec(detail: KpiDetail, *, municipality_label: str) -> dict[str, Any] | None:
    """Women and men side by side, per year (the municipality's values)."""
    values = [
        {"year": str(year), "gender": label, "value": by_gender[code]}
        for year, by_gender in sorted(detail.municipality.items())
        for code, label in (("K", "Kvinnor"), ("M", "Män"))
        if by_gender.get(code) is not None
    ]
    if not values:
        return None
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="År"),
            xOffset=alt.XOffset("gender:N"),
            y=alt.Y("value:Q", title=_axis_title(detail)),
            color=alt.Color(
                "gender:N", title=None, scale=alt.Scale(domain=["Kvinnor", "Män"], range=[PALETTE[3], PALETTE[2]])
            ),
        )
        .properties(width=460, height=220, title=f"Kvinnor och män, {municipality_label}")
    )
    return chart.to_dict()
