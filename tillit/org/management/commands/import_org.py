"""`python manage.py import_org FILE.csv`: the organisation tree (validated as a whole)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tillit.core.csvfiles import add_redact_argument, run_import
from tillit.org.importer import OPTIONAL, REQUIRED, import_org


class Command(BaseCommand):
    help = f"Importera organisationen från CSV med kolumnerna {','.join(REQUIRED)}[,{','.join(OPTIONAL)}]."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        add_redact_argument(parser)

    def handle(self, *args, file: str, redact_personnummer: bool, **options) -> None:
        run_import(
            self,
            lambda path: import_org(path, redact_personnummer=redact_personnummer),
            file,
            lambda r: f"Skapade {r.created}, uppdaterade {r.updated}, oförändrade {r.unchanged}.",
        )
