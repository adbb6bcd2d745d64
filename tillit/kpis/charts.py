"""Vega-Lite charts for a KPI (altair), rendered to SVG on the server: no script runs in the browser,
so the strict CSP holds. Same approach as the report's charts (tillit/reports/charts.py)."""

from __future__ import annotations

from typing import Any

import altair as alt

from tillit.kpis.models import MeasureUnit
from tillit.kpis.selectors import FunnelData, KpiDetail, KpiSeries
from tillit.trends import spc
from tillit.trends.charts import control_chart_spec
from tillit.trends.models import SeriesPhase
from tillit.trends.phases import PhasePoint, PhaseStart, phased_points

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


def funnel_spec(funnel: spc.Funnel, *, scale: float, title: str, y_title: str) -> dict[str, Any]:
    """A funnel plot: each unit's value against its size, with the pooled value and the 95 % and
    99.8 % limits drawn as curves over the sizes; units outside the 99.8 % limits marked."""
    sizes = [u.denominator for u in funnel.units]
    low, high = max(1.0, min(sizes) * 0.8), max(sizes) * 1.1
    steps = 60
    curve = []
    for i in range(steps + 1):
        size = low + (high - low) * i / steps
        for label, z in (("95 %", spc.Z95), ("99,8 %", spc.Z998)):
            lower, upper = funnel.limits(size, z)
            curve.append({"size": size, "limit": f"{label} nedre", "value": lower * scale})
            curve.append({"size": size, "limit": f"{label} övre", "value": upper * scale})
    points = [
        {
            "size": u.denominator,
            "value": u.value * scale,
            "unit": u.label,
            "status": "Utanför 99,8 %" if u.outside998 else ("Utanför 95 %" if u.outside95 else "Inom gränserna"),
        }
        for u in funnel.units
    ]
    x = alt.X("size:Q", title="Storlek (nämnare)")
    lines = (
        alt.Chart(alt.Data(values=curve))
        .mark_line(strokeDash=[4, 3])
        .encode(
            x=x,
            y=alt.Y("value:Q", title=y_title),
            detail="limit:N",
            color=alt.Color(
                "limit:N",
                title="Gränser",
                scale=alt.Scale(
                    domain=["95 % nedre", "95 % övre", "99,8 % nedre", "99,8 % övre"],
                    range=[PALETTE[1], PALETTE[1], PALETTE[3], PALETTE[3]],
                ),
                legend=None,
            ),
        )
    )
    pooled = (
        alt.Chart(alt.Data(values=[{"value": funnel.pooled * scale}])).mark_rule(color=PALETTE[2]).encode(y="value:Q")
    )
    dots = (
        alt.Chart(alt.Data(values=points))
        .mark_point(filled=True, size=70)
        .encode(
            x=x,
            y="value:Q",
            shape=alt.Shape(
                "status:N",
                title=None,
                scale=alt.Scale(
                    domain=["Inom gränserna", "Utanför 95 %", "Utanför 99,8 %"], range=["circle", "square", "diamond"]
                ),
            ),
            color=alt.value(PALETTE[0]),
            tooltip=["unit:N", "size:Q", "value:Q", "status:N"],
        )
    )
    labels = (
        alt.Chart(alt.Data(values=points))
        .mark_text(align="left", dx=6, fontSize=10)
        .encode(x=x, y="value:Q", text="unit:N")
    )
    return (lines + pooled + dots + labels).properties(width=520, height=260, title=title).to_dict()


def control_chart(series: KpiSeries) -> tuple[list[PhasePoint], dict[str, Any] | None]:
    """The I-chart of a KPI series with its recorded phases (frozen baselines; see tillit.trends)."""
    phases = [
        PhaseStart(p.starts_on, p.baseline_months)
        for p in SeriesPhase.objects.filter(series_key=series.key).order_by("starts_on")
    ]
    points = phased_points(kind="i", periods=series.periods, values=series.values, sizes=None, phases=phases)
    if len(points) < 2:
        return points, None
    spec = control_chart_spec(
        points,
        title=f"Styrdiagram: {series.kpi.title}, {series.unit.name}",
        y_title=MeasureUnit(series.kpi.measure).label,
        monthly=series.monthly,
    )
    return points, spec


def funnel_status(unit: spc.FunnelUnit) -> str:
    side = "Över" if unit.above else "Under"
    if unit.outside998:
        return f"{side} 99,8 %-gränsen"
    return f"{side} 95 %-gränsen" if unit.outside95 else "Inom gränserna"


def funnel_for(data: FunnelData, kpi) -> tuple[dict[str, Any], dict[str, Any]]:
    """The funnel's table (values in the KPI's own scale) and its chart spec."""
    funnel = spc.funnel(data.units, proportion=data.proportion)
    table = {
        "pooled": funnel.pooled * data.scale,
        "rows": [
            {
                "label": u.label,
                "numerator": u.numerator,
                "denominator": u.denominator,
                "value": u.value * data.scale,
                "status": funnel_status(u),
            }
            for u in funnel.units
        ],
    }
    spec = funnel_spec(
        funnel,
        scale=data.scale,
        title=f"Trattdiagram {data.year}: enheterna jämförda",
        y_title=MeasureUnit(kpi.measure).label,
    )
    return table, spec


def kpi_bars_spec(values: list[dict], names: list[str], colours: list[str], *, title: str | None = None) -> dict:
    """One row of bars per KPI (`values`: kpi, series, value), the series in `names` order and
    colours, each KPI on its own scale: the report's and the overview's KPI comparison."""
    spec: dict[str, Any] = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": values},
        "facet": {"row": {"field": "kpi", "type": "nominal", "title": None, "header": {"labelAngle": 0}}},
        "spec": {
            "width": 300,
            "height": {"step": 16},
            "mark": "bar",
            "encoding": {
                "y": {"field": "series", "type": "nominal", "title": None, "sort": names},
                "x": {"field": "value", "type": "quantitative", "title": "Värde"},
                "color": {
                    "field": "series",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": names, "range": colours},
                },
            },
        },
        "resolve": {"scale": {"x": "independent"}},
    }
    if title:
        spec["title"] = title
    return spec
