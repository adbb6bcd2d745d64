"""Hooks that events' workflows.toml names: run by the transition service in the same transaction,
whichever way the transition is made (screen, API, import, tests)."""

from __future__ import annotations

from django.utils import timezone

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.events.models import Event, EventKind
from tillit.events.services.cases import _next_reference
from tillit.events.services.monthly import month_count_add
from tillit.workflow import services as engine
from tillit.workflow.declaration import Transition, workflow


def open_avvikelse(*, actor, subject: Event, transition: Transition) -> Event:
    """A lex Sarah report closed as "omvandlad till avvikelse" is carried on as a new avvikelse in
    the same unit, linked back (`converted_from`) so both histories stay readable."""
    now = timezone.now()
    today = timezone.localdate(now)
    avvikelse = Event.objects.create(
        reference=_next_reference(EventKind.AVVIKELSE, today.year),
        kind=EventKind.AVVIKELSE,
        state=workflow(EventKind.AVVIKELSE).initial,
        unit_id=subject.unit_id,
        category_id=subject.category_id,
        god_vard_area=subject.god_vard_area,
        channel=subject.channel,
        reported_on=today,
        reported_at=now,
        occurred_on=subject.occurred_on,
        occurred_at_time=subject.occurred_at_time,
        description=subject.description,
        immediate_actions=subject.immediate_actions,
        reporter_id=subject.reporter_id,
        responsible_id=subject.responsible_id,
        converted_from=subject,
    )
    month_count_add(avvikelse)
    engine.workflow_begin(
        subject=avvikelse, actor=actor, code="omvandlad_fran_lex_sarah", at=now, start=today, comment=subject.reference
    )
    audit_object(actor=actor, action=AuditAction.CREATE, obj=avvikelse, detail={"converted_from": subject.pk})
    return avvikelse
