"""Deterministic Swedish drafts of the events' report sections, built from the figures (no
language model): the kvalitetsutvecklare edits them. Each function returns plain paragraphs."""

from __future__ import annotations

from typing import Any

from tillit.core import suppression
from tillit.events.models import Channel, Outcome

NOUNS = {  # kind → (singular, plural, "the reports" phrase)
    "avvikelse": ("avvikelse", "avvikelser"),
    "lex_sarah": ("lex Sarah-rapport", "lex Sarah-rapporter"),
    "lex_maria": ("lex Maria-händelse", "lex Maria-händelser"),
    "klagomal": ("klagomål", "klagomål"),
    "synpunkt": ("synpunkt", "synpunkter"),
}
DEFINITE_PLURAL = {"klagomal": "klagomålen", "synpunkt": "synpunkterna"}
CHANGE_NOUN = {"lex_sarah": ("rapport", "rapporter"), "lex_maria": ("händelse", "händelser")}

OUTCOME_PHRASES = {
    Outcome.MISSFORHALLANDE: "missförhållande",
    Outcome.RISK_FOR_MISSFORHALLANDE: "påtaglig risk för missförhållande",
    Outcome.EJ_MISSFORHALLANDE: "inte missförhållande",
    Outcome.OMVANDLAD_TILL_AVVIKELSE: "omhändertagen och utredd som avvikelse",
    Outcome.VARDSKADA: "vårdskada",
    Outcome.RISK_FOR_VARDSKADA: "risk för vårdskada",
    Outcome.EJ_VARDSKADA: "inte vårdskada",
}


def plural(n: int, kind: str, change: bool = False) -> str:
    singular, plural_form = (CHANGE_NOUN.get(kind) if change else None) or NOUNS[kind]
    return singular if n == 1 else plural_form


def days(value: float) -> str:
    """ "1 dag", "12 dagar" (the median rounded to whole days)."""
    n = round(value)
    return f"{n} {'dag' if n == 1 else 'dagar'}"


def _lower_first(text: str) -> str:
    """ "Via IVO" → "via IVO": only the first letter, so names and abbreviations keep their case."""
    return text[:1].lower() + text[1:]


def change_sentence(count: int, previous: int, kind: str) -> str:
    diff = count - previous
    if diff == 0:
        return "Det är lika många som föregående år."
    direction = "en ökning" if diff > 0 else "en minskning"
    return f"Det är {direction} med {abs(diff)} {plural(abs(diff), kind, change=True)} jämfört med föregående år."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _noun(n: suppression.Count, kind: str) -> str:
    return plural(n.value if not n.suppressed else 2, kind)


def _change(n: suppression.Count, previous: suppression.Count, kind: str) -> str:
    """The change since last year; left out when either count is suppressed (it would give it back)."""
    if n.suppressed or previous.suppressed:
        return ""
    return " " + change_sentence(n.value, previous.value, kind)


def kind_paragraphs(figures: dict[str, Any], kind: str) -> list[str]:
    """Counts go through the small-count rule (tillit.core.suppression): the draft is published."""
    year, data = figures["year"], figures["events"][kind]
    units = figures.get("units", {})
    count = suppression.count
    n, previous = count(data["count"]), count(data["previous_year"])
    total = "" if n.suppressed else "totalt "
    paragraphs = [f"Under {year} har {total}{n.text} {_noun(n, kind)} inkommit.{_change(n, previous, kind)}"]
    if "ivo_notified" in data:
        paragraphs.append(
            f"Av dessa har {count(data['ivo_notified']).text} anmälts till Inspektionen för vård och omsorg (IVO), "
            f"jämfört med {count(data['ivo_notified_previous_year']).text} föregående år."
        )
    by_unit = suppression.suppress(data["by_unit"], total=data["count"])
    listed = [(code, c) for code, c in by_unit.items() if c.value or c.suppressed]
    # Largest first; suppressed counts last, by name, so the order tells nothing about them.
    listed.sort(key=lambda item: (item[1].suppressed, -item[1].value if not item[1].suppressed else 0, item[0]))
    if listed:
        parts = [f"{units.get(code, code)} ({c})" for code, c in listed]
        paragraphs.append(f"Fördelat på verksamheter: {', '.join(parts)}.")
    outcomes = [
        f"{count(c).text} fall {OUTCOME_PHRASES[code]}"
        for code, c in data["by_outcome"].items()
        if code in OUTCOME_PHRASES and c
    ]
    if outcomes:
        paragraphs.append(f"Bedömningarna visar: {', '.join(outcomes)}.")
    if data["not_investigated"]:
        reasons_shown = suppression.suppress(data["not_investigated_reasons"], total=data["not_investigated"])
        reasons = ", ".join(f"{label.lower()} ({c})" for label, c in reasons_shown.items())
        reason_text = f" Skälen var: {reasons}." if reasons else ""
        not_investigated = count(data["not_investigated"]).text
        paragraphs.append(
            f"{not_investigated[0].upper()}{not_investigated[1:]} avslutades utan utredning.{reason_text}"
        )
    channels = [(code, c) for code, c in data.get("by_channel", {}).items() if c and code in Channel.values]
    if channels and not n.suppressed and n.value:
        parts = [f"{_lower_first(Channel(code).label)} ({count(c).text})" for code, c in channels]
        paragraphs.append(f"Så kom {DEFINITE_PLURAL[kind]} in: {', '.join(parts)}.")
    top = list(data["by_category"].items())[:3]
    if top:
        paragraphs.append(
            "Vanligaste kategorierna: " + ", ".join(f"{label.lower()} ({count(c)})" for label, c in top) + "."
        )
    timing = []
    # Times and shares of a handful of cases describe those cases: only for counts that are shown.
    if not n.suppressed:
        if data["median_days_to_close"] is not None:
            timing.append(f"medianhandläggningstiden var {days(data['median_days_to_close'])}")
        if data.get("median_days_to_reply") is not None:
            timing.append(f"mediantiden till svar var {days(data['median_days_to_reply'])}")
        if data["within_deadline_share"] is not None:
            timing.append(f"{round(data['within_deadline_share'] * 100)} procent hanterades inom tidsfristen")
    if timing:
        paragraphs.append(timing[0][0].upper() + "; ".join(timing)[1:] + ".")
    if data["open_at_year_end"]:
        still_open = count(data["open_at_year_end"])
        word = "fortfarande öppen" if not still_open.suppressed and still_open.value == 1 else "fortfarande öppna"
        paragraphs.append(f"Vid årets slut var {still_open.text} {word}.")
    return paragraphs


def summary_paragraphs(figures: dict[str, Any]) -> list[str]:
    """The events' sentence in the Sammanfattning."""
    events = figures["events"]
    counts = {k: suppression.count(events[k]["count"]) for k in NOUNS}
    parts = [f"{c.text} {_noun(c, k)}" for k, c in counts.items()]
    scope = figures["scope"]["name"]
    return [f"Under {figures['year']} registrerades inom {scope} {', '.join(parts[:-1])} och {parts[-1]}."]


def unit_paragraphs(unit_figures: dict[str, Any]) -> list[str]:
    """A section for one avdelning, drafted from that avdelning's own figures."""
    paragraphs = []
    for kind in ("klagomal", "avvikelse", "lex_sarah"):
        data = unit_figures["events"][kind]
        n, previous = suppression.count(data["count"]), suppression.count(data["previous_year"])
        paragraphs.append(
            f"{_capital(n.text)} {_noun(n, kind)} har registrerats inom avdelningen under året."
            f"{_change(n, previous, kind)}"
        )
    return paragraphs
