"""Egenkontroll's part of the yearly report: the `self_inspection` figures and the section
"Egenkontroll" (replacing the guidance text): each round's criteria with the share met, n and the
change since the previous round. Aggregates only; n below the small-count threshold is shown as
"<5" and its share is not shown (tillit.core.suppression)."""

from __future__ import annotations

from typing import Any

from tillit.core import suppression
from tillit.core.reporting import ReportProvider, SectionContext, SectionSpec, register_report_provider
from tillit.self_inspection.figures import self_inspection_figures


def _percent(share: float | None) -> str:
    return f"{round(100 * share)} %" if share is not None else "–"


def _shown_share(criterion: dict[str, Any]) -> str:
    n = criterion["met"] + criterion["not_met"]
    return "–" if suppression.is_small(n) else _percent(criterion["share"])


def _change(criterion: dict[str, Any]) -> str:
    n = criterion["met"] + criterion["not_met"]
    if criterion["share"] is None or criterion["previous_share"] is None or suppression.is_small(n):
        return "–"
    points = round(100 * (criterion["share"] - criterion["previous_share"]))
    return f"{points:+d} procentenheter" if points else "oförändrat"


def _rounds(ctx: SectionContext) -> list[dict[str, Any]]:
    return (ctx.figures.get("self_inspection") or {}).get("rounds", [])


def paragraphs(ctx: SectionContext) -> list[str]:
    rounds = _rounds(ctx)
    if not rounds:
        return [
            f"Inga egenkontroller för {ctx.year} finns registrerade i Tillit. Beskriv årets egenkontroller, "
            "resultaten och vilka förbättringar de ledde till (SOSFS 2011:9 5 kap. 2 §)."
        ]
    units = sorted({r["unit_name"] for r in rounds})
    text = [
        f"Under {ctx.year} genomfördes {len(rounds)} "
        f"{'egenkontrollomgång' if len(rounds) == 1 else 'egenkontrollomgångar'} i {', '.join(units)} "
        "(SOSFS 2011:9 5 kap. 2 §)."
    ]
    for r in rounds:
        sample = (
            f" {suppression.count(r['sampled']).text} ärenden av {suppression.count(r['population']).text} "
            "valdes slumpmässigt och granskades."
            if r["sampled"]
            else ""
        )
        shares = [
            f"{c['ref']} {_shown_share(c)}"
            for c in r["criteria"]
            if not suppression.is_small(c["met"] + c["not_met"]) and c["share"] is not None
        ]
        result = f" Andel uppfyllt: {', '.join(shares)}." if shares else ""
        actions = r.get("actions", 0)
        followed = f" Fynden ledde till {actions} {'åtgärd' if actions == 1 else 'åtgärder'}." if actions else ""
        text.append(f"{r['template_title']} i {r['unit_name']} ({r['performed_on']}).{sample}{result}{followed}")
    return text


def tables(ctx: SectionContext) -> list[dict[str, Any]]:
    out = []
    for r in _rounds(ctx):
        rows = []
        small = False
        for c in r["criteria"]:
            n = suppression.count(c["met"] + c["not_met"])
            small = small or n.suppressed
            rows.append([f"{c['ref']} {c['text']}", _shown_share(c), str(n), _change(c)])
        caption = f"{r['template_title']}, {r['unit_name']} {r['performed_on']}"
        if small:
            caption += ". " + suppression.note()
        out.append(
            {
                "caption": caption,
                "header": ["Kriterium", "Andel uppfyllt", "n (uppfyllt + ej uppfyllt)", "Förändring"],
                "rows": rows,
            }
        )
    return out


register_report_provider(
    __name__,
    ReportProvider(
        key="self_inspection",
        order=33,
        figures=self_inspection_figures,
        sections=[
            SectionSpec(
                "egenkontroll",
                "Egenkontroll",
                order=40,
                paragraphs=paragraphs,
                tables=tables,
                figures=lambda figures: {"self_inspection": figures.get("self_inspection", {})},
            )
        ],
    ),
)
