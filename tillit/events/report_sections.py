"""The events' sections of the yearly report (see tillit.core.reporting): Synpunkter och klagomål,
Avvikelser, Lex Sarah, Lex Maria, one section per avdelning and the analysis by the God vård
areas, with their tables and charts, all drawn from `event_figures` (computed once per report)."""

from __future__ import annotations

from typing import Any

import altair as alt

from tillit.actions.report_sections import actions_paragraph
from tillit.classification.schemes import GOD_VARD_AREA
from tillit.classification.selectors import choices
from tillit.core import suppression
from tillit.core.reporting import (
    ChartSpec,
    ReportProvider,
    SectionContext,
    SectionPart,
    SectionSpec,
    register_report_provider,
)
from tillit.events import report_texts
from tillit.events.figures import event_figures
from tillit.events.models import Channel

GOD_VARD_INTRO = (
    "Analysen följer Socialstyrelsens områden för God vård och omsorg: självbestämmande och integritet, "
    "helhetssyn och samordning, trygghet och säkerhet, kunskapsbaserad verksamhet, tillgänglighet och effektivitet."
)
KIND_TABLE_TITLES = {"lex_sarah": "Lex Sarah-rapporter", "lex_maria": "Lex Maria-händelser"}
TABLE_LABELS = {"avvikelse": "Avvikelser", "klagomal": "Klagomål", "synpunkt": "Synpunkter"}
AVDELNING_KINDS = ("klagomal", "avvikelse", "lex_sarah")
COMPLAINT_KINDS = ("klagomal", "synpunkt")


# --- tables -------------------------------------------------------------------------------------


def _table(caption: str, header: list[str], rows: list[list[Any]]) -> dict[str, Any]:
    """A table whose counts (`suppression.Count`) are shown as the small-count rule says; a table
    with a suppressed cell says so under its caption."""
    hidden = any(isinstance(cell, suppression.Count) and cell.suppressed for row in rows for cell in row)
    return {
        "caption": f"{caption}. {suppression.note()}" if hidden else caption,
        "header": header,
        "rows": [[str(cell) for cell in row] for row in rows],
    }


def ivo_table(kind: str):
    def tables(ctx: SectionContext) -> list[dict[str, Any]]:
        year, data = ctx.year, ctx.figures["events"][kind]
        title = KIND_TABLE_TITLES[kind]
        count = suppression.count
        rows = [
            [title, count(data["previous_year"]), count(data["count"])],
            ["Därav anmälda till IVO", count(data["ivo_notified_previous_year"]), count(data["ivo_notified"])],
        ]
        return [_table(f"{title} {year - 1}–{year}", ["", str(year - 1), str(year)], rows)]

    return tables


def by_unit_table(*kinds: str):
    def tables(ctx: SectionContext) -> list[dict[str, Any]]:
        events, units = ctx.figures["events"], ctx.figures.get("units", {})
        # Each column has its total below it: suppressed with its complement (tillit.core.suppression).
        columns = {
            k: suppression.suppress(
                {code: events[k]["by_unit"].get(code, 0) for code in units}, total=events[k]["count"]
            )
            for k in kinds
        }
        rows = [[name, *[columns[k][code] for k in kinds]] for code, name in units.items()]
        rows.append(["Totalt", *[suppression.count(events[k]["count"]) for k in kinds]])
        return [_table(f"Antal per verksamhet {ctx.year}", ["Verksamhet", *[TABLE_LABELS[k] for k in kinds]], rows)]

    return tables


def channel_table(*kinds: str):
    """How the klagomål and synpunkter came in (the figures' `by_channel`), one row per channel."""

    def tables(ctx: SectionContext) -> list[dict[str, Any]]:
        events = ctx.figures["events"]
        codes = sorted({code for k in kinds for code in events[k].get("by_channel", {})}, key=Channel.values.index)
        if not codes:
            return []
        return [
            {
                "caption": f"Hur de kom in {ctx.year}",
                "header": ["Kanal", *[TABLE_LABELS[k] for k in kinds]],
                "rows": [
                    [Channel(code).label, *[str(events[k].get("by_channel", {}).get(code, 0)) for k in kinds]]
                    for code in codes
                ],
            }
        ]

    return tables


def tables_of(*builders):
    return lambda ctx: [table for build in builders for table in build(ctx)]


# --- paragraphs ---------------------------------------------------------------------------------


def kind_section(*kinds: str, with_actions: bool = False):
    def paragraphs(ctx: SectionContext) -> list[str]:
        result = [p for kind in kinds for p in report_texts.kind_paragraphs(ctx.figures, kind)]
        if with_actions:
            result.append(actions_paragraph(ctx.figures))
        return result

    return paragraphs


def kind_figures(*kinds: str):
    return lambda figures: {"events": {kind: figures["events"][kind] for kind in kinds}, "units": figures["units"]}


def analysis_paragraphs(ctx: SectionContext) -> list[str]:
    areas = ctx.figures.get("by_god_vard_area", {})
    paragraphs = [GOD_VARD_INTRO]
    # The areas in use, and any retired area that still has events this year (from the data).
    listed = choices(GOD_VARD_AREA, keep=areas)
    shown = suppression.suppress({code: areas.get(code, 0) for code, _ in listed}, total=sum(areas.values()))
    for code, name in listed:
        count = shown[code]
        noun = "händelse" if count.value == 1 and not count.suppressed else "händelser"
        paragraphs.append(
            f"{name}: {count.text} {noun} under året. "
            "(Skriv här vad händelserna visar och vilka utvecklingsområden ni ser.)"
        )
    return paragraphs


def avdelning_parts(figures: dict[str, Any]) -> list[SectionPart]:
    """One section per avdelning directly below the scope, from the same pass's figures."""
    return [
        SectionPart(
            key=code,
            title=data["name"],
            figures={"events": {kind: data["events"][kind] for kind in AVDELNING_KINDS}},
        )
        for code, data in figures["avdelningar"].items()
    ]


# --- charts -------------------------------------------------------------------------------------

KIND_LABELS = {
    "avvikelse": "Avvikelser",
    "lex_sarah": "Lex Sarah",
    "lex_maria": "Lex Maria",
    "klagomal": "Klagomål",
    "synpunkt": "Synpunkter",
}
# Colour-blind safe palette (Okabe–Ito); labels are always in the legend, never colour alone.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00"]


def _base(values: list[dict[str, Any]]) -> alt.Chart:
    return alt.Chart(alt.Data(values=values)).properties(width=460, height=220)


def _color() -> alt.Color:
    return alt.Color("kind:N", title="Typ", scale=alt.Scale(domain=list(KIND_LABELS.values()), range=PALETTE))


def _shown(counts: dict[Any, int]) -> dict[Any, int]:
    """The counts a chart may draw: the small-count rule (with its complement) as in the tables, so
    a chart never shows what a table hides."""
    marked = suppression.suppress(counts, total=sum(counts.values()))
    return {key: c.value for key, c in marked.items() if c.value and not c.suppressed}


def monthly_chart(figures: dict[str, Any]) -> alt.Chart | None:
    rows = figures.get("monthly", [])
    shown: set[tuple[str, str]] = set()
    for kind in {row["kind"] for row in rows}:
        shown |= {(kind, month) for month in _shown({r["month"]: r["count"] for r in rows if r["kind"] == kind})}
    values = [{**row, "kind": KIND_LABELS[row["kind"]]} for row in rows if (row["kind"], row["month"]) in shown]
    if not values:
        return None
    return (
        _base(values)
        .mark_line(point=True)
        .encode(x=alt.X("month:O", title="Månad"), y=alt.Y("count:Q", title="Antal"), color=_color())
    )


def category_chart(figures: dict[str, Any], kinds: tuple[str, ...] | None = None) -> alt.Chart | None:
    """The ten largest categories, over `kinds` (None: every kind)."""
    totals: dict[str, int] = {}
    for kind, data in figures["events"].items():
        if kinds is not None and kind not in kinds:
            continue
        for label, count in data["by_category"].items():
            totals[label] = totals.get(label, 0) + count
    values = [{"category": k, "count": v} for k, v in sorted(_shown(totals).items(), key=lambda kv: -kv[1])[:10]]
    if not values:
        return None
    return (
        _base(values)
        .mark_bar(color=PALETTE[0])
        .encode(x=alt.X("count:Q", title="Antal"), y=alt.Y("category:N", title=None, sort="-x"))
    )


def unit_chart(figures: dict[str, Any]) -> alt.Chart | None:
    units = figures.get("units", {})
    values = [
        {"unit": units.get(code, code), "kind": KIND_LABELS[kind], "count": count}
        for kind, data in figures["events"].items()
        for code, count in _shown(data["by_unit"]).items()
    ]
    if not values:
        return None
    return (
        _base(values)
        .mark_bar()
        .encode(x=alt.X("count:Q", title="Antal"), y=alt.Y("unit:N", title=None), color=_color())
    )


def _chart(title: str, build) -> ChartSpec:
    def spec(figures: dict[str, Any]) -> dict[str, Any] | None:
        chart = build(figures)
        return chart.properties(title=title).to_dict() if chart is not None else None

    return ChartSpec(title=title, build=spec)


register_report_provider(
    __name__,
    ReportProvider(
        key="events",
        order=10,
        figures=event_figures,
        internal=frozenset({"avdelningar"}),
        summary=report_texts.summary_paragraphs,
        charts={  # the first is the one the PDF test looks for
            "monthly": _chart("Händelser per månad och typ", monthly_chart),
            "by_category": _chart("Händelser per kategori", category_chart),
            "complaints_by_category": _chart(
                "Synpunkter och klagomål per kategori",
                lambda figures: category_chart(figures, COMPLAINT_KINDS),
            ),
            "by_unit": _chart("Händelser per verksamhet", unit_chart),
        },
        sections=[
            SectionSpec(
                "klagomal",
                "Synpunkter och klagomål",
                order=50,
                paragraphs=kind_section("klagomal", "synpunkt"),
                tables=tables_of(by_unit_table("klagomal", "synpunkt"), channel_table("klagomal", "synpunkt")),
                chart="complaints_by_category",  # only their own categories (by_category covers every kind)
                figures=kind_figures("klagomal", "synpunkt"),
            ),
            SectionSpec(
                "avvikelser",
                "Avvikelser",
                order=60,
                paragraphs=kind_section("avvikelse", with_actions=True),
                tables=by_unit_table("avvikelse"),
                chart="by_unit",
                figures=lambda f: kind_figures("avvikelse")(f) | {"actions_by_type": f.get("actions_by_type", {})},
            ),
            SectionSpec(
                "lex_sarah",
                "Lex Sarah",
                order=70,
                paragraphs=kind_section("lex_sarah"),
                tables=ivo_table("lex_sarah"),
                figures=kind_figures("lex_sarah"),
            ),
            SectionSpec(
                "lex_maria",
                "Lex Maria",
                order=80,
                paragraphs=kind_section("lex_maria"),
                tables=ivo_table("lex_maria"),
                figures=kind_figures("lex_maria"),
            ),
            SectionSpec(
                "avdelning",
                "Avdelning",
                order=110,
                paragraphs=lambda ctx: report_texts.unit_paragraphs(ctx.own),
                repeat=avdelning_parts,
            ),
            SectionSpec(
                "analys",
                "Analys och utvecklingsområden",
                order=120,
                paragraphs=analysis_paragraphs,
                chart="monthly",
                figures=lambda f: {"by_god_vard_area": f["by_god_vard_area"], "monthly": f["monthly"]},
            ),
        ],
    ),
)
