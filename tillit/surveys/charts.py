"""The survey chart: the share of positive answers per question with its 95 % interval (Vega-Lite,
drawn server-side by tillit.core.charts). Suppressed questions are left out of the chart and the
page says so beside the table."""

from __future__ import annotations

from tillit.core import suppression
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


GENDER_LABELS = {"kvinna": "Kvinnor", "man": "Män"}


def gender_spec(questions) -> dict | None:
    """Women and men side by side per question: the share of positive answers with n. A group the
    suppression hides (None in `by_gender`, or under the threshold) is not drawn, and then neither
    is the other group of that question (its complement); nor a question whose own share is hidden."""
    values = []
    for q in questions:
        if not q.share_shown or not q.by_gender:
            continue
        shares = {label: q.by_gender.get(gender) for gender, label in GENDER_LABELS.items()}
        if any(s is None or s.share is None or suppression.is_small(s.n, q.limit) for s in shares.values()):
            continue  # one group hidden: the other would give it back as the complement of the total
        for label, share in shares.items():
            values.append(
                {
                    "fråga": q.text[:60],
                    "grupp": label,
                    "andel": share.share,
                    "n": share.n,
                    "etikett": f"{share.share:g} % (n={share.n})".replace(".", ","),
                }
            )
    if not values:
        return None
    groups = list(GENDER_LABELS.values())
    y = {"field": "fråga", "type": "nominal", "sort": None, "title": None}
    x = {"field": "andel", "type": "quantitative", "title": "Andel positiva svar (%)", "scale": {"domain": [0, 100]}}
    color = {
        "field": "grupp",
        "type": "nominal",
        "title": None,
        "sort": groups,
        "scale": {"range": ["#7a3b69", "#2f6f73"]},
    }
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 360,
        "data": {"values": values},
        "encoding": {"y": y, "yOffset": {"field": "grupp", "sort": groups}, "x": x},
        "layer": [
            {"mark": {"type": "bar"}, "encoding": {"color": color}},
            {
                "mark": {"type": "text", "align": "left", "dx": 3, "fontSize": 10, "color": "#222"},
                "encoding": {"text": {"field": "etikett"}},
            },
        ],
    }


def gender_chart(questions) -> str:
    spec = gender_spec(questions)
    return to_svg(spec) if spec else ""
