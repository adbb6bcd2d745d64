"""The survey chart: the share of positive answers per question with its 95 % interval (Vega-Lite,
drawn server-side by tillit.core.charts). Suppressed questions are left out of the chart and the
page says so beside the table."""

from __future__ import annotations

from tillit.core.charts import to_svg


def share_spec(questions) -> dict | None:
    values = [
        {
            "fråga": q.text[:60],
            "andel": q.share.share,
            "låg": q.share.interval[0],
            "hög": q.share.interval[1],
        }
        for q in questions
        if q.share_shown
    ]
    if not values:
        return None
    y = {"field": "fråga", "type": "nominal", "sort": None, "title": None}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 360,
        "data": {"values": values},
        "layer": [
            {
                "mark": {"type": "bar", "color": "#2f6f73"},
                "encoding": {
                    "y": y,
                    "x": {
                        "field": "andel",
                        "type": "quantitative",
                        "title": "Andel positiva svar (%)",
                        "scale": {"domain": [0, 100]},
                    },
                },
            },
            {
                "mark": {"type": "rule", "color": "#222"},
                "encoding": {"y": y, "x": {"field": "låg", "type": "quantitative"}, "x2": {"field": "hög"}},
            },
        ],
    }


def share_chart(questions) -> str:
    spec = share_spec(questions)
    return to_svg(spec) if spec else ""
