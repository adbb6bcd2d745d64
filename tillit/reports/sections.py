"""The sections of the kvalitetsberättelse, declared once (SOSFS 2011:9 7 kap. and the seeds).

A section is drafted from the figures (`draft` names a function) or, where Tillit has no module
for it yet (risk analysis, egenkontroll), starts with guidance text that the user replaces.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    draft: str  # "kind:<kind>" | "summary" | "intro" | "analysis" | "manual"
    chart: str = ""
    guidance: str = ""


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("inledning", "Inledning", "intro"),
    SectionSpec(
        "ledningssystem",
        "Ledningssystemet och processer och rutiner",
        "manual",
        guidance="Beskriv hur ledningssystemet är uppbyggt och vilka processer och rutiner som har "
        "tagits fram eller reviderats under året (SOSFS 2011:9 4 kap.).",
    ),
    SectionSpec(
        "riskanalys",
        "Riskanalys",
        "manual",
        guidance="Beskriv vilka riskanalyser som har gjorts under året och vad de ledde till "
        "(SOSFS 2011:9 5 kap. 1 §).",
    ),
    SectionSpec(
        "egenkontroll",
        "Egenkontroll",
        "manual",
        guidance="Beskriv årets egenkontroller, resultaten och vilka förbättringar de ledde till "
        "(SOSFS 2011:9 5 kap. 2 §).",
    ),
    SectionSpec("klagomal", "Synpunkter och klagomål", "kind:klagomal+synpunkt", chart="by_category"),
    SectionSpec("avvikelser", "Avvikelser", "kind:avvikelse", chart="by_unit"),
    SectionSpec("lex_sarah", "Lex Sarah", "kind:lex_sarah"),
    SectionSpec("lex_maria", "Lex Maria", "kind:lex_maria"),
    SectionSpec(
        "personal",
        "Personal och kompetensförsörjning",
        "manual",
        guidance="Beskriv bemanning, rekrytering och kompetensutveckling under året.",
    ),
    SectionSpec(
        "samverkan",
        "Samverkan",
        "manual",
        guidance="Beskriv samverkan med andra verksamheter och huvudmän (SOSFS 2011:9 4 kap. 5–7 §§).",
    ),
    # One section per avdelning is inserted here (see services.section_specs_for).
    SectionSpec("analys", "Analys och utvecklingsområden", "analysis", chart="monthly"),
    SectionSpec("sammanfattning", "Sammanfattning", "summary"),
)

GOD_VARD_INTRO = (
    "Analysen följer Socialstyrelsens områden för God vård och omsorg: självbestämmande och integritet, "
    "helhetssyn och samordning, trygghet och säkerhet, kunskapsbaserad verksamhet, tillgänglighet och effektivitet."
)
