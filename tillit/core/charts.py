"""Rendering Vega-Lite charts (built with altair) server-side, the same way for every app: SVG for
pages and PDF (the strict CSP allows no chart scripts), PNG for DOCX."""

from __future__ import annotations

from typing import Any

# Labels are measured in the font the PDF draws them with (WeasyPrint uses DejaVu Sans for the
# SVG's text): measured in Vega's default sans-serif they came out narrower than drawn, so long
# axis labels ran past the left edge and were cut ("ndläggning och handläggningstid").
CHART_FONT = "DejaVu Sans"
LABEL_LIMIT = 260  # px; Vega's default (180) cut long category and unit names with "…"


def _styled(spec: dict[str, Any], **config: Any) -> dict[str, Any]:
    base = spec.get("config", {})
    return {
        **spec,
        "padding": spec.get("padding", {"left": 8, "right": 8, "top": 5, "bottom": 5}),
        "config": {
            **base,
            "font": base.get("font", CHART_FONT),
            "axis": {"labelLimit": LABEL_LIMIT, **base.get("axis", {})},
            "legend": {"labelLimit": LABEL_LIMIT, **base.get("legend", {})},
            **config,
        },
    }


def to_svg(spec: dict[str, Any], *, aria: bool = True) -> str:
    """`aria=False` drops Vega's ARIA labels (English, "X-axis titled …") where the page gives the
    figure a Swedish description of its own (the yearly report)."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(_styled(spec) if aria else _styled(spec, aria=False))


def to_png(spec: dict[str, Any]) -> bytes:
    import vl_convert as vlc

    return vlc.vegalite_to_png(_styled(spec), scale=2)
