"""`python manage.py import_documents FILE`: styrande dokument and processes from CSV or XLSX."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tillit.core.csvfiles import run_import
from tillit.documents.importer import OPTIONAL, REQUIRED, import_documents


class Command(BaseCommand):
    help = (
        f"Importera styrande dokument och processer från CSV eller Excel (.xlsx) med kolumnerna "
        f"{','.join(REQUIRED)}[,{','.join(OPTIONAL)}]."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")

    def handle(self, *args, file: str, **options) -> None:
        run_import(
            self,
            import_documents,
            file,
            lambda r: f"Skapade {r.created}, uppdaterade {r.updated}, oförändrade {r.unchanged}.",
        )
