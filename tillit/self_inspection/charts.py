"""The line chart over rounds: the share met per criterion, one line per criterion, for the rounds
of one template in one unit. A Vega-Lite spec rendered to SVG on the server (tillit.core.charts);
the table beside it carries the same figures for screen readers."""

from __future__ import annotations

from typing import Any

import altair as alt

from tillit.assessments.models import Assessment
from tillit.core.charts import to_svg
from tillit.self_inspection.selectors import CriterionRow

# Okabe–Ito, colour-blind safe; every line is named in the legend and dashed differently.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]


def rounds_spec(series: list[tuple[Assessment, list[CriterionRow]]]) -> dict[str, Any] | None:
    values = [
        {"omgang": f"{a.performed_on:%Y-%m-%d}", "kriterium": row.ref, "andel": round(100 * row.tally.share)}
        for a, rows in series
        for row in rows
        if row.tally.share is not None
    ]
    if len({v["omgang"] for v in values}) < 2:
        return None  # a line needs two rounds; one round is shown in its table
    names = list(dict.fromkeys(v["kriterium"] for v in values))
    colours = [PALETTE[i % len(PALETTE)] for i in range(len(names))]
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_line(point=True)
        .encode(
            x=alt.X("omgang:O", title="Omgång"),
            y=alt.Y("andel:Q", title="Andel uppfyllt (%)", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("kriterium:N", title="Kriterium", scale=alt.Scale(domain=names, range=colours)),
            strokeDash=alt.StrokeDash("kriterium:N", title="Kriterium"),
        )
        .properties(width=420, height=220, title="Andel uppfyllt över omgångar")
    )
    return chart.to_dict()


def rounds_svg(series) -> str:
    spec = rounds_spec(series)
    return to_svg(spec) if spec is not None else ""
