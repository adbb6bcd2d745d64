"""`python manage.py import_events FILE.csv`: history from another system (validated as a whole)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from tillit.core.csvfiles import CsvFileError
from tillit.events.importer import COLUMNS, import_events


class Command(BaseCommand):
    help = f"Importera händelser från CSV med kolumnerna {','.join(COLUMNS)}."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")

    def handle(self, *args, file: str, **options) -> None:
        try:
            result = import_events(file)
        except CsvFileError as exc:
            raise CommandError(str(exc)) from None
        if result.errors:
            for line in result.errors:
                self.stderr.write(line)
            raise CommandError(f"Inget importerades: {len(result.errors)} rader har fel.")
        self.stdout.write(f"Importerade {result.created} händelser, {result.unchanged} fanns redan (oförändrade).")
