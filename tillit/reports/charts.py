"""Charts of the yearly report: each is declared by the app that provides its figures
(`ReportProvider.charts`, see tillit.core.reporting) as a Vega-Lite spec; rendered here to SVG
for HTML/PDF and PNG for DOCX."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from tillit.core.reporting import report_charts


class _Titles(Mapping[str, str]):
    """The registered charts' titles by name, in registration order (read live)."""

    def __getitem__(self, name: str) -> str:
        return report_charts()[name].title

    def __iter__(self) -> Iterator[str]:
        return iter(report_charts())

    def __len__(self) -> int:
        return len(report_charts())


TITLES: Mapping[str, str] = _Titles()


def chart_spec(name: str, figures: dict[str, Any]) -> dict[str, Any] | None:
    """The spec for chart `name`, or None when there is nothing to draw (or, in a report adopted
    long ago, when no app provides that chart any more: the adopted PDF/DOCX keep it)."""
    chart = report_charts().get(name)
    return chart.build(figures) if chart is not None else None


MARK_NAMES = {"bar": "Stapeldiagram", "line": "Linjediagram", "point": "Punktdiagram", "area": "Ytdiagram"}


def describe(spec: dict[str, Any], title: str) -> str:
    """A Swedish description of the chart for screen readers and DOCX alt text: its kind, title and
    the largest values (the SVG's own ARIA labels would be Vega's English ones)."""
    mark = spec.get("mark")
    mark_type = mark.get("type") if isinstance(mark, dict) else mark
    text = f"{MARK_NAMES.get(str(mark_type), 'Diagram')}: {title}."
    values = (spec.get("data") or {}).get("values") or []
    rows = [v for v in values if isinstance(v, dict) and isinstance(v.get("count"), int | float)]
    if not rows:
        return text
    labels = [k for k, v in rows[0].items() if k not in ("count", "kind", "month") and isinstance(v, str)]
    key = labels[0] if labels else ("kind" if "kind" in rows[0] else "")
    if not key:
        return text
    totals: dict[str, float] = {}
    for row in rows:
        totals[str(row.get(key, ""))] = totals.get(str(row.get(key, "")), 0) + row["count"]
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])
    shown = ", ".join(f"{label} {count:g}" for label, count in ranked[:5])
    more = f" och {len(ranked) - 5} till" if len(ranked) > 5 else ""
    return f"{text} Antal: {shown}{more}."
