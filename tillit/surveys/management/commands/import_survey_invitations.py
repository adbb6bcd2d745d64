"""`python manage.py import_survey_invitations FILE`: response rates per unit from CSV or XLSX."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tillit.core.csvfiles import add_redact_argument, run_import
from tillit.surveys.importer import INVITATION_COLUMNS, import_survey_invitations


class Command(BaseCommand):
    help = f"Importera enkätresultat från CSV eller XLSX med kolumnerna {','.join(INVITATION_COLUMNS)}."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        add_redact_argument(parser)

    def handle(self, *args, file: str, redact_personnummer: bool = False, **options) -> None:
        run_import(
            self,
            lambda path: import_survey_invitations(path, redact=redact_personnummer),
            file,
            lambda r: (
                f"Skapade {r.surveys_created} enkäter och {r.created} rader; "
                f"uppdaterade {r.updated}; {r.unchanged} oförändrade."
            ),
        )
