"""The results chart: share met per chapter (or item), this round beside the previous one.

A Vega-Lite spec made with altair and rendered to SVG on the server (as the report engine does),
so the page needs no script. The table next to it carries the same figures for screen readers.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from tillit.assessments.selectors import Results
from tillit.core.charts import to_svg

# Okabe–Ito, colour-blind safe; the legend always names the series.
COLOURS = ["#0072B2", "#E69F00"]


def results_spec(results: Results) -> dict[str, Any] | None:
    rows: list[dict[str, Any]] = []
    this = f"Denna ({results.assessment.performed_on:%Y-%m-%d})"
    prev = results.previous_assessment
    before = f"Föregående ({prev.performed_on:%Y-%m-%d})" if prev else ""
    if results.has_chapters:
        points = [(g.heading.ref if g.heading else "Övrigt", g.tally, g.previous) for g in results.groups]
    else:
        points = [(r.item.ref, r.tally, r.previous) for g in results.groups for r in g.items]
    for label, tally, previous in points:
        if tally.share is not None:
            rows.append({"punkt": label, "granskning": this, "andel": round(100 * tally.share)})
        if previous is not None and previous.share is not None:
            rows.append({"punkt": label, "granskning": before, "andel": round(100 * previous.share)})
    if not rows:
        return None
    series = [this, before] if prev else [this]
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            y=alt.Y("punkt:N", title=None, sort=None),
            yOffset=alt.YOffset("granskning:N", sort=series),
            x=alt.X("andel:Q", title="Andel uppfyllt (%)", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color(
                "granskning:N",
                title=None,
                scale=alt.Scale(domain=series, range=COLOURS[: len(series)]),
                legend=alt.Legend(orient="bottom"),
            ),
        )
        .properties(width=420, title="Andel uppfyllt")
    )
    return chart.to_dict()


def results_svg(results: Results) -> str:
    spec = results_spec(results)
    if spec is None:
        return ""
    return to_svg(spec)
