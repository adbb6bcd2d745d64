"""`manage.py import_kpi_denominators FILE` (CSV or XLSX, columns unit_code,year,brukare): the number
of brukare per unit and year, so Tillit can compute reports per 1,000 brukare."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tillit.core.csvfiles import run_import
from tillit.kpis.importer import DENOMINATOR_COLUMNS, import_unit_denominators


class Command(BaseCommand):
    help = f"Importera antal brukare per enhet och år från CSV eller XLSX ({','.join(DENOMINATOR_COLUMNS)})."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")

    def handle(self, *args, file: str, **options) -> None:
        run_import(self, import_unit_denominators, file, lambda r: f"Sparade {r.stored} antal brukare.")
