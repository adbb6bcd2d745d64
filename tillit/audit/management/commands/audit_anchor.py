"""`python manage.py audit_anchor`: print the audit chain's head as `SEQ:HASH`.

Keep the line outside the database (a diary entry, a mail, a WORM store) and later pass it to
`verify_audit --anchor SEQ:HASH`: a chain cut back or rewritten after it no longer matches.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tillit.audit.chain import GENESIS_HASH, format_anchor
from tillit.audit.models import AuditChainHead, AuditEvent


class Command(BaseCommand):
    help = "Skriv ut loggkedjans huvud som SEQ:HASH, att spara utanför databasen (ankare)."

    def handle(self, *args, **options) -> None:
        head = AuditChainHead.objects.filter(pk=1).first()
        last = AuditEvent.objects.order_by("-seq").values_list("seq", "row_hash").first() or (0, GENESIS_HASH)
        if head is None or (head.seq, head.last_hash) != last:
            # Anchoring a head that does not match the last row would pin an inconsistent chain.
            self.stderr.write("Kedjans huvud stämmer inte med sista raden: kör verify_audit.")
            raise SystemExit(1)
        self.stdout.write(format_anchor(*last))
