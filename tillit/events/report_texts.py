"""Deterministic Swedish drafts of the events' report sections, built from the figures (no
language model): the kvalitetsutvecklare edits them. Each function returns plain paragraphs."""

from __future__ import annotations

from typing import Any

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


def _lower_first(text: str) -> str:
    """ "Via IVO" → "via IVO": only the first letter, so names and abbreviations keep their case."""
    return text[:1].lower() + text[1:]


def change_sentence(count: int, previous: int, kind: str) -> str:
    diff = count - previous
    if diff == 0:
        return "Det är lika många som föregående år."
    direction = "en ökning" if diff > 0 else "en minskning"
    return f"Det är {direction} med {abs(diff)} {plural(abs(diff), kind, change=True)} jämfört med föregående år."


def kind_paragraphs(figures: dict[str, Any], kind: str) -> list[str]:
    year, data = figures["year"], figures["events"][kind]
    units = figures.get("units", {})
    n = data["count"]
    paragraphs = [
        f"Under {year} har totalt {n} {plural(n, kind)} inkommit. {change_sentence(n, data['previous_year'], kind)}"
    ]
    if "ivo_notified" in data:
        paragraphs.append(
            f"Av dessa har {data['ivo_notified']} anmälts till Inspektionen för vård och omsorg (IVO), "
            f"jämfört med {data['ivo_notified_previous_year']} föregående år."
        )
    ranked = sorted(((c, k) for k, c in data["by_unit"].items() if c), reverse=True)
    if ranked:
        parts = [f"{units.get(code, code)} ({count})" for count, code in ranked]
        paragraphs.append(f"Fördelat på verksamheter: {', '.join(parts)}.")
    outcomes = [
        f"{count} fall {OUTCOME_PHRASES[code]}"
        for code, count in data["by_outcome"].items()
        if code in OUTCOME_PHRASES and count
    ]
    if outcomes:
        paragraphs.append(f"Bedömningarna visar: {', '.join(outcomes)}.")
    if data["not_investigated"]:
        reasons = ", ".join(f"{label.lower()} ({count})" for label, count in data["not_investigated_reasons"].items())
        reason_text = f" Skälen var: {reasons}." if reasons else ""
        paragraphs.append(f"{data['not_investigated']} avslutades utan utredning.{reason_text}")
    channels = [(code, count) for code, count in data.get("by_channel", {}).items() if count and code in Channel.values]
    if channels and n:
        parts = [f"{_lower_first(Channel(code).label)} ({count})" for code, count in channels]
        paragraphs.append(f"Så kom {DEFINITE_PLURAL[kind]} in: {', '.join(parts)}.")
    top = list(data["by_category"].items())[:3]
    if top:
        paragraphs.append("Vanligaste kategorierna: " + ", ".join(f"{label.lower()} ({c})" for label, c in top) + ".")
    timing = []
    if data["median_days_to_close"] is not None:
        timing.append(f"medianhandläggningstiden var {data['median_days_to_close']:.0f} dagar")
    if data.get("median_days_to_reply") is not None:
        timing.append(f"mediantiden till svar var {data['median_days_to_reply']:.0f} dagar")
    if data["within_deadline_share"] is not None:
        timing.append(f"{round(data['within_deadline_share'] * 100)} procent hanterades inom tidsfristen")
    if timing:
        paragraphs.append(timing[0][0].upper() + "; ".join(timing)[1:] + ".")
    if data["open_at_year_end"]:
        paragraphs.append(f"Vid årets slut var {data['open_at_year_end']} fortfarande öppna.")
    return paragraphs


def summary_paragraphs(figures: dict[str, Any]) -> list[str]:
    """The events' sentence in the Sammanfattning."""
    events = figures["events"]
    parts = [f"{events[k]['count']} {plural(events[k]['count'], k)}" for k in NOUNS]
    scope = figures["scope"]["name"]
    return [f"Under {figures['year']} registrerades inom {scope} {', '.join(parts[:-1])} och {parts[-1]}."]


def unit_paragraphs(unit_figures: dict[str, Any]) -> list[str]:
    """A section for one avdelning, drafted from that avdelning's own figures."""
    paragraphs = []
    for kind in ("klagomal", "avvikelse", "lex_sarah"):
        data = unit_figures["events"][kind]
        n = data["count"]
        paragraphs.append(
            f"{n} {plural(n, kind)} har registrerats inom avdelningen under året. "
            f"{change_sentence(n, data['previous_year'], kind)}"
        )
    return paragraphs
