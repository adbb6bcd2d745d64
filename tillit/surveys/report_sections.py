"""The surveys' part of the yearly report: the `surveys` figures and the section "Brukarundersökningar
och enkäter" (response rates, the questions with the highest and lowest share of positive answers,
the change since the last round and the comparison with riket), with a response-rate table per
survey. Cells under the small-count threshold are marked in the figures and shown as "<5"."""

from __future__ import annotations

from typing import Any

from tillit.core import suppression
from tillit.core.reporting import ReportProvider, SectionContext, SectionSpec, register_report_provider
from tillit.surveys.figures import surveys_report_figures


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}".replace(".", ",") + " %"


def _points(value: float) -> str:
    return f"{abs(value):.1f}".replace(".", ",") + " procentenheter"


def _survey_paragraph(survey: dict[str, Any]) -> str:
    name = f"{survey['title']} {survey['year']}"
    if survey["suppressed"]:
        text = [f"{name}: färre än {suppression.threshold()} svar, så resultaten redovisas inte."]
        return " ".join(text)
    text = [
        f"{name}: {survey['answered']} av {survey['invited']} svarade ({_pct(survey['response_rate'])})."
        if survey["invited"]
        else f"{name}: {survey['answered']} svar."
    ]
    shown = [(code, q) for code, q in survey["questions"].items() if not q["suppressed"] and q["n"]]
    if shown:
        best = max(shown, key=lambda item: item[1]["positive_share"])
        worst = min(shown, key=lambda item: item[1]["positive_share"])
        text.append(f"Högst andel positiva svar: ”{best[1]['text']}” ({_pct(best[1]['positive_share'])}).")
        if worst[0] != best[0]:
            text.append(f"Lägst: ”{worst[1]['text']}” ({_pct(worst[1]['positive_share'])}).")
        changes = [
            (q["text"], q["positive_share"] - q["previous_share"]) for _, q in shown if q["previous_share"] is not None
        ]
        if changes:
            text_, change = max(changes, key=lambda item: abs(item[1]))
            direction = "ökade" if change > 0 else "minskade" if change < 0 else "var oförändrad"
            tail = f" med {_points(change)}" if change else ""
            text.append(f"Störst förändring sedan förra omgången: andelen för ”{text_}” {direction}{tail}.")
        national = [(q, q["positive_share"] - q["national_share"]) for _, q in shown if q["national_share"] is not None]
        if national:
            above = sum(1 for _, diff in national if diff > 0)
            text.append(f"{above} av {len(national)} frågor som också ställs i riket låg över rikets andel.")
    return " ".join(text)


def paragraphs(ctx: SectionContext) -> list[str]:
    surveys = ctx.figures.get("surveys") or []
    if not surveys:
        return [
            f"Inga brukarundersökningar eller enkäter för {ctx.year} finns i Tillit. Beskriv årets "
            "målgruppsundersökningar och vad de ledde till, eller varför ingen undersökning genomfördes "
            "(SOSFS 2011:9 5 kap. 2 §)."
        ]
    text = [f"Under {ctx.year} genomfördes eller redovisades {len(surveys)} enkäter och brukarundersökningar."]
    text += [_survey_paragraph(s) for s in surveys]
    if any(s["suppressed"] or any(u["suppressed"] for u in s["by_unit"].values()) for s in surveys):
        text.append(suppression.note())
    return text


def _cell(value, suppressed: bool) -> str:
    return f"<{suppression.threshold()}" if suppressed else str(value)


def _rate(unit: dict[str, Any]) -> str:
    return "–" if unit["suppressed"] else _pct(unit["response_rate"])


def tables(ctx: SectionContext) -> list[dict[str, Any]]:
    found = []
    for survey in ctx.figures.get("surveys") or []:
        if not survey["by_unit"]:
            continue
        rows = [
            [
                code,
                str(u["invited"]),
                _cell(u["answered"], u["suppressed"]),
                "–" if u["suppressed"] else _pct(u["response_rate"]),
            ]
            for code, u in survey["by_unit"].items()
        ]
        found.append(
            {
                "caption": f"Svarsfrekvens per enhet: {survey['title']} {survey['year']}",
                "header": ["Enhet", "Inbjudna", "Svar", "Svarsfrekvens"],
                "rows": rows,
            }
        )
        questions = [
            [
                q["text"],
                "–" if q["suppressed"] else str(q["n"]),
                "–" if q["suppressed"] else _pct(q["positive_share"]),
                "–" if q["suppressed"] or not q["interval"] else f"{_pct(q['interval'][0])}–{_pct(q['interval'][1])}",
                _pct(q["previous_share"]),
                _pct(q["national_share"]),
            ]
            for q in survey["questions"].values()
        ]
        if questions:
            found.append(
                {
                    "caption": f"Andel positiva svar: {survey['title']} {survey['year']}",
                    "header": ["Fråga", "n", "Andel positiva", "95 % intervall", "Förra omgången", "Riket"],
                    "rows": questions,
                }
            )
    return found


register_report_provider(
    __name__,
    ReportProvider(
        key="surveys",
        order=37,
        figures=surveys_report_figures,
        sections=[
            SectionSpec(
                "brukarundersokningar",
                "Brukarundersökningar och enkäter",
                order=42,
                paragraphs=paragraphs,
                tables=tables,
                figures=lambda figures: {"surveys": figures.get("surveys", [])},
            )
        ],
    ),
)
