"""`python manage.py verify_audit`: exit 0 when the audit chain is intact, 1 naming the first broken row."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tillit.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Kontrollera att loggkedjan (hashkedjan i granskningsloggen) är obruten."

    def handle(self, *args, **options) -> None:
        result = verify_chain()
        if result.ok:
            self.stdout.write(f"Loggkedjan är hel: {result.checked} rader kontrollerade.")
            return
        where = f"rad seq={result.broken_seq}" + (f" (id {result.broken_id})" if result.broken_id else "")
        self.stderr.write(
            f"Loggkedjan är bruten vid {where}: {result.reason}. {result.checked} rader före den är hela."
        )
        raise SystemExit(1)
