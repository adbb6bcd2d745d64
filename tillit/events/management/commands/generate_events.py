"""Bulk-generate events for benchmarks: `generate_events --events 1000000`."""

from __future__ import annotations

import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tillit.core.maintenance import refresh_planner_statistics
from tillit.events.demo import scale_events
from tillit.org.models import Unit, UnitLevel


class Command(BaseCommand):
    help = "Skapa N genererade händelser för prestandamätning (inga loggrader)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--events", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, events: int, seed: int, **options) -> None:
        units = list(Unit.objects.filter(level=UnitLevel.ENHET, closed_on__isnull=True))
        if not units:
            raise CommandError("Det finns inga enheter. Kör först: python manage.py demo_data")
        started = time.monotonic()
        made = scale_events(n=events, rng=random.Random(seed), units=units, today=timezone.localdate())
        refresh_planner_statistics(full=True)
        self.stdout.write(f"Skapade {made} händelser på {time.monotonic() - started:.1f} s.")
