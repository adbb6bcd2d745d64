"""The report engine's own sections (SOSFS 2011:9 7 kap. and the seeds): Inledning and
Sammanfattning, and guidance text for the parts Tillit has no module for yet. An app that covers
one of those (documents, risk, egenkontroll) registers a section with the same key, which then
replaces the guidance (`fallback=True`)."""

from __future__ import annotations

from tillit.core.reporting import (
    KVALITETSBERATTELSE,
    ReportProvider,
    SectionContext,
    SectionSpec,
    register_report_provider,
)


def intro(ctx: SectionContext) -> list[str]:
    return [
        f"Kvalitetsberättelsen beskriver hur {ctx.scope_name} har arbetat med systematiskt kvalitetsarbete "
        f"under {ctx.year}, vilka åtgärder som har vidtagits och vilka resultat som har uppnåtts "
        "(SOSFS 2011:9 7 kap.).",
    ]


def guidance(key: str, title: str, order: int, text: str) -> SectionSpec:
    """A section the user writes, starting from guidance text, until an app drafts it."""
    return SectionSpec(key, title, order=order, paragraphs=lambda ctx: [text], fallback=True)


register_report_provider(
    __name__,
    ReportProvider(
        key="reports",
        order=0,
        sections=[
            SectionSpec(
                "inledning", "Inledning", order=10, paragraphs=intro, report_kinds=frozenset({KVALITETSBERATTELSE})
            ),
            guidance(
                "ledningssystem",
                "Ledningssystemet och processer och rutiner",
                20,
                "Beskriv hur ledningssystemet är uppbyggt och vilka processer och rutiner som har "
                "tagits fram eller reviderats under året (SOSFS 2011:9 4 kap.).",
            ),
            guidance(
                "riskanalys",
                "Riskanalys",
                30,
                "Beskriv vilka riskanalyser som har gjorts under året och vad de ledde till (SOSFS 2011:9 5 kap. 1 §).",
            ),
            guidance(
                "egenkontroll",
                "Egenkontroll",
                40,
                "Beskriv årets egenkontroller, resultaten och vilka förbättringar de ledde till "
                "(SOSFS 2011:9 5 kap. 2 §).",
            ),
            guidance(
                "personal",
                "Personal och kompetensförsörjning",
                90,
                "Beskriv bemanning, rekrytering och kompetensutveckling under året.",
            ),
            guidance(
                "samverkan",
                "Samverkan",
                100,
                "Beskriv samverkan med andra verksamheter och huvudmän (SOSFS 2011:9 4 kap. 5–7 §§).",
            ),
            # The providers' summary sentences, in provider order (events, then åtgärder, …).
            SectionSpec("sammanfattning", "Sammanfattning", order=1000, paragraphs=lambda ctx: list(ctx.summary)),
        ],
    ),
)
