"""Avtalsuppföljning's part of the yearly report: the `providers` figures and the section
"Utförare och avtalsuppföljning", drafted as the seed reports write it (Linköping's äldrenämnd 2021:
"Det har under året inkommit åtta Lex Sarah-utredningar … varav ett allvarligt missförhållande som
anmälts till IVO"). Lex Sarah counts follow the small-count rule (tillit.core.suppression)."""

from __future__ import annotations

from typing import Any

from tillit.contracts.figures import providers_figures
from tillit.core import suppression
from tillit.core.reporting import ReportProvider, SectionContext, SectionSpec, register_report_provider

SECTION_KEY = "utforare"
LEX_SARAH_KEYS = ("lex_sarah_reports", "lex_sarah_investigations", "ivo_notified")


def _sum(data: dict[str, dict[str, int]], key: str) -> int:
    return sum(counts[key] for counts in data.values())


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def _noun(count: suppression.Count, one: str, many: str) -> str:
    """The noun for a displayed count: a suppressed count ("färre än 5") takes the plural."""
    return many if count.suppressed else _plural(count.value, one, many)


def paragraphs(ctx: SectionContext) -> list[str]:
    data = ctx.figures.get("providers") or {}
    if not data:
        return [
            f"Inga verksamheter inom {ctx.scope_name} drivs av privata utförare i Tillit. Beskriv hur "
            "kommunen följer upp verksamhet som den har lämnat över till andra (kommunallagen 10 kap. 8 §)."
        ]
    reports, investigations, ivo = (_sum(data, key) for key in LEX_SARAH_KEYS)
    text = []
    shown = suppression.count(investigations)
    sentence = (
        f"Det har under {ctx.year} inkommit {shown.text} lex Sarah-{_noun(shown, 'utredning', 'utredningar')} "
        "från utförarna"
    )
    if investigations and not shown.suppressed:
        ivo_shown = suppression.count(ivo)
        severe = _noun(ivo_shown, "allvarligt missförhållande som anmälts", "allvarliga missförhållanden som anmälts")
        sentence += f", varav {ivo_shown.text} {severe} till IVO" if ivo else "; inget har anmälts till IVO"
    text.append(sentence + ".")
    shown_reports = suppression.count(reports)
    text.append(
        f"Utförarna har tagit emot {shown_reports.text} lex Sarah-"
        f"{_noun(shown_reports, 'rapport', 'rapporter')} under året."
    )
    if investigations < reports:
        text.append(
            "Färre utredningar än rapporter har kommit in till förvaltningen. Utförarna behöver påminnas om "
            "sin skyldighet att informera om och skicka in lex Sarah-utredningar enligt avtalen."
        )
    follow_ups = _sum(data, "follow_ups")
    if follow_ups:
        deficiencies, closed, still_open = (
            _sum(data, "deficiencies"),
            _sum(data, "measures_closed"),
            _sum(data, "measures_open"),
        )
        text.append(
            f"Under {ctx.year} genomfördes {follow_ups} "
            f"{_plural(follow_ups, 'avtalsuppföljning', 'avtalsuppföljningar')}. "
            + (
                f"Vid uppföljningarna identifierades {deficiencies} {_plural(deficiencies, 'brist', 'brister')}; "
                f"{closed} krävda {_plural(closed, 'åtgärd har', 'åtgärder har')} godkänts och "
                f"{still_open} {_plural(still_open, 'är ännu inte avslutad', 'är ännu inte avslutade')}."
                if deficiencies
                else "Inga brister identifierades."
            )
        )
    else:
        text.append(f"Inga avtalsuppföljningar har registrerats i Tillit för {ctx.year}.")
    return text


def tables(ctx: SectionContext) -> list[dict[str, Any]]:
    data = ctx.figures.get("providers") or {}
    if not data:
        return []
    names = ctx.figures.get("provider_names") or {}
    rows, hidden = [], False
    for code, counts in data.items():
        cells = []
        for key in LEX_SARAH_KEYS:
            shown = suppression.count(counts[key])
            hidden = hidden or shown.suppressed
            cells.append(str(shown))
        rows.append(
            [
                names.get(code, code),
                *cells,
                str(counts["follow_ups"]),
                str(counts["deficiencies"]),
                str(counts["measures_open"]),
            ]
        )
    caption = f"Utförare och avtalsuppföljning {ctx.year}"
    return [
        {
            "caption": f"{caption}. {suppression.note()}" if hidden else caption,
            "header": [
                "Utförare",
                "Lex Sarah-rapporter",
                "Inkomna utredningar",
                "Anmälda till IVO",
                "Avtalsuppföljningar",
                "Brister",
                "Öppna åtgärder",
            ],
            "rows": rows,
        }
    ]


register_report_provider(
    __name__,
    ReportProvider(
        key="providers",
        order=38,
        figures=providers_figures,
        internal=frozenset({"provider_names"}),
        sections=[
            SectionSpec(
                SECTION_KEY,
                "Utförare och avtalsuppföljning",
                order=80,
                paragraphs=paragraphs,
                tables=tables,
                figures=lambda f: f.get("providers") or {},
            )
        ],
    ),
)
