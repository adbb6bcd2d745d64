"""`python manage.py carry_over_internal_control --year Y --unit CODE`: next year's plan with the
points of year Y that were not carried out (the same service as the screen)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tillit.internal_control.models import ControlPlan
from tillit.internal_control.services import plan_carry_over


class Command(BaseCommand):
    help = "För över årets ej genomförda kontrollpunkter till nästa års internkontrollplan."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--unit", required=True, help="Nämndens översta enhet (kod).")

    def handle(self, *args, year: int, unit: str, **options) -> None:
        plan = ControlPlan.objects.filter(year=year, unit__code=unit).first()
        if plan is None:
            raise CommandError(f"Det finns ingen internkontrollplan för {unit} {year}.")
        try:
            target, carried = plan_carry_over(actor=None, plan=plan)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        points = "kontrollpunkt" if len(carried) == 1 else "kontrollpunkter"
        self.stdout.write(f"Förde över {len(carried)} {points} till planen för {target.year}.")
