"""Writes to events: reporting, transitions, entries, classification, judging severe.

Every function is atomic and writes its audit row; every state change goes through the shared
engine's `tillit.workflow.services.transition` (here `event_transition`), which reads the one
workflow declaration and runs the hooks it names."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.classification.schemes import GOD_VARD_AREA
from tillit.classification.selectors import is_offered
from tillit.core.privacy import redact_counted
from tillit.events.models import (
    CHANNEL_KINDS,
    CHOOSABLE_CHANNELS,
    Category,
    Channel,
    Event,
    EventEntry,
    EventKind,
    ReferenceCounter,
)
from tillit.events.services import notify, purchaser
from tillit.events.services.monthly import month_count_add
from tillit.org.models import Unit
from tillit.workflow import services as engine
from tillit.workflow.declaration import Transition, workflow
from tillit.workflow.services import TransitionError

REFERENCE_PREFIX = {
    EventKind.AVVIKELSE: "AV",
    EventKind.LEX_SARAH: "LS",
    EventKind.LEX_MARIA: "LM",
    EventKind.KLAGOMAL: "KL",
    EventKind.SYNPUNKT: "SY",
}


def _next_reference(kind: str, year: int) -> str:
    counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(kind=kind, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{REFERENCE_PREFIX[kind]}-{year}-{counter.last:05d}"


def final_state_for(kind: str, outcome: str) -> str:
    """The final state a closed event with `outcome` is in (imports and generated data)."""
    return workflow(kind).final_state_for(outcome)


def receipt_code_hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


@dataclass
class Reported:
    event: Event
    created: bool
    receipt_code: str = ""  # shown once to an anonymous reporter; only its hash is stored
    personnummer_removed: int = 0  # numbers replaced by the placeholder (redact_personnummer=True)


@transaction.atomic
def event_report(
    *,
    actor,
    kind: EventKind | str,
    unit: Unit,
    description: str,
    immediate_actions: str = "",
    occurred_on: date | None = None,
    occurred_at_time: time | None = None,
    category: Category | None = None,
    god_vard_area: str = "",
    channel: Channel | str = Channel.INTERN,
    contact_name: str = "",
    contact_details: str = "",
    idempotency_key: str | None = None,
    with_receipt: bool = False,
    redact_personnummer: bool = False,
) -> Reported:
    """File a new event in its kind's initial state. The same `idempotency_key` twice (double
    click, resubmitted form, retried API call) returns the first event instead of a second one.
    `redact_personnummer` (paths where no one can be asked: the public form) replaces every
    personnummer in the free text with the placeholder; `Reported` says how many."""
    if idempotency_key and (existing := Event.objects.filter(idempotency_key=idempotency_key).first()):
        return Reported(event=existing, created=False)
    if kind not in EventKind.values:
        raise ValidationError("Okänd typ av händelse.")
    if not unit.is_open:
        raise ValidationError("Enheten är stängd och kan inte ta emot nya händelser.")
    if channel not in Channel.values:
        raise ValidationError("Okänd kanal.")
    now = timezone.now()
    today = timezone.localdate(now)
    if occurred_on and occurred_on > today:
        raise ValidationError("Datumet då händelsen inträffade kan inte ligga i framtiden.")
    removed = 0
    if redact_personnummer:
        (description, a), (immediate_actions, b), (contact_name, c), (contact_details, d) = (
            redact_counted(t) for t in (description, immediate_actions, contact_name, contact_details)
        )
        removed = a + b + c + d
    wf = workflow(kind)
    receipt_code = secrets.token_hex(5).upper() if with_receipt else ""
    reporter = actor if getattr(actor, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            event = Event.objects.create(
                reference=_next_reference(kind, today.year),
                kind=kind,
                state=wf.initial,
                unit=unit,
                category=category,
                god_vard_area=god_vard_area,
                channel=channel,
                reported_on=today,
                reported_at=now,
                occurred_on=occurred_on,
                occurred_at_time=occurred_at_time,
                description=description,
                immediate_actions=immediate_actions,
                reporter=reporter,
                contact_name=contact_name,
                contact_details=contact_details,
                idempotency_key=idempotency_key or None,
                receipt_code_hash=receipt_code_hash(receipt_code) if receipt_code else "",
            )
    except IntegrityError:
        # A concurrent request with the same key won the race: hand back its event.
        if idempotency_key and (existing := Event.objects.filter(idempotency_key=idempotency_key).first()):
            return Reported(event=existing, created=False)
        raise
    engine.workflow_begin(subject=event, actor=reporter, code="rapportera", at=now, start=today)
    month_count_add(event)
    audit_object(actor=actor, action=AuditAction.CREATE, obj=event, detail={"kind": str(kind)})
    notify.on_reported(event)
    purchaser.on_reported(event)
    return Reported(event=event, created=True, receipt_code=receipt_code, personnummer_removed=removed)


def allowed_transitions(actor, event: Event) -> list[Transition]:
    """The declared transitions `actor` may make on `event` now (for buttons, API and tests)."""
    return engine.allowed_transitions(actor, event)


def event_transition(*, actor, event: Event, code: str, comment: str = "", **fields) -> Event:
    """Make the declared transition `code` (see `tillit.workflow.services.transition`): checks
    source state, the actor's role in the event's unit and the declared required fields; records
    history, deadlines and the audit row, and runs the transition's declared hook."""
    return engine.transition(actor=actor, subject=event, code=code, comment=comment, **fields).subject


def work_roles(kind: str) -> frozenset:
    """Roles that take part in a kind's workflow: they may document and read its cases."""
    return workflow(kind).work_roles


def may_work_on(actor, event: Event) -> bool:
    return engine.may_work_on(actor, event)


@transaction.atomic
def event_entry_add(
    *,
    actor,
    event: Event,
    topic: str,
    text: str,
    is_fact: bool = True,
    source: str = "",
    entry_date: date | None = None,
) -> EventEntry:
    """Add a dated investigation entry with the author's name and title as they are today."""
    if not may_work_on(actor, event):
        raise PermissionDenied("Du har inte behörighet att dokumentera i ärendet.")
    if event.is_final:
        raise TransitionError("Ärendet är avslutat. Nya uppgifter läggs inte till i ett avslutat ärende.")
    if not text.strip():
        raise ValidationError("Skriv något i anteckningen.")
    entry = EventEntry.objects.create(
        event=event,
        topic=topic,
        is_fact=is_fact,
        text=text,
        source=source,
        author=actor,
        author_name=actor.display_name,
        author_title=actor.title,
        entry_date=entry_date or timezone.localdate(),
    )
    audit_object(
        actor=actor,
        action=AuditAction.CREATE,
        obj=entry,
        unit=event.unit_id,
        detail={"event": event.pk, "topic": topic},
    )
    return entry


def event_convert_to_avvikelse(*, actor, event: Event, conclusion: str) -> Event:
    """Close a lex Sarah report as "omvandlad till avvikelse"; the transition's declared hook
    (`conversion.open_avvikelse`) opens the avvikelse that carries it on. Returns the avvikelse."""
    if event.kind != EventKind.LEX_SARAH:
        raise TransitionError("Bara lex Sarah-rapporter kan omvandlas till avvikelser.")
    return engine.transition(
        actor=actor, subject=event, code="omvandla_till_avvikelse", conclusion=conclusion
    ).follow_up


@transaction.atomic
def event_mark_severe(*, actor, event: Event) -> Event:
    """Judge a lex Sarah/lex Maria case as allvarligt before the bedömning is complete, so the
    anmälan to IVO can be made at once (the utredning must still be completed)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not workflow(event.kind).notifies_ivo:
        raise TransitionError("Bara lex Sarah- och lex Maria-ärenden anmäls till IVO.")
    if not may_work_on(actor, event):
        raise PermissionDenied("Du har inte behörighet att bedöma ärendet.")
    if event.is_final:
        raise TransitionError("Ärendet är avslutat.")
    if event.severe:
        return event
    event.severe = True
    event.save(update_fields=["severe", "updated_at"])
    engine.flag_set(subject=event, flag="severe")
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=event, detail={"fields": ["severe"]})
    return event


@transaction.atomic
def event_classify(*, actor, event: Event, category: Category | None, god_vard_area: str) -> Event:
    """Set the category and the God vård area (often only clear once the case is investigated)."""
    if not may_work_on(actor, event):
        raise PermissionDenied("Du har inte behörighet att ändra ärendet.")
    event = Event.objects.select_for_update().get(pk=event.pk)
    if god_vard_area and god_vard_area != event.god_vard_area and not is_offered(GOD_VARD_AREA, god_vard_area):
        raise ValidationError("Välj ett område som används.")
    changed = [
        name
        for name, value in (("category_id", category.pk if category else None), ("god_vard_area", god_vard_area))
        if getattr(event, name) != value
    ]
    if not changed:
        return event
    if "category_id" in changed:
        month_count_add(event, -1)  # counted under its old category until now
    event.category, event.god_vard_area = category, god_vard_area
    event.save(update_fields=[*(c.removesuffix("_id") for c in changed), "updated_at"])
    if "category_id" in changed:
        month_count_add(event, +1)
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=event, detail={"fields": changed})
    return event


@transaction.atomic
def event_channel_set(*, actor, event: Event, channel: Channel | str) -> Event:
    """Correct how a klagomål or synpunkt reached the förvaltning (IVO, patientnämnd, brev …)."""
    if not may_work_on(actor, event):
        raise PermissionDenied("Du har inte behörighet att ändra ärendet.")
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.kind not in CHANNEL_KINDS:
        raise ValidationError("Kanalen anges bara för klagomål och synpunkter.")
    if channel not in CHOOSABLE_CHANNELS and channel != event.channel:
        raise ValidationError("Välj en av kanalerna i listan.")
    if channel == event.channel:
        return event
    before = event.channel
    event.channel = channel
    event.save(update_fields=["channel", "updated_at"])
    audit_object(
        actor=actor, action=AuditAction.CHANGE, obj=event, detail={"fields": ["channel"], "from": before, "to": channel}
    )
    return event
