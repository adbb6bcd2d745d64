"""The KPIs Tillit computes from its own data (source "Beräknad av Tillit"). Codes start with
"TILLIT-" so they never collide with Kolada's or a municipality's own codes."""

from __future__ import annotations

from dataclasses import dataclass

from tillit.kpis.models import Direction, MeasureUnit


@dataclass(frozen=True)
class ComputedKpi:
    code: str
    title: str
    description: str
    measure: str
    direction: str


RECEIVED_IN_TIME = ComputedKpi(
    "TILLIT-AVV-MOTTAGEN",
    "Andel avvikelser mottagna inom tjänstenivån",
    "Avvikelser rapporterade under perioden vars tidsfrist för att tas emot har löpt ut eller är uppfylld: "
    "andel som togs emot i tid. Tidsfristen är kommunens tjänstenivå (Tjänstenivåer), inte ett lagkrav.",
    MeasureUnit.PERCENT,
    Direction.HIGHER,
)
COMPLAINT_ANSWER_DAYS = ComputedKpi(
    "TILLIT-KLAG-SVARSTID",
    "Mediantid i dagar till svar på klagomål",
    "Klagomål rapporterade under perioden som har besvarats: median av antal kalenderdagar från "
    "rapporterat till besvarat.",
    MeasureUnit.DAYS,
    Direction.LOWER,
)
REPORTS_PER_1000 = ComputedKpi(
    "TILLIT-RAPP-1000",
    "Rapporter per 1 000 brukare",
    "Avvikelser, lex Sarah- och lex Maria-rapporter under perioden per 1 000 brukare. Beräknas bara för "
    "enheter där antalet brukare för året är inmatat (Nyckeltal → Antal brukare per enhet).",
    MeasureUnit.COUNT,
    Direction.HIGHER,  # more reports usually means a better reporting culture, not worse care
)
EFFECT_FOLLOWED_UP = ComputedKpi(
    "TILLIT-ATG-EFFEKT",
    "Andel åtgärder med uppföljd effekt",
    "Åtgärder vars effekt skulle följas upp under perioden (senast i dag): andel där effekten är uppföljd.",
    MeasureUnit.PERCENT,
    Direction.HIGHER,
)

ALL = (RECEIVED_IN_TIME, COMPLAINT_ANSWER_DAYS, REPORTS_PER_1000, EFFECT_FOLLOWED_UP)
REPORT_KINDS = ("avvikelse", "lex_sarah", "lex_maria")
