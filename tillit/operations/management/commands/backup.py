"""`python manage.py backup FILE`: an online, verified copy of the SQLite database."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tillit.audit.chain import format_anchor
from tillit.operations.backup import BackupError, sqlite_backup


class Command(BaseCommand):
    help = (
        "Ta en säkerhetskopia av SQLite-databasen medan Tillit körs, och kontrollera kopian "
        "(integritetskontroll och loggkedjan). För PostgreSQL: använd pg_dump."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Ny fil att skriva kopian till (skrivs aldrig över).")

    def handle(self, *args, file: str, **options) -> None:
        try:
            result = sqlite_backup(target=file)
        except BackupError as exc:
            self.stderr.write(str(exc))
            raise SystemExit(1) from None
        chain = result.check.chain
        self.stdout.write(
            f"Säkerhetskopia skriven: {result.path} ({result.size / 1_000_000:.1f} MB på {result.seconds:.2f} s)."
        )
        self.stdout.write("Integritetskontroll (PRAGMA integrity_check): ok.")
        self.stdout.write(f"Loggkedjan i kopian är hel: {chain.checked} rader.")
        self.stdout.write(f"Kopians huvud: {format_anchor(chain.head_seq, chain.head_hash)}")
