"""`manage.py import_kpi_values FILE` (CSV or XLSX): own KPI values, validated as a whole."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tillit.core.csvfiles import run_import
from tillit.kpis.importer import COLUMNS, import_kpi_values


class Command(BaseCommand):
    help = f"Importera egna nyckeltalsvärden från CSV eller XLSX med kolumnerna {','.join(COLUMNS)}."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")

    def handle(self, *args, file: str, **options) -> None:
        run_import(
            self,
            import_kpi_values,
            file,
            lambda r: (
                f"Nya värden {r.created}, ändrade {r.updated}, oförändrade {r.unchanged}; nya nyckeltal {r.new_kpis}."
            ),
        )
