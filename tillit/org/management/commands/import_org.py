"""`python manage.py import_org FILE.csv`: the organisation tree (validated as a whole)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from tillit.core.csvfiles import CsvFileError
from tillit.org.importer import OPTIONAL, REQUIRED, import_org


class Command(BaseCommand):
    help = f"Importera organisationen från CSV med kolumnerna {','.join(REQUIRED)}[,{','.join(OPTIONAL)}]."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")

    def handle(self, *args, file: str, **options) -> None:
        try:
            result = import_org(file)
        except CsvFileError as exc:
            raise CommandError(str(exc)) from None
        if result.errors:
            for line in result.errors:
                self.stderr.write(line)
            raise CommandError(f"Inget importerades: {len(result.errors)} rader har fel.")
        self.stdout.write(f"Skapade {result.created}, uppdaterade {result.updated}, oförändrade {result.unchanged}.")
