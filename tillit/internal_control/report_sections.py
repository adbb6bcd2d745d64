"""Internkontroll's part of the yearly report: the `internal_control` figures and the section
"Internkontroll" ("N av M kontrollpunkter genomförda", which were not, and that they are carried
over), with the traffic-light table the nämnd's follow-up uses."""

from __future__ import annotations

from typing import Any

from tillit.core.reporting import ReportProvider, SectionContext, SectionSpec, register_report_provider
from tillit.internal_control.figures import internal_control_figures
from tillit.internal_control.models import ControlOutcome, ControlStatus

STATUS = dict(ControlStatus.choices)
OUTCOME = dict(ControlOutcome.choices)


def _light(point: dict[str, Any]) -> str:
    if point["status"] == ControlStatus.GENOMFORD:
        return (
            "Gul – genomförd med brister"
            if point["outcome"] == ControlOutcome.MED_BRISTER
            else "Grön – utan anmärkning"
        )
    return "Röd – ej genomförd" if point["status"] == ControlStatus.EJ_GENOMFORD else "Grå – pågår"


def paragraphs(ctx: SectionContext) -> list[str]:
    data = ctx.figures.get("internal_control") or {}
    total = data.get("points", 0)
    if not total:
        return [
            f"Ingen internkontrollplan för {ctx.year} finns i Tillit. Beskriv nämndens internkontroll: "
            "kontrollpunkter, resultat och åtgärder (kommunallagen 6 kap. 6 §)."
        ]
    done = data["by_status"].get(ControlStatus.GENOMFORD, 0)
    text = [f"{done} av {total} kontrollpunkter i internkontrollplanen för {ctx.year} genomfördes."]
    remarks = data["by_outcome"].get(ControlOutcome.MED_BRISTER, 0)
    clean = data["by_outcome"].get(ControlOutcome.UTAN_ANMARKNING, 0)
    if done:
        text.append(f"{clean} utan anmärkning och {remarks} med brister.")
    not_done = [p for p in ctx.figures.get("internal_control_points", []) if p["status"] != ControlStatus.GENOMFORD]
    if not_done:
        names = ", ".join(f"{p['title']} ({STATUS[p['status']].lower()})" for p in not_done)
        carried = [p for p in not_done if p["carried_over"]]
        tail = (
            f" {'Den förs' if len(not_done) == 1 else 'De förs'} över till planen för {ctx.year + 1}."
            if len(carried) == len(not_done)
            else f" {len(carried)} av dem har förts över till planen för {ctx.year + 1}."
        )
        text.append(f"Inte genomförda: {names}.{tail}")
    return text


def tables(ctx: SectionContext) -> list[dict[str, Any]]:
    points = ctx.figures.get("internal_control_points") or []
    if not points:
        return []
    return [
        {
            "caption": f"Uppföljning av internkontrollplanen {ctx.year}",
            "header": ["Kontrollpunkt", "Status", "Utfall", "Trafikljus"],
            "rows": [
                [f"{p['code']} {p['title']}", STATUS[p["status"]], OUTCOME.get(p["outcome"], "–"), _light(p)]
                for p in points
            ],
        }
    ]


register_report_provider(
    __name__,
    ReportProvider(
        key="internal_control",
        order=35,
        figures=internal_control_figures,
        internal=frozenset({"internal_control_points"}),
        sections=[
            SectionSpec(
                "internkontroll",
                "Internkontroll",
                order=45,
                paragraphs=paragraphs,
                tables=tables,
                figures=lambda figures: {
                    "internal_control": figures.get("internal_control", {}),
                    "internal_control_points": figures.get("internal_control_points", []),
                },
            )
        ],
    ),
)
