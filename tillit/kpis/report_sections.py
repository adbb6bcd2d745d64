"""Nyckeltal's part of the yearly report: the `kpis` figures (docs/figures.md) and the section
"Nyckeltal och resultat", drafted from them: per KPI this year against last year, riket and the
target, the gender split, and "Källa: Kolada" where the values come from Kolada; one chart.

KPIs are aggregates without personal data (and Kolada suppresses its own small counts), so the
small-count rule has nothing to hide here.
"""

from __future__ import annotations

from typing import Any

from tillit.core.reporting import ChartSpec, ReportProvider, SectionContext, SectionSpec, register_report_provider
from tillit.kpis.charts import kpi_bars_spec
from tillit.kpis.models import Direction, Gender, KpiSource, MeasureUnit
from tillit.kpis.selectors import kpi_figures
from tillit.org.models import Unit

SECTION_KEY = "nyckeltal"


def figures(*, scope, year: int) -> dict[str, Any]:
    unit_ids = set(Unit.objects.filter(path__startswith=scope.path).values_list("id", flat=True))
    return {"kpis": kpi_figures(unit_ids=unit_ids, year=year)}


# --- wording ------------------------------------------------------------------------------------


def number(value: float | None) -> str:
    """Swedish decimal comma, one decimal, no trailing ",0"."""
    if value is None:
        return "–"
    text = f"{value:.1f}".replace(".", ",").replace("-", "−")
    return text.removesuffix(",0")


def amount(value: float | None, measure: str) -> str:
    if value is None:
        return "–"
    if measure == MeasureUnit.PERCENT:
        return f"{number(value)} %"
    if measure == MeasureUnit.DAYS:
        return f"{number(value)} dagar"
    return number(value)


def _value(entry: dict[str, Any], series: str, year: int, gender: str = Gender.TOTAL) -> float | None:
    return entry.get(series, {}).get(str(year), {}).get(gender)


def _better(entry: dict[str, Any], delta: float) -> bool:
    return (delta > 0) == (entry["direction"] == Direction.HIGHER)


def source_note(entry: dict[str, Any]) -> str:
    if entry["source"] == KpiSource.KOLADA:
        return f"Källa: Kolada ({entry['code']})."
    return f"Källa: {KpiSource(entry['source']).label.lower()} ({entry['code']})."


def kpi_sentence(entry: dict[str, Any], year: int) -> str:
    """One paragraph about one KPI, in the seeds' words ("… likvärdigt med snittet för riket (103).
    Utredningstiden för kvinnor är i genomsnitt 4 dagar längre än för män. Källa: Kolada (U33401)")."""
    measure, title = entry["measure"], entry["title"]
    now, before = _value(entry, "municipality", year), _value(entry, "municipality", year - 1)
    riket = _value(entry, "riket", year)
    parts: list[str] = []
    if now is None:
        parts.append(f"{title}: inget värde för kommunen {year}.")
    else:
        text = f"{title}: {amount(now, measure)} {year}"
        if before is not None:
            delta = now - before
            if abs(delta) < 0.05:
                text += f", oförändrat jämfört med {year - 1}"
            else:
                way = "en förbättring" if _better(entry, delta) else "en försämring"
                text += f" jämfört med {amount(before, measure)} {year - 1} ({way})"
        parts.append(text + ".")
        if riket is not None:
            gap = now - riket
            if abs(gap) < 0.05 or (riket and abs(gap) / abs(riket) < 0.02):
                parts.append(f"Det är likvärdigt med riket ({amount(riket, measure)}).")
            else:
                side = "bättre" if _better(entry, gap) else "sämre"
                parts.append(f"Det är {side} än riket ({amount(riket, measure)}).")
        target = entry.get("target")
        if target is not None:
            reached = now >= target if entry["direction"] == Direction.HIGHER else now <= target
            parts.append(f"Målvärdet {amount(target, measure)} är {'nått' if reached else 'inte nått'}.")
        women, men = _value(entry, "municipality", year, Gender.WOMEN), _value(entry, "municipality", year, Gender.MEN)
        if women is not None and men is not None:
            diff = women - men
            if abs(diff) < 0.05:
                parts.append("Värdet är detsamma för kvinnor och män.")
            else:
                gap_text = (
                    f"{number(abs(diff))} procentenheter"
                    if measure == MeasureUnit.PERCENT
                    else amount(abs(diff), measure)
                )
                parts.append(
                    f"För kvinnor är värdet {gap_text} {'högre' if diff > 0 else 'lägre'} "
                    f"än för män ({amount(women, measure)} mot {amount(men, measure)})."
                )
    parts.append(source_note(entry))
    return " ".join(parts)


def paragraphs(ctx: SectionContext) -> list[str]:
    entries = ctx.figures.get("kpis") or []
    if not entries:
        return [
            f"Inga nyckeltal finns i Tillit för {ctx.year}. Beskriv vilka resultat verksamheten har följt "
            "under året och hur de står sig mot tidigare år och riket (SOSFS 2011:9 5 kap.)."
        ]
    text = [
        f"Nyckeltalen visar verksamhetens resultat {ctx.year} jämfört med året innan, med riket och med "
        "målvärdet där ett sådant är satt."
    ]
    text += [kpi_sentence(entry, ctx.year) for entry in entries]
    text.append("(Skriv här vad resultaten betyder för verksamheten och vad ni gör för att förbättra dem.)")
    return text


def tables(ctx: SectionContext) -> list[dict[str, Any]]:
    entries = ctx.figures.get("kpis") or []
    if not entries:
        return []
    year = ctx.year
    rows = []
    for e in entries:
        measure = e["measure"]
        change = e.get("change")
        rows.append(
            [
                f"{e['title']} ({e['code']})",
                amount(_value(e, "municipality", year - 1), measure),
                amount(_value(e, "municipality", year), measure),
                "–" if change is None else ("+" if change > 0 else "") + number(change),
                amount(_value(e, "riket", year), measure),
                amount(_value(e, "municipality", year, Gender.WOMEN), measure),
                amount(_value(e, "municipality", year, Gender.MEN), measure),
                amount(e.get("target"), measure),
                KpiSource(e["source"]).label,
            ]
        )
    return [
        {
            "caption": f"Nyckeltal {year - 1}–{year}",
            "header": [
                *("Nyckeltal", str(year - 1), str(year), "Förändring", f"Riket {year}"),
                *("Kvinnor", "Män", "Mål", "Källa"),
            ],
            "rows": rows,
        }
    ]


def chart(figures: dict[str, Any]) -> dict[str, Any] | None:
    """One row per KPI (own scale each): the municipality last year and this year, and riket."""
    year = figures["year"]
    values = []
    for e in figures.get("kpis") or []:
        label = f"{e['title']} ({e['code']})"
        for series, when, name in (
            ("municipality", year - 1, f"Kommunen {year - 1}"),
            ("municipality", year, f"Kommunen {year}"),
            ("riket", year, f"Riket {year}"),
        ):
            value = _value(e, series, when)
            if value is not None:
                values.append({"kpi": label, "series": name, "value": value})
    if not values:
        return None
    names = [f"Kommunen {year - 1}", f"Kommunen {year}", f"Riket {year}"]
    return kpi_bars_spec(
        values, names, ["#9ecae1", "#0072B2", "#D55E00"], title="Nyckeltal jämfört med året innan och riket"
    )


register_report_provider(
    __name__,
    ReportProvider(
        key="kpis",
        order=40,
        figures=figures,
        charts={"kpis": ChartSpec(title="Nyckeltal jämfört med året innan och riket", build=chart)},
        sections=[
            SectionSpec(
                SECTION_KEY,
                "Nyckeltal och resultat",
                order=85,  # after the events' sections, before Personal
                paragraphs=paragraphs,
                tables=tables,
                chart="kpis",
                figures=lambda f: {"kpis": f.get("kpis", [])},
            )
        ],
    ),
)
