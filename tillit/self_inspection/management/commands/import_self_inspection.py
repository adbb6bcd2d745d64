"""`python manage.py import_self_inspection FILE`: egenkontroll rounds and answers from CSV or XLSX."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tillit.core.csvfiles import add_redact_argument, run_import
from tillit.self_inspection.importer import REQUIRED, import_self_inspection


class Command(BaseCommand):
    help = f"Importera egenkontrollomgångar med svar från CSV eller XLSX med kolumnerna {','.join(REQUIRED)}."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        add_redact_argument(parser)

    def handle(self, *args, file: str, redact_personnummer: bool = False, **options) -> None:
        run_import(
            self,
            lambda path: import_self_inspection(path, redact=redact_personnummer),
            file,
            lambda r: (
                f"Skapade {r.rounds_created} omgångar och {r.answers_created} svar; ändrade {r.answers_updated}; "
                f"{r.unchanged} oförändrade; {r.completed} omgångar markerade som klara."
            ),
        )
