"""`python manage.py demo_data`: load (or complete) the demo municipality; never destroys data.

The organisation and one user per role come first; then every app adds its part (its DemoStep in
plugin.py), in order, all from one seeded random generator so a seed gives the same demo.
"""

from __future__ import annotations

import random

from django.core.management.base import BaseCommand
from django.utils import timezone

from tillit.core.maintenance import refresh_planner_statistics
from tillit.core.registry import demo_steps
from tillit.events.demo import scale_events
from tillit.home.demo import DEMO_PASSWORD, PEOPLE, PROVIDER_PEOPLE, demo_org
from tillit.org.models import Unit, UnitLevel


class Command(BaseCommand):
    help = "Skapa demokommunen Exempelby (organisation, en användare per roll, exempeldata från varje modul)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seed", type=int, default=2026, help="slumpfrö för reproducerbar data")
        parser.add_argument("--events", type=int, default=0, help="lägg dessutom till N genererade händelser")
        parser.add_argument(
            "--no-events", action="store_true", help="bara organisation och användare, inga exempelärenden"
        )
        parser.add_argument("--quiet-logins", action="store_true", help="skriv inte ut inloggningarna")

    def handle(self, *args, seed: int, events: int, no_events: bool, quiet_logins: bool, **options) -> None:
        rng = random.Random(seed)
        result = demo_org(rng=rng)
        self.stdout.write(
            f"Exempelby kommun: {result.created_units} nya enheter, {len(result.created_users)} nya användare."
        )
        today = timezone.localdate()
        if not no_events:
            for step in demo_steps():
                if line := step.run(rng=rng, today=today):
                    self.stdout.write(line)
        if events:
            enheter = list(Unit.objects.filter(level=UnitLevel.ENHET, closed_on__isnull=True).order_by("code"))
            made = scale_events(n=events, rng=rng, units=enheter, today=today)
            self.stdout.write(f"Genererade händelser: {made}.")
        refresh_planner_statistics(full=True)
        if not quiet_logins:
            self.print_logins(result.totp_secrets)

    def print_logins(self, secrets: dict[str, str]) -> None:
        self.stdout.write("")
        self.stdout.write(f"Demoinloggningar (lösenord för alla: {DEMO_PASSWORD}, om det inte har ändrats):")
        for username, _, _, role, unit_code, _ in PEOPLE + PROVIDER_PEOPLE:
            line = f"  {username:<22} {role.label:<28} {unit_code}"
            if username in secrets:
                line += f"   TOTP-nyckel {secrets[username]}"
            self.stdout.write(line)
        if secrets:
            self.stdout.write(
                "Roller med TOTP: lägg in nyckeln i en autentiseringsapp, eller skriv ut dagens kod med "
                "`python manage.py demo_totp ANVÄNDARNAMN`."
            )
