"""Writes to events. Every function is atomic and writes its audit row; every state change goes
through `event_transition`, which reads the one workflow declaration."""

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
from tillit.events.calendar import due_date
from tillit.events.models import (
    Category,
    Channel,
    ClosureReason,
    DeadlineSetting,
    Event,
    EventDeadline,
    EventEntry,
    EventKind,
    EventTransition,
    Outcome,
    ReferenceCounter,
)
from tillit.events.requirements import unmet
from tillit.events.workflow import Deadline, workflow
from tillit.org.access import scope_unit_ids_for_roles
from tillit.org.models import Unit

REFERENCE_PREFIX = {
    EventKind.AVVIKELSE: "AV",
    EventKind.LEX_SARAH: "LS",
    EventKind.LEX_MARIA: "LM",
    EventKind.KLAGOMAL: "KL",
    EventKind.SYNPUNKT: "SY",
}


class TransitionError(ValidationError):
    """A transition that the declaration does not allow now; messages are Swedish."""


def _next_reference(kind: str, year: int) -> str:
    counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(kind=kind, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{REFERENCE_PREFIX[kind]}-{year}-{counter.last:05d}"


def final_state_for(kind: str, outcome: str) -> str:
    """The final state a closed event with `outcome` is in (imports and generated data)."""
    states = workflow(kind).states
    if outcome == Outcome.EJ_UTREDD:
        return "avslutad_utan_utredning"
    if outcome == Outcome.OMVANDLAD_TILL_AVVIKELSE and "omvandlad_till_avvikelse" in states:
        return "omvandlad_till_avvikelse"
    return "avslutad"


def deadline_days(kind: str, rule: Deadline) -> int:
    """The municipality's service level for `rule`, or the declared default."""
    setting = DeadlineSetting.objects.filter(kind=kind, code=rule.code).only("days").first()
    return setting.days if setting else rule.days


def _start_deadlines(event: Event, *, state: str = "", flag: str = "", start: date) -> None:
    for rule in workflow(event.kind).deadlines:
        if (state and rule.from_state == state) or (flag and rule.from_flag == flag):
            EventDeadline.objects.get_or_create(
                event=event,
                code=rule.code,
                defaults={
                    "label": rule.label,
                    "legal_reference": rule.legal_reference,
                    "due_on": due_date(start, deadline_days(event.kind, rule), working_days=rule.working_days),
                },
            )


def _meet_deadlines(event: Event, *, state: str = "", flag: str = "", final: bool = False, on: date) -> None:
    codes = [
        rule.code
        for rule in workflow(event.kind).deadlines
        if final or (state and rule.until_state == state) or (flag and rule.until_flag == flag)
    ]
    if codes:
        EventDeadline.objects.filter(event=event, code__in=codes, met_on__isnull=True).update(met_on=on)


def receipt_code_hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


@dataclass
class Reported:
    event: Event
    created: bool
    receipt_code: str = ""  # shown once to an anonymous reporter; only its hash is stored


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
) -> Reported:
    """File a new event in its kind's initial state. The same `idempotency_key` twice (double
    click, resubmitted form, retried API call) returns the first event instead of a second one."""
    if idempotency_key and (existing := Event.objects.filter(idempotency_key=idempotency_key).first()):
        return Reported(event=existing, created=False)
    if kind not in EventKind.values:
        raise ValidationError("Okänd typ av händelse.")
    if not unit.is_open:
        raise ValidationError("Enheten är stängd och kan inte ta emot nya händelser.")
    now = timezone.now()
    today = timezone.localdate(now)
    if occurred_on and occurred_on > today:
        raise ValidationError("Datumet då händelsen inträffade kan inte ligga i framtiden.")
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
    EventTransition.objects.create(event=event, code="rapportera", to_state=wf.initial, actor=reporter, at=now)
    _start_deadlines(event, state=wf.initial, start=today)
    audit_object(actor=actor, action=AuditAction.CREATE, obj=event, detail={"kind": str(kind)})
    return Reported(event=event, created=True, receipt_code=receipt_code)


# Fields a transition may set, by name, with the outcome each closing transition implies.
TRANSITION_FIELDS = (
    "responsible",
    "conclusion",
    "closure_reason",
    "reply",
    "replied_on",
    "severe",
    "outcome",
    "immediate_actions",
    "ivo_notified_on",
)
IMPLIED_OUTCOME = {
    "avslutad_utan_utredning": Outcome.EJ_UTREDD,
    "omvandlad_till_avvikelse": Outcome.OMVANDLAD_TILL_AVVIKELSE,
}


def allowed_transitions(actor, event: Event) -> list:
    """The declared transitions `actor` may make on `event` now (for buttons, API and tests)."""
    wf = workflow(event.kind)
    return [t for t in wf.transitions_from(event.state) if event.unit_id in scope_unit_ids_for_roles(actor, t.roles)]


@transaction.atomic
def event_transition(*, actor, event: Event, code: str, comment: str = "", **fields) -> Event:
    """Make the declared transition `code`: checks source state, the actor's role in the event's
    unit and the declared required fields; records history, deadlines and the audit row."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    wf = workflow(event.kind)
    try:
        transition = wf.transition(code)
    except KeyError:
        raise TransitionError("Okänt statusbyte.") from None
    if event.unit_id not in scope_unit_ids_for_roles(actor, transition.roles):
        raise PermissionDenied("Du har inte behörighet att göra detta statusbyte.")
    if event.state not in transition.sources:
        raise TransitionError(
            f"”{transition.label}” kan inte göras när ärendet har status ”{wf.states[event.state].label}”."
        )
    unknown = set(fields) - set(TRANSITION_FIELDS)
    if unknown:
        raise TransitionError(f"Okända fält: {', '.join(sorted(unknown))}")
    was_severe = bool(event.severe)
    had_ivo = event.ivo_notified_on is not None
    for name, value in fields.items():
        setattr(event, name, value)
    if event.closure_reason and event.closure_reason not in ClosureReason.values:
        raise TransitionError("Okänt skäl att inte utreda.")
    if problems := unmet(event, transition.required):
        raise TransitionError(problems)
    today = timezone.localdate()
    source = event.state
    event.state = transition.target
    final = wf.states[transition.target].final
    if final:
        event.closed_on = today
        event.outcome = (
            event.outcome
            or IMPLIED_OUTCOME.get(transition.target, "")
            or (Outcome.UTREDD if event.kind in (EventKind.AVVIKELSE, EventKind.KLAGOMAL, EventKind.SYNPUNKT) else "")
        )
    event.save()
    EventTransition.objects.create(
        event=event,
        code=code,
        from_state=source,
        to_state=transition.target,
        actor=actor,
        at=timezone.now(),
        comment=comment,
    )
    _meet_deadlines(event, state=transition.target, final=final, on=today)
    _start_deadlines(event, state=transition.target, start=today)
    if event.severe and not was_severe:
        _start_deadlines(event, flag="severe", start=today)
    if event.ivo_notified_on and not had_ivo:
        _meet_deadlines(event, flag="ivo_sent", on=event.ivo_notified_on)
    audit_object(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=event,
        detail={"transition": code, "from": source, "to": transition.target, "fields": sorted(fields)},
    )
    return event


def work_roles(kind: str) -> frozenset:
    """Roles that take part in a kind's workflow: they may document and read its cases."""
    return frozenset().union(*(t.roles for t in workflow(kind).transitions))


def may_work_on(actor, event: Event) -> bool:
    return event.unit_id in scope_unit_ids_for_roles(actor, work_roles(event.kind))


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
    if wf_final(event):
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
    audit_object(actor=actor, action=AuditAction.CREATE, obj=entry, detail={"event": event.pk, "topic": topic})
    return entry


def wf_final(event: Event) -> bool:
    return workflow(event.kind).states[event.state].final


@transaction.atomic
def event_convert_to_avvikelse(*, actor, event: Event, conclusion: str) -> Event:
    """Close a lex Sarah report as "omhändertagen som avvikelse" and open the avvikelse that
    carries it on; the new event links back, so both histories stay readable."""
    if event.kind != EventKind.LEX_SARAH:
        raise TransitionError("Bara lex Sarah-rapporter kan omvandlas till avvikelser.")
    closed = event_transition(actor=actor, event=event, code="omvandla_till_avvikelse", conclusion=conclusion)
    today = timezone.localdate()
    wf = workflow(EventKind.AVVIKELSE)
    avvikelse = Event.objects.create(
        reference=_next_reference(EventKind.AVVIKELSE, today.year),
        kind=EventKind.AVVIKELSE,
        state=wf.initial,
        unit_id=closed.unit_id,
        category_id=closed.category_id,
        god_vard_area=closed.god_vard_area,
        channel=closed.channel,
        reported_on=today,
        reported_at=timezone.now(),
        occurred_on=closed.occurred_on,
        occurred_at_time=closed.occurred_at_time,
        description=closed.description,
        immediate_actions=closed.immediate_actions,
        reporter_id=closed.reporter_id,
        responsible_id=closed.responsible_id,
        converted_from=closed,
    )
    EventTransition.objects.create(
        event=avvikelse,
        code="omvandlad_fran_lex_sarah",
        to_state=wf.initial,
        actor=actor,
        at=timezone.now(),
        comment=closed.reference,
    )
    _start_deadlines(avvikelse, state=wf.initial, start=today)
    audit_object(actor=actor, action=AuditAction.CREATE, obj=avvikelse, detail={"converted_from": closed.pk})
    return avvikelse


@transaction.atomic
def event_mark_severe(*, actor, event: Event) -> Event:
    """Judge a lex Sarah/lex Maria case as allvarligt before the bedömning is complete, so the
    anmälan to IVO can be made at once (the utredning must still be completed)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.kind not in (EventKind.LEX_SARAH, EventKind.LEX_MARIA):
        raise TransitionError("Bara lex Sarah- och lex Maria-ärenden anmäls till IVO.")
    if not may_work_on(actor, event):
        raise PermissionDenied("Du har inte behörighet att bedöma ärendet.")
    if wf_final(event):
        raise TransitionError("Ärendet är avslutat.")
    if event.severe:
        return event
    event.severe = True
    event.save(update_fields=["severe", "updated_at"])
    _start_deadlines(event, flag="severe", start=timezone.localdate())
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
    event.category, event.god_vard_area = category, god_vard_area
    event.save(update_fields=[*(c.removesuffix("_id") for c in changed), "updated_at"])
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=event, detail={"fields": changed})
    return event
