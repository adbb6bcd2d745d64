"""Reminders to the provider: a required measure's answer is due within a week, or overdue. The
message names only the contract's number and the date (no findings, no case content). Overdue
answers are also listed for the municipality's follow-up (start page and the contract pages)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from tillit.contracts.models import MeasureDeadline
from tillit.contracts.recipients import provider_contacts
from tillit.core.registry import Reminder
from tillit.workflow.deadlines import due_soon_q

NOTICE_DAYS = 7


def measure_reminders(today: date) -> Iterator[Reminder]:
    deadlines = (
        MeasureDeadline.objects.filter(due_soon_q(today, within_days=NOTICE_DAYS))
        .select_related("measure__follow_up__contract")
        .order_by("due_on", "pk")
    )
    for deadline in deadlines.iterator(chunk_size=500):
        measure = deadline.measure
        contract = measure.follow_up.contract
        recipients = [u.pk for u in provider_contacts(contract)]
        if not recipients:
            continue
        overdue = deadline.due_on < today
        yield Reminder(
            recipient_ids=recipients,
            key=f"contracts:measure:{measure.pk}:{deadline.pk}:{'forsenad' if overdue else 'snart'}",
            message=(
                f"Avtal {contract.code}: svaret på en krävd åtgärd skulle ha lämnats {deadline.due_on:%Y-%m-%d}."
                if overdue
                else f"Avtal {contract.code}: svara på en krävd åtgärd senast {deadline.due_on:%Y-%m-%d}."
            ),
            url=reverse("contracts:follow_up_detail", args=[measure.follow_up_id]) + f"#atgard-{measure.pk}",
        )
