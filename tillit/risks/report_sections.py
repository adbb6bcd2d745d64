"""Riskanalys's part of the yearly report: the `risk` figures and the section "Riskanalys", which
replaces the report engine's guidance text (same key)."""

from __future__ import annotations

from typing import Any

from tillit.core.reporting import ReportProvider, SectionContext, SectionSpec, register_report_provider
from tillit.risks.figures import risk_figures
from tillit.risks.models import Reason

REASON_PHRASES = {
    "forandring": "inför en förändring",
    "process": "vid genomgång av en process",
    "handelse": "efter en händelse",
    "arlig": "vid den årliga genomgången",
}
LEVEL_LABELS = {"lag": "Låg", "medel": "Medel", "hog": "Hög", "mycket_hog": "Mycket hög"}


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def paragraphs(ctx: SectionContext) -> list[str]:
    data = ctx.figures.get("risk") or {}
    analyses = data.get("analyses", {})
    total = sum(analyses.values())
    if not total:
        return [
            f"Inga riskanalyser har registrerats i Tillit för {ctx.year}. Beskriv vilka riskanalyser som "
            "har gjorts under året och vad de ledde till (SOSFS 2011:9 5 kap. 1 §)."
        ]
    reasons = [f"{n} {REASON_PHRASES[code]}" for code in Reason.values if (n := analyses.get(code, 0))]
    text = [
        f"Under {ctx.year} gjordes {_count(total, 'riskanalys', 'riskanalyser')} (SOSFS 2011:9 5 kap. 1 §): "
        + ", ".join(reasons)
        + f". I analyserna identifierades {_count(data.get('risks', 0), 'risk', 'risker')}."
    ]
    over = data.get("over_threshold", {"before": 0, "after": 0})
    text.append(
        f"Före åtgärder låg {_count(over['before'], 'risk', 'risker')} över gränsen för uppföljning; "
        f"efter beslutade åtgärder bedöms {over['after']} ligga kvar över gränsen."
    )
    open_measures, measures = data.get("open_measures", 0), data.get("measures", 0)
    if open_measures:
        text.append(
            f"{open_measures} av {_count(measures, 'åtgärd', 'åtgärder')} från riskanalyserna är ännu inte genomförda."
        )
    elif measures:
        text.append(f"Alla {_count(measures, 'åtgärd', 'åtgärder')} från riskanalyserna är genomförda.")
    return text


def tables(ctx: SectionContext) -> list[dict[str, Any]]:
    data = ctx.figures.get("risk") or {}
    if not sum(data.get("analyses", {}).values()):
        return []
    by_level, over = data["by_level"], data["over_threshold"]
    codes = [c for c in LEVEL_LABELS if c in by_level["before"] or c in by_level["after"]]
    codes += sorted((set(by_level["before"]) | set(by_level["after"])) - set(codes))
    return [
        {
            "caption": f"Riskanalyser {ctx.year} efter anledning",
            "header": ["Anledning", "Antal"],
            "rows": [[label, str(data["analyses"].get(code, 0))] for code, label in Reason.choices],
        },
        {
            "caption": f"Risker per risknivå före och efter åtgärder {ctx.year}",
            "header": ["Risknivå", "Före åtgärder", "Efter åtgärder"],
            "rows": [
                [LEVEL_LABELS.get(c, c), str(by_level["before"].get(c, 0)), str(by_level["after"].get(c, 0))]
                for c in codes
            ]
            + [["Över gränsen för uppföljning", str(over["before"]), str(over["after"])]],
        },
    ]


register_report_provider(
    __name__,
    ReportProvider(
        key="risks",
        order=30,
        figures=risk_figures,
        sections=[
            SectionSpec(
                "riskanalys",
                "Riskanalys",
                order=30,
                paragraphs=paragraphs,
                tables=tables,
                figures=lambda figures: {"risk": figures.get("risk", {})},
            )
        ],
    ),
)
