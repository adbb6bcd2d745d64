"""Place, release or list legal holds (bevarandebeslut) that stop gallring of an event."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tillit.events.models import Event
from tillit.retention.models import LegalHold
from tillit.retention.selectors import active_hold
from tillit.retention.services import legal_hold_place, legal_hold_release


class Command(BaseCommand):
    help = "Bevarandebeslut: stoppa gallring av ett ärende (place), häv beslutet (release) eller lista (list)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["place", "release", "list"])
        parser.add_argument("reference", nargs="?", help="Ärendenummer")
        parser.add_argument("--reason", default="", help="Skälet till beslutet (vid place).")
        parser.add_argument("--user", default="", help="Användarnamnet på den som beslutar.")

    def handle(self, *args, action: str, reference: str | None, reason: str, user: str, **options) -> None:
        if action == "list":
            for hold in LegalHold.objects.filter(released_at__isnull=True).select_related("event", "placed_by"):
                self.stdout.write(f"{hold.event.reference}  {hold.placed_at:%Y-%m-%d}  {hold.placed_by}  {hold.reason}")
            return
        if not reference or not user:
            raise CommandError("Ange ärendenummer och --user.")
        event = Event.objects.filter(reference=reference).first()
        if event is None:
            raise CommandError(f"Ärendet {reference} finns inte.")
        actor = get_user_model().objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(f"Användaren {user} finns inte eller är inaktiv.")
        try:
            if action == "place":
                legal_hold_place(actor=actor, event=event, reason=reason)
                self.stdout.write(f"Bevarandebeslut registrerat för {reference}: ärendet gallras inte.")
            else:
                hold = active_hold(event=event)
                if hold is None:
                    raise CommandError(f"{reference} har inget gällande bevarandebeslut.")
                legal_hold_release(actor=actor, hold=hold)
                self.stdout.write(f"Bevarandebeslutet för {reference} är hävt.")
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
