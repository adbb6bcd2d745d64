"""The example app's section of the yearly report, with its own figures key."""

from tillit.core.reporting import ReportProvider, SectionContext, SectionSpec, register_report_provider


def figures(*, scope, year) -> dict:
    return {"exempel": {"granskningar": 3}}


def paragraphs(ctx: SectionContext) -> list[str]:
    return [f"Under {ctx.year} gjordes {ctx.own['granskningar']} exempelgranskningar."]


register_report_provider(
    __name__,
    ReportProvider(
        key="exempel",
        figures=figures,
        sections=[
            SectionSpec(
                "exempel", "Exempelgranskningar", order=86, paragraphs=paragraphs, figures=lambda f: f["exempel"]
            )
        ],
    ),
)
