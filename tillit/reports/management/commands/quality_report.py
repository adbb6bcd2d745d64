"""`python manage.py quality_report --year 2021 --unit CODE --format json|html|pdf|docx --output FILE`"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from tillit.org.models import Unit
from tillit.reports.models import QualityReport, ReportKind
from tillit.reports.services import FORMATS, report_export


class Command(BaseCommand):
    help = "Ta fram kvalitetsberättelsen för ett år (fastställd version om den finns, annars utkast)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--unit", help="Enhetskod (standard: organisationens rot)")
        parser.add_argument("--format", choices=list(FORMATS), default="json")
        parser.add_argument("--kind", choices=ReportKind.values, default=ReportKind.KVALITETSBERATTELSE)
        parser.add_argument("--output", default="-", help="Fil, eller - för standard ut")

    def handle(self, *args, year: int, unit: str | None, format: str, kind: str, output: str, **options) -> None:
        scope = Unit.objects.filter(code=unit).first() if unit else Unit.objects.filter(parent=None).first()
        if scope is None:
            raise CommandError(f"Enheten {unit!r} finns inte." if unit else "Det finns ingen organisation ännu.")
        # The saved report (adopted or draft), or an unsaved one: drafted from today's data.
        report = QualityReport.objects.filter(kind=kind, year=year, scope=scope).first() or QualityReport(
            kind=kind, year=year, scope=scope
        )
        data = report_export(report=report, fmt=format)
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
