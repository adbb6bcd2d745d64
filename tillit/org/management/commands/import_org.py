"""`python manage.py import_org FILE.csv`: the organisation tree (validated as a whole)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tillit.core.csvfiles import run_import
from tillit.org.importer import OPTIONAL, REQUIRED, import_org


class Command(BaseCommand):
    help = f"Importera organisationen från CSV med kolumnerna {','.join(REQUIRED)}[,{','.join(OPTIONAL)}]."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")

    def handle(self, *args, file: str, **options) -> None:
        run_import(
            self,
            import_org,
            file,
            lambda r: f"Skapade {r.created}, uppdaterade {r.updated}, oförändrade {r.unchanged}.",
        )
