"""Reminders to the responsible for a control point: its result is due soon, or the day has passed
without a result. Messages name only the point's reference (no comment, no findings)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse

from tillit.core.registry import Reminder, roles_with
from tillit.internal_control.models import ControlPoint, ControlStatus

NOTICE_DAYS = 14


def _keepers(unit_id: int) -> list[int]:
    """Who keeps the plan when a point has no responsible user."""
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            assignments__unit_id=unit_id,
            assignments__role__in=[str(r) for r in roles_with("internal_control.manage")],
        )
        .values_list("pk", flat=True)
        .distinct()
    )


def reporting_reminders(today: date) -> Iterator[Reminder]:
    """One reminder two weeks before a point's reporting day and one when it has passed, while the
    point has no result (still "pågår"); the key holds the day, so a new day gives new reminders."""
    points = (
        ControlPoint.objects.filter(
            status=ControlStatus.PAGAR, report_due__isnull=False, report_due__lte=today + timedelta(days=NOTICE_DAYS)
        )
        .select_related("plan")
        .only("pk", "code", "report_due", "responsible_user_id", "plan__year", "plan__unit_id")
    )
    keepers: dict[int, list[int]] = {}
    for point in points.iterator(chunk_size=500):
        if point.responsible_user_id:
            recipients = [point.responsible_user_id]
        else:
            recipients = keepers.setdefault(point.plan.unit_id, _keepers(point.plan.unit_id))
        if not recipients:
            continue
        passed = point.report_due < today
        yield Reminder(
            recipient_ids=recipients,
            key=f"internal_control:{point.pk}:{'forsenad' if passed else 'snart'}:{point.report_due:%Y%m%d}",
            message=(
                f"Kontrollpunkt {point.reference}: resultatet skulle ha rapporterats {point.report_due:%Y-%m-%d}"
                if passed
                else f"Kontrollpunkt {point.reference}: resultatet ska rapporteras senast {point.report_due:%Y-%m-%d}"
            ),
            url=reverse("internal_control:point_detail", args=[point.pk]),
        )
