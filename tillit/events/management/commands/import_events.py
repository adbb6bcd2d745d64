"""`python manage.py import_events FILE.csv`: history from another system (validated as a whole)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tillit.core.csvfiles import add_redact_argument, run_import
from tillit.events.services.importer import COLUMNS, import_events


class Command(BaseCommand):
    help = f"Importera händelser från CSV med kolumnerna {','.join(COLUMNS)}."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        add_redact_argument(parser)

    def handle(self, *args, file: str, redact_personnummer: bool, **options) -> None:
        run_import(
            self,
            lambda path: import_events(path, redact_personnummer=redact_personnummer),
            file,
            lambda r: f"Importerade {r.created} händelser, {r.unchanged} fanns redan (oförändrade).",
        )
