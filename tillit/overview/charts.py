"""The overview's charts (Vega-Lite, rendered to SVG on the server by tillit.core.charts). A count
the small-count rule hides is never drawn."""

from __future__ import annotations

from typing import Any

from tillit.kpis.charts import kpi_bars_spec
from tillit.overview.selectors import KindRow, KpiLine

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"


def kinds_spec(rows: list[KindRow], *, year: int, period: str) -> dict[str, Any] | None:
    """Per kind: the year's count against the same months the year before (suppressed ones left out)."""
    names = [f"{period} {year - 1}", f"{period} {year}"]
    values = [
        {"kind": row.label, "year": name, "count": count.value}
        for row in rows
        for name, count in ((names[0], row.last_year), (names[1], row.this_year))
        if not count.suppressed
    ]
    if not any(v["count"] for v in values):
        return None
    return {
        "$schema": SCHEMA,
        "data": {"values": values},
        "width": 420,
        "height": {"step": 14},
        "mark": "bar",
        "encoding": {
            "y": {"field": "kind", "type": "nominal", "title": None},
            "yOffset": {"field": "year", "type": "nominal", "sort": names},
            "x": {"field": "count", "type": "quantitative", "title": "Antal"},
            "color": {
                "field": "year",
                "type": "nominal",
                "title": None,
                "scale": {"domain": names, "range": ["#9ecae1", "#0072B2"]},
            },
        },
    }


def kpis_spec(lines: list[KpiLine]) -> dict[str, Any] | None:
    """Per KPI (own scale each): the municipality's latest value and riket's, with the target."""
    values = []
    for line in lines:
        label = f"{line.title} ({line.code}, {line.year})"
        for name, value in (("Kommunen", line.value), ("Riket", line.riket), ("Mål", line.target)):
            if value is not None and line.year is not None:
                values.append({"kpi": label, "series": name, "value": value})
    if not values:
        return None
    names = ["Kommunen", "Riket", "Mål"]
    return kpi_bars_spec(values, names, ["#0072B2", "#D55E00", "#009E73"])
