"""The report's "Mönster och trender" (SOSFS 2011:9 5 kap. 6 §: compile and analyse avvikelser,
klagomål and rapporter to find patterns and trends), drafted from the trend signals: one plain
sentence per signalling series, their run charts, and an honest line on the false alarms to expect
when many series are watched. Figures key `signals` (docs/figures.md).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tillit.core.reporting import ChartSpec, ReportProvider, SectionContext, SectionSpec, register_report_provider
from tillit.org.models import Unit
from tillit.overview.signals import Signal, run_chart_spec, watch
from tillit.trends import spc
from tillit.trends.selectors import SeriesAnalysis, months_ending

SECTION_KEY = "trender"
MAX_CHARTS = 8  # the run charts drawn in the report (the clearest signals first)


def signal_figures(*, scope, year: int) -> dict[str, Any]:
    unit_ids = list(Unit.objects.filter(path__startswith=scope.path).values_list("id", flat=True))
    months = months_ending(year)
    found = watch(unit_ids=unit_ids, months=months)
    return {
        "signals": {
            "window": {"from": months[0].strftime("%Y-%m"), "to": months[-1].strftime("%Y-%m")},
            "watched": found.watched,
            "expected_false_alarms": round(found.watched * spc.FALSE_SIGNAL_RATE, 1),
            "series": [_series(s) for s in found.signals],
        }
    }


def _series(signal: Signal) -> dict[str, Any]:
    a = signal.analysis
    longest = a.run.longest
    return {
        "series": {"kind": a.kind, "unit": a.unit_code, "category": a.category},
        "unit_name": signal.unit_name,
        "category_label": signal.category_label,
        "months": [m.strftime("%Y-%m") for m in a.months],
        "values": list(a.values),
        "baseline": a.baseline,
        "median": a.run.centre,
        "n_useful": a.run.n_useful,
        "longest_run": a.run.longest_run,
        "longest_run_max": a.run.longest_run_max,
        "longest_run_side": str(longest.side) if longest else None,
        "longest_run_from": a.months[longest.start].strftime("%Y-%m") if longest else None,
        "longest_run_to": a.months[longest.end].strftime("%Y-%m") if longest else None,
        "crossings": a.run.crossings,
        "crossings_min": a.run.crossings_min,
        "run_signal": a.run.run_signal,
        "crossing_signal": a.run.crossing_signal,
        "points_outside_limits": [a.months[i].strftime("%Y-%m") for i in a.control.outside],
    }


def signal_from(data: dict[str, Any]) -> Signal:
    """A figures entry back into a Signal (the charts and sentences are drawn from the figures, so
    an adopted report keeps them)."""
    months = [date(int(m[:4]), int(m[5:7]), 1) for m in data["months"]]
    values = data["values"]
    baseline = data.get("baseline")
    analysis = SeriesAnalysis(
        kind=data["series"]["kind"],
        unit_code=data["series"]["unit"],
        category=data["series"]["category"],
        months=months,
        values=values,
        baseline=baseline,
        run=spc.run_chart(values, baseline=baseline),
        control=spc.c_chart(values, baseline=min(baseline, len(values)) if baseline else None),
    )
    return Signal(analysis, data["unit_name"], data["category_label"])


def paragraphs(ctx: SectionContext) -> list[str]:
    data = ctx.figures.get("signals") or {}
    watched, series = data.get("watched", 0), data.get("series", [])
    text = [
        "Avvikelser, klagomål och rapporter sammanställs månad för månad per verksamhet, typ och kategori "
        "för att se mönster och trender (SOSFS 2011:9 5 kap. 6 §). Ett styrdiagram skiljer en verklig "
        "förändring från den vanliga variationen mellan månaderna; underlaget är de senaste 24 månaderna "
        f"till och med december {ctx.year}."
    ]
    if not watched:
        text.append("Det finns ännu för få månader med händelser för att bedöma trender.")
        return text
    if not series:
        which = "Den serie som bevakas visar" if watched == 1 else f"Ingen av de {watched} serier som bevakas visar"
        text.append(
            f"{which} {'inga ' if watched == 1 else ''}tecken på förändring: variationen ser ut som den "
            "vanliga variationen från månad till månad."
        )
    else:
        text += [signal_from(s).sentence for s in series]
    text.append(spc.explain_false_alarms(watched))
    text.append("(Skriv här vad ni tror ligger bakom signalerna och vilka åtgärder de leder till.)")
    return text


def tables(ctx: SectionContext) -> list[dict[str, Any]]:
    series = (ctx.figures.get("signals") or {}).get("series", [])
    if not series:
        return []
    rows = []
    for s in series:
        signal = signal_from(s)
        kinds = []
        if s["run_signal"]:
            kinds.append(f"{s['longest_run']} månader i rad på samma sida om medianen")
        if s["crossing_signal"]:
            kinds.append("få växlingar över och under medianen")
        if s["points_outside_limits"]:
            n = len(s["points_outside_limits"])
            kinds.append(f"{spc.number_word(n)} {'månad' if n == 1 else 'månader'} utanför styrgränserna")
        rows.append([signal.subject, "; ".join(kinds)])
    return [
        {
            "caption": f"Serier med signal, 24 månader till och med december {ctx.year}",
            "header": ["Serie", "Signal"],
            "rows": rows,
        }
    ]


def chart(figures: dict[str, Any]) -> dict[str, Any] | None:
    series = (figures.get("signals") or {}).get("series", [])[:MAX_CHARTS]
    # The published report is read by the nämnd: small counts are never drawn as they are.
    return run_chart_spec([signal_from(s) for s in series], suppress=True)


register_report_provider(
    __name__,
    ReportProvider(
        key="signals",
        order=45,
        figures=signal_figures,
        charts={"signals": ChartSpec(title="Styrdiagram för serierna med signal", build=chart)},
        sections=[
            SectionSpec(
                SECTION_KEY,
                "Mönster och trender",
                order=115,  # before the events' "Analys och utvecklingsområden"
                paragraphs=paragraphs,
                tables=tables,
                chart="signals",
                figures=lambda f: {"signals": f.get("signals", {})},
            )
        ],
    ),
)
