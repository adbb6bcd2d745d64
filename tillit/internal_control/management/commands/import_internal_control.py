"""`python manage.py import_internal_control FILE`: internkontroll plans from CSV or XLSX."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tillit.core.csvfiles import run_import
from tillit.internal_control.importer import OPTIONAL, REQUIRED, import_internal_control


class Command(BaseCommand):
    help = (
        f"Importera internkontrollplaner från CSV eller XLSX med kolumnerna {','.join(REQUIRED)}"
        f"[,{','.join(OPTIONAL)}]."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")

    def handle(self, *args, file: str, **options) -> None:
        run_import(
            self,
            import_internal_control,
            file,
            lambda r: (
                f"Skapade {r.plans_created} planer och {r.created} kontrollpunkter; "
                f"uppdaterade {r.updated}; {r.unchanged} oförändrade."
            ),
        )
