"""`python manage.py trend_signals --year Y --unit CODE --format json`: the trend signals of every
monthly series in the unit and below with at least 10 useful points in the 24 months up to the end
of year Y (docs/figures.md, "Trend signals"). Reads only the monthly aggregate: no personal data."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from tillit.org.models import Unit
from tillit.trends import spc
from tillit.trends.selectors import series_signals


class Command(BaseCommand):
    help = "Skriv ut trendsignaler (styrdiagram) för en enhet och ett år."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, required=True, help="till och med december det här året")
        parser.add_argument("--unit", required=True, help="enhetens kod (enheten och enheterna under den)")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args, year: int, unit: str, format: str, **options) -> None:
        scope = Unit.objects.filter(code=unit).first()
        if scope is None:
            raise CommandError(f"Okänd enhet ”{unit}”.")
        unit_ids = list(Unit.objects.filter(path__startswith=scope.path).values_list("id", flat=True))
        found = series_signals(unit_ids=unit_ids, year=year)
        if format == "json":
            self.stdout.write(json.dumps(found, ensure_ascii=False, indent=2))
            return
        signalling = [s for s in found if s["run_signal"] or s["crossing_signal"] or s["points_outside_limits"]]
        self.stdout.write(f"{len(found)} serier med minst 10 användbara punkter, {len(signalling)} med signal.")
        self.stdout.write(spc.explain_false_alarms(len(found)))
        for s in signalling:
            series = s["series"]
            self.stdout.write(f"  {series['kind']} {series['unit']} {series['category'] or '(utan kategori)'}")
