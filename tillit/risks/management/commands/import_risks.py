"""`python manage.py import_risks FILE`: riskanalyser from CSV or XLSX (validated as a whole)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tillit.core.csvfiles import run_import
from tillit.risks.importer import OPTIONAL, REQUIRED, import_risks


class Command(BaseCommand):
    help = f"Importera riskanalyser från CSV eller XLSX med kolumnerna {','.join(REQUIRED)}[,{','.join(OPTIONAL)}]."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")

    def handle(self, *args, file: str, **options) -> None:
        run_import(
            self,
            import_risks,
            file,
            lambda r: (
                f"Skapade {r.analyses_created} riskanalyser, {r.risks_created} risker och {r.measures_created} "
                f"åtgärder; uppdaterade {r.risks_updated} risker; {r.unchanged} rader oförändrade."
            ),
        )
