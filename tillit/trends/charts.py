"""Vega-Lite (altair) spec of a phased control chart: the values, each phase's centre line and limits
(stepping where a new phase starts) and the points outside the limits marked by shape as well as
colour. Rendered with tillit.core.charts.to_svg like every chart."""

from __future__ import annotations

from typing import Any

import altair as alt

from tillit.trends.phases import PhasePoint

VALUE, CENTRE, LIMIT, OUTSIDE = "#0072B2", "#009E73", "#D55E00", "#CC79A7"


def control_chart_spec(
    points: list[PhasePoint], *, title: str, y_title: str, monthly: bool = True
) -> dict[str, Any] | None:
    if not points:
        return None
    fmt = "%Y-%m" if monthly else "%Y"
    rows = [
        {
            "period": p.period.strftime(fmt),
            "value": p.value,
            "centre": p.centre,
            "lower": p.lower,
            "upper": p.upper,
            "phase": f"Fas {p.phase}" if p.phase else "Före första fasen",
            "status": "Utanför gränserna" if p.outside else "Inom gränserna",
        }
        for p in points
    ]
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X("period:O", title="Månad" if monthly else "År", axis=alt.Axis(labelAngle=-45))
    )
    detail = alt.Detail("phase:N")
    centre = base.mark_line(color=CENTRE, interpolate="step-after").encode(y="centre:Q", detail=detail)
    upper = base.mark_line(color=LIMIT, strokeDash=[4, 3], interpolate="step-after").encode(y="upper:Q", detail=detail)
    lower = base.mark_line(color=LIMIT, strokeDash=[4, 3], interpolate="step-after").encode(y="lower:Q", detail=detail)
    line = base.mark_line(color=VALUE).encode(y=alt.Y("value:Q", title=y_title))
    statuses = alt.Scale(domain=["Inom gränserna", "Utanför gränserna"], range=[VALUE, OUTSIDE])
    shapes = alt.Scale(domain=["Inom gränserna", "Utanför gränserna"], range=["circle", "diamond"])
    dots = base.mark_point(filled=True, size=60).encode(
        y="value:Q",
        color=alt.Color("status:N", title=None, scale=statuses),
        shape=alt.Shape("status:N", title=None, scale=shapes),
        tooltip=["period:O", "value:Q", "lower:Q", "upper:Q", "phase:N"],
    )
    chart = (lower + upper + centre + line + dots).properties(width=520, height=240, title=title)
    return chart.to_dict()
