"""The documents' part of the yearly report: the section "Ledningssystemet och processer och
rutiner" drafted from data (it replaces the reports app's guidance text with the same key) and
the `documents` figures (docs/figures.md)."""

from __future__ import annotations

from typing import Any

from tillit.core.reporting import ReportProvider, SectionContext, SectionSpec, register_report_provider
from tillit.documents.figures import document_figures
from tillit.documents.models import DocumentStatus, DocumentType

TYPE_PLURALS = {
    "policy": "policyer",
    "riktlinje": "riktlinjer",
    "rutin": "rutiner",
    "processbeskrivning": "processbeskrivningar",
    "blankett": "blanketter",
    "instruktion": "instruktioner",
}


def _n(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def paragraphs(ctx: SectionContext) -> list[str]:
    data: dict[str, Any] = ctx.figures["documents"]
    result = []
    core = [p for p in data["processes"] if p["core"]]
    if core:
        names = ", ".join(f"{p['name']} ({_n(p['activities'], 'aktivitet', 'aktiviteter')})" for p in core)
        result.append(
            f"Verksamhetens kärnprocesser är identifierade och beskrivna: {names} (SOSFS 2011:9 4 kap. 2–3 §§)."
        )
        samverkan = sum(p["samverkan"] for p in data["processes"])
        without = sum(p["without_routine"] for p in data["processes"])
        sentence = f"Samverkan är markerad i {_n(samverkan, 'aktivitet', 'aktiviteter')}."
        if without:
            sentence += f" {_n(without, 'aktivitet', 'aktiviteter')} saknar ännu en kopplad rutin."
        else:
            sentence += " Varje aktivitet har minst en rutin som beskriver hur och vem."
        result.append(sentence)
    else:
        result.append("Inga processer är registrerade i Tillit ännu.")
    valid = {t: s[DocumentStatus.FASTSTALLD] for t, s in data["by_type"].items() if s[DocumentStatus.FASTSTALLD]}
    if valid:
        parts = ", ".join(
            f"{n} {TYPE_PLURALS[t] if n != 1 else DocumentType(t).label.lower()}" for t, n in valid.items()
        )
        result.append(f"Vid årets slut fanns {sum(valid.values())} fastställda styrande dokument: {parts}.")
    result.append(
        f"Under {ctx.year} har {_n(data['new'], 'nytt styrande dokument', 'nya styrande dokument')} upprättats och "
        f"{_n(data['revised'], 'dokument', 'dokument')} reviderats."
        + (
            f" {_n(data['overdue_for_review'], 'dokument har', 'dokument har')} passerat sitt datum för revidering."
            if data["overdue_for_review"]
            else " Inget fastställt dokument har passerat sitt datum för revidering."
        )
    )
    receipts = data["read_receipts"]
    if receipts["asked"]:
        result.append(
            f"Läskvittens begärdes {receipts['asked']} gånger under året; {round(100 * receipts['share'])} % "
            "har kvitterat att de har läst (SOSFS 2011:9 6 kap. 1 §)."
        )
    return result


def tables(ctx: SectionContext) -> list[dict[str, Any]]:
    data = ctx.figures["documents"]
    found = []
    if data["processes"]:
        found.append(
            {
                "caption": "Processer och aktiviteter",
                "header": ["Process", "Aktiviteter", "Med samverkan", "Utan rutin"],
                "rows": [
                    [p["name"], str(p["activities"]), str(p["samverkan"]), str(p["without_routine"])]
                    for p in data["processes"]
                ],
            }
        )
    rows = [
        [DocumentType(t).label, *[str(s[status]) for status in DocumentStatus.values]]
        for t, s in data["by_type"].items()
        if any(s.values())
    ]
    if rows:
        found.append(
            {
                "caption": f"Styrande dokument per typ och status {ctx.year}",
                "header": ["Typ", *DocumentStatus.labels],
                "rows": rows,
            }
        )
    return found


def summary(figures: dict[str, Any]) -> list[str]:
    data = figures.get("documents")
    if not data or not (data["new"] or data["revised"]):
        return []
    return [f"Under året har {data['new']} nya styrande dokument upprättats och {data['revised']} reviderats."]


register_report_provider(
    __name__,
    ReportProvider(
        key="documents",
        order=15,
        figures=document_figures,
        summary=summary,
        sections=[
            SectionSpec(
                "ledningssystem",
                "Ledningssystemet och processer och rutiner",
                order=20,
                paragraphs=paragraphs,
                tables=tables,
                figures=lambda figures: {"documents": figures["documents"]},
            )
        ],
    ),
)
