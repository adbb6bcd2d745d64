"""`python manage.py verify_audit [--anchor SEQ:HASH …]`: exit 0 when the audit chain is intact,
1 naming the first problem. The last line states the head that was verified, as `SEQ:HASH`."""

from __future__ import annotations

import argparse

from django.core.management.base import BaseCommand
from django.db import connections

from tillit.audit.chain import format_anchor, parse_anchor
from tillit.audit.models import AuditEvent
from tillit.audit.verify import verify_chain


def anchor_argument(text: str) -> tuple[int, str]:
    try:
        return parse_anchor(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class Command(BaseCommand):
    help = "Kontrollera att loggkedjan (hashkedjan i granskningsloggen) är obruten."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--anchor",
            action="append",
            default=[],
            type=anchor_argument,
            metavar="SEQ:HASH",
            help="Ett ankare från audit_anchor, sparat utanför databasen (kan anges flera gånger).",
        )
        parser.add_argument("--database", default="default", help=argparse.SUPPRESS)

    def handle(self, *args, anchor: list[tuple[int, str]], database: str, **options) -> None:
        if AuditEvent._meta.db_table not in connections[database].introspection.table_names():
            self.stderr.write("Databasen saknar granskningsloggen (är den migrerad? Kör manage.py migrate).")
            raise SystemExit(1)
        result = verify_chain(anchors=anchor, using=database)
        if not result.ok:
            where = f"rad seq={result.broken_seq}" + (f" (id {result.broken_id})" if result.broken_id else "")
            self.stderr.write(
                f"Loggkedjan är bruten vid {where}: {result.reason}. {result.checked} rader före den är hela."
            )
            raise SystemExit(1)
        if result.checked == 0:
            self.stdout.write("Granskningsloggen är tom: det finns inga rader att kontrollera.")
        else:
            keyed = (
                f" Nycklad (HMAC) från rad {result.keyed_from_seq}."
                if result.keyed_from_seq is not None
                else " Utan nyckel (AUDIT_CHAIN_KEY är inte använd)."
            )
            self.stdout.write(f"Loggkedjan är hel: {result.checked} rader kontrollerade.{keyed}")
        if anchor:
            self.stdout.write(f"{len(anchor)} ankare stämmer.")
        self.stdout.write(f"Kontrollerat huvud: {format_anchor(result.head_seq, result.head_hash)}")
