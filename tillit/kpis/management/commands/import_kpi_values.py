"""`manage.py import_kpi_values FILE` (CSV or XLSX): own KPI values, validated as a whole."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tillit.core.csvfiles import add_redact_argument, run_import
from tillit.kpis.importer import COLUMNS, import_kpi_values


class Command(BaseCommand):
    help = f"Importera egna nyckeltalsvärden från CSV eller XLSX med kolumnerna {','.join(COLUMNS)}."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        add_redact_argument(parser)

    def handle(self, *args, file: str, redact_personnummer: bool, **options) -> None:
        run_import(
            self,
            lambda path: import_kpi_values(path, redact_personnummer=redact_personnummer),
            file,
            lambda r: (
                f"Nya värden {r.created}, ändrade {r.updated}, oförändrade {r.unchanged}; nya nyckeltal {r.new_kpis}."
            ),
        )
