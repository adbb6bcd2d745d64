"""`python manage.py import_gap FILE --performer USERNAME`: an existing GAP analysis (CSV or XLSX)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tillit.core.csvfiles import run_import
from tillit.documents.gap_importer import REQUIRED, import_gap


class Command(BaseCommand):
    help = f"Importera en GAP-analys från CSV eller Excel (.xlsx) med kolumnerna {','.join(REQUIRED)}."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--performer", required=True, help="Användarnamnet på den som genomförde analysen.")

    def handle(self, *args, file: str, performer: str, **options) -> None:
        user = get_user_model().objects.filter(username=performer, is_active=True).first()
        if user is None:
            raise CommandError(f"Okänd användare ”{performer}”.")
        run_import(
            self,
            lambda path: import_gap(path, performer=user),
            file,
            lambda r: f"Importerade {r.created} GAP-analyser, {r.unchanged} fanns redan.",
        )
