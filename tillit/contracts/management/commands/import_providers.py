"""`python manage.py import_providers FILE`: contracts with providers (avtal) from CSV or XLSX."""

from __future__ import annotations

from functools import partial

from django.core.management.base import BaseCommand

from tillit.contracts.importer import OPTIONAL, REQUIRED, import_providers
from tillit.core.csvfiles import add_redact_argument, run_import


class Command(BaseCommand):
    help = (
        f"Importera avtal med utförare från CSV eller XLSX med kolumnerna {','.join(REQUIRED)}[,{','.join(OPTIONAL)}]."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        add_redact_argument(parser)

    def handle(self, *args, file: str, redact_personnummer: bool = False, **options) -> None:
        run_import(
            self,
            partial(import_providers, redact_personnummer=redact_personnummer),
            file,
            lambda r: f"Skapade {r.created} avtal; uppdaterade {r.updated}; {r.unchanged} oförändrade.",
        )
