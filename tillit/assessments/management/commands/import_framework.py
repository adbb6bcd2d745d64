"""`python manage.py import_framework FILE`: a template (framework, checklist) from CSV or XLSX."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tillit.assessments.importer import OPTIONAL, REQUIRED, import_framework
from tillit.core.csvfiles import add_redact_argument, run_import


class Command(BaseCommand):
    help = (
        f"Importera en mall (ramverk, checklista) från CSV eller XLSX med kolumnerna {','.join(REQUIRED)}"
        f"[,{','.join(OPTIONAL)}]."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        add_redact_argument(parser)
        parser.add_argument(
            "--faststall", action="store_true", help="Fastställ mallen efter importen (den kan sedan inte ändras)."
        )

    def handle(self, *args, file: str, faststall: bool, redact_personnummer: bool, **options) -> None:
        run_import(
            self,
            lambda path: import_framework(path, establish=faststall, redact_personnummer=redact_personnummer),
            file,
            lambda r: (
                f"Skapade {r.created}, uppdaterade {r.updated}, oförändrade {r.unchanged} mallar"
                + (f"; fastställde {r.established}." if faststall else ".")
            ),
        )
