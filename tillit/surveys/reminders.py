"""Reminders for identified staff surveys at the chosen interval: only invitees who have not
answered, never the survey's content (the message names the survey only)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from tillit.core.registry import Reminder
from tillit.surveys.answering import is_open
from tillit.surveys.models import Survey, SurveyMode, SurveyStatus


def collect(today: date) -> Iterator[Reminder]:
    surveys = Survey.objects.filter(
        mode=SurveyMode.IDENTIFIED, status=SurveyStatus.OPPEN, reminder_days__isnull=False
    ).exclude(opens_on__isnull=True)
    for survey in surveys:
        days = (today - survey.opens_on).days
        if not is_open(survey, today) or days <= 0 or days % survey.reminder_days:
            continue
        recipients = list(
            survey.tokens.filter(answered=False, invitee__isnull=False).values_list("invitee_id", flat=True)
        )
        if recipients:
            yield Reminder(
                recipient_ids=recipients,
                key=f"survey:{survey.pk}:remind:{today.isoformat()}",
                message=f"Påminnelse: du är inbjuden att svara på enkäten ”{survey.title}”.",
                url=reverse("surveys_public:answer", args=[survey.public_key]),
            )
