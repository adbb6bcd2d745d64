"""`python manage.py render_policy_docs`: write docs/permissions.md from the declarations."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from tillit.home.policy_docs import render_policy_markdown


class Command(BaseCommand):
    help = "Skriv docs/permissions.md från rolltabellen och arbetsflödena."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "docs" / "permissions.md"))

    def handle(self, *args, output: str, **options) -> None:
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_policy_markdown(), encoding="utf-8")
        self.stdout.write(f"Skrev {path}")
