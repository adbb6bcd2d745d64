"""`python manage.py import_risks FILE`: riskanalyser from CSV or XLSX (validated as a whole)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tillit.core.csvfiles import run_import
from tillit.risks.importer import OPTIONAL, REQUIRED, import_risks


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


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
                f"Skapade {_n(r.analyses_created, 'riskanalys', 'riskanalyser')}, "
                f"{_n(r.risks_created, 'risk', 'risker')} och {_n(r.measures_created, 'åtgärd', 'åtgärder')}; "
                f"uppdaterade {_n(r.risks_updated, 'risk', 'risker')};"
                f" {_n(r.unchanged, 'rad', 'rader')} oförändrade."
            ),
        )
