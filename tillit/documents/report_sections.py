"""The documents' part of the yearly report: the section "Ledningssystemet och processer och
rutiner" drafted from data (it replaces the reports app's guidance text with the same key) and
the `documents` figures (docs/figures.md)."""

from __future__ import annotations

from typing import Any

from tillit.core.reporting import ReportProvider, SectionContext, SectionSpec, register_report_provider
from tillit.documents.figures import document_figures
from tillit.documents.gap import gap_figures
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


RESULT_LABELS = {"uppfyllt": "uppfyllda", "delvis": "delvis uppfyllda", "ej_uppfyllt": "ej uppfyllda"}


def gap_paragraphs(gap: dict[str, Any] | None) -> list[str]:
    if gap is None:
        return []
    counts = gap["counts"]
    parts = ", ".join(f"{counts[code]} {label}" for code, label in RESULT_LABELS.items())
    text = (
        f"En GAP-analys mot {gap['framework_title'].split(' (')[0]} gjordes {gap['assessed_on']}: "
        f"av kraven var {parts}"
        + (f" och {counts['ej_tillampligt']} ej tillämpliga" if counts["ej_tillampligt"] else "")
        + "."
    )
    if gap["previous"]:
        before = gap["previous"]["counts"]["uppfyllt"]
        change = counts["uppfyllt"] - before
        text += f" Vid den förra analysen ({gap['previous']['assessed_on']}) var {before} krav uppfyllda" + (
            f", en ökning med {change}." if change > 0 else f", en minskning med {-change}." if change < 0 else "."
        )
    return [text]


def all_paragraphs(ctx: SectionContext) -> list[str]:
    return paragraphs(ctx) + gap_paragraphs(ctx.figures.get("gap"))


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
    gap = ctx.figures.get("gap")
    if gap:
        found.append(
            {
                "caption": f"GAP-analys {gap['assessed_on']} per kapitel",
                "header": ["Kapitel", "Uppfyllt", "Delvis", "Ej uppfyllt", "Ej tillämpligt", "Uppfyllt förra gången"],
                "rows": [
                    [
                        f"{c['ref']} {c['title']}".strip(),
                        *[str(c["counts"][code]) for code in ("uppfyllt", "delvis", "ej_uppfyllt", "ej_tillampligt")],
                        str(c["previous"]["uppfyllt"]) if c["previous"] else "–",
                    ]
                    for c in gap["by_chapter"]
                ],
            }
        )
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
        figures=lambda *, scope, year: document_figures(scope=scope, year=year) | gap_figures(scope=scope, year=year),
        summary=summary,
        sections=[
            SectionSpec(
                "ledningssystem",
                "Ledningssystemet och processer och rutiner",
                order=20,
                paragraphs=all_paragraphs,
                tables=tables,
                figures=lambda figures: {"documents": figures["documents"], "gap": figures.get("gap")},
            )
        ],
    ),
)
