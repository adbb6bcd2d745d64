"""One Vega-Lite spec per chart (altair), rendered to SVG for HTML/PDF and PNG for DOCX."""

from __future__ import annotations

from typing import Any

import altair as alt

KIND_LABELS = {
    "avvikelse": "Avvikelser",
    "lex_sarah": "Lex Sarah",
    "lex_maria": "Lex Maria",
    "klagomal": "Klagomål",
    "synpunkt": "Synpunkter",
}
# Colour-blind safe palette (Okabe–Ito); labels are always in the legend, never colour alone.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00"]
TITLES = {
    "monthly": "Händelser per månad och typ",
    "by_category": "Händelser per kategori",
    "by_unit": "Händelser per verksamhet",
}


def _base(values: list[dict[str, Any]]) -> alt.Chart:
    return alt.Chart(alt.Data(values=values)).properties(width=460, height=220)


def _color() -> alt.Color:
    return alt.Color(
        "kind:N",
        title="Typ",
        scale=alt.Scale(domain=list(KIND_LABELS.values()), range=PALETTE),
    )


def chart_spec(name: str, figures: dict[str, Any]) -> dict[str, Any] | None:
    """The spec for chart `name`, or None when there is nothing to draw."""
    events = figures["events"]
    if name == "monthly":
        values = [{**row, "kind": KIND_LABELS[row["kind"]]} for row in figures.get("monthly", [])]
        if not values:
            return None
        chart = (
            _base(values)
            .mark_line(point=True)
            .encode(x=alt.X("month:O", title="Månad"), y=alt.Y("count:Q", title="Antal"), color=_color())
        )
    elif name == "by_category":
        totals: dict[str, int] = {}
        for data in events.values():
            for label, count in data["by_category"].items():
                totals[label] = totals.get(label, 0) + count
        values = [{"category": k, "count": v} for k, v in sorted(totals.items(), key=lambda kv: -kv[1])[:10]]
        if not values:
            return None
        chart = (
            _base(values)
            .mark_bar(color=PALETTE[0])
            .encode(x=alt.X("count:Q", title="Antal"), y=alt.Y("category:N", title=None, sort="-x"))
        )
    elif name == "by_unit":
        units = figures.get("units", {})
        values = [
            {"unit": units.get(code, code), "kind": KIND_LABELS[kind], "count": count}
            for kind, data in events.items()
            for code, count in data["by_unit"].items()
            if count
        ]
        if not values:
            return None
        chart = (
            _base(values)
            .mark_bar()
            .encode(x=alt.X("count:Q", title="Antal"), y=alt.Y("unit:N", title=None), color=_color())
        )
    else:
        raise ValueError(name)
    return chart.properties(title=TITLES[name]).to_dict()


def to_svg(spec: dict[str, Any]) -> str:
    import vl_convert as vlc

    return vlc.vegalite_to_svg(spec)


def to_png(spec: dict[str, Any]) -> bytes:
    import vl_convert as vlc

    return vlc.vegalite_to_png(spec, scale=2)
