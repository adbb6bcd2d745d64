"""`python manage.py quality_report --year 2021 --unit CODE --format json|html|pdf|docx --output FILE`"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from tillit.org.models import Unit
from tillit.reports.models import QualityReport
from tillit.reports.views import document_bytes


class Command(BaseCommand):
    help = "Ta fram kvalitetsberättelsen för ett år (fastställd version om den finns, annars utkast)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--unit", help="Enhetskod (standard: organisationens rot)")
        parser.add_argument("--format", choices=["json", "html", "pdf", "docx"], default="json")
        parser.add_argument("--output", default="-", help="Fil, eller - för standard ut")

    def handle(self, *args, year: int, unit: str | None, format: str, output: str, **options) -> None:
        scope = Unit.objects.filter(code=unit).first() if unit else Unit.objects.filter(parent=None).first()
        if scope is None:
            raise CommandError(f"Enheten {unit!r} finns inte." if unit else "Det finns ingen organisation ännu.")
        report = QualityReport.objects.filter(year=year, scope=scope).first() or QualityReport(year=year, scope=scope)
        if report.pk is None:
            report = _transient_report(report)
        data = document_bytes(report, format)
        if output == "-":
            if format in ("pdf", "docx") and sys.stdout.isatty():
                raise CommandError("Ange --output FIL för PDF och DOCX.")
            buffer = getattr(self.stdout._out, "buffer", None)
            if buffer is not None:
                buffer.write(data)
                buffer.flush()
            else:
                self.stdout.write(data.decode(), ending="")
        else:
            with open(output, "wb") as handle:
                handle.write(data)
            self.stderr.write(f"Skrev {output} ({len(data)} byte).")


def _transient_report(report: QualityReport) -> QualityReport:
    """An unsaved report with drafted sections, for figures straight from the command line."""
    from tillit.reports.figures import compute_figures
    from tillit.reports.models import ReportSection
    from tillit.reports.services import draft_text, section_specs_for

    figures = compute_figures(year=report.year, scope=report.scope)
    sections = [
        ReportSection(
            key=s.key, title=s.title, position=i, chart=s.chart, text=draft_text(s, figures, report.year, report.scope)
        )
        for i, s in enumerate(section_specs_for(report.scope))
    ]
    report._transient_sections = sections  # read by build_document
    return report
