"""Reminders for the calendar of rounds: two weeks before a round's deadline and once it has passed,
to those who keep egenkontroll in the round's unit (and the person performing it). The key holds
the date, so a moved deadline reminds again. Messages name the round only, never case content."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from django.urls import reverse

from tillit.core.registry import Reminder
from tillit.self_inspection.models import Round
from tillit.self_inspection.owners import round_owners
from tillit.self_inspection.selectors import SOON_DAYS, open_round_q

LATE_DAYS = 90  # an older missed round is in the calendar, not in anyone's inbox


def round_reminders(today: date) -> Iterator[Reminder]:
    rounds = (
        Round.objects.filter(
            open_round_q(), due_on__lte=today + timedelta(days=SOON_DAYS), due_on__gte=today - timedelta(days=LATE_DAYS)
        )
        .select_related("unit", "assessment")
        .order_by("due_on", "pk")
    )
    for round_ in rounds.iterator(chunk_size=500):
        passed = round_.due_on < today
        recipients = set(round_owners(round_).values_list("pk", flat=True))
        if round_.assessment is not None:
            recipients.add(round_.assessment.performer_id)
        if not recipients:
            continue
        yield Reminder(
            recipient_ids=sorted(recipients),
            key=f"self_inspection:{round_.pk}:{'forsenad' if passed else 'snart'}:{round_.due_on:%Y%m%d}",
            message=(
                f"Egenkontroll {round_.code}: skulle ha varit klar {round_.due_on:%Y-%m-%d}"
                if passed
                else f"Egenkontroll {round_.code}: ska vara klar senast {round_.due_on:%Y-%m-%d}"
            ),
            url=reverse("self_inspection:round_detail", args=[round_.pk]),
        )
