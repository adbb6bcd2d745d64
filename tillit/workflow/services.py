"""The one transition service and the deadline writes, for any model that declares a workflow.

A subject (see `tillit.workflow.models.WorkflowSubject`) changes state only through `transition`,
which reads the declaration: source state, the actor's role in the subject's unit, the fields a
transition may set, the declared requirements; then it records history, meets and starts
deadlines, writes the audit row and runs the hook the declaration names, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction as db_transaction
from django.utils import timezone

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_record
from tillit.workflow.calendar import due_date
from tillit.workflow.declaration import Transition, workflow, workflows
from tillit.workflow.models import DeadlineSetting
from tillit.workflow.selectors import deadline_days


class TransitionError(ValidationError):
    """A transition that the declaration does not allow now; messages are Swedish."""


@dataclass
class Transitioned:
    subject: Any
    follow_up: Any = None  # what the transition's hook made, e.g. the avvikelse a lex Sarah report became


def allowed_transitions(actor, subject) -> list[Transition]:
    """The declared transitions `actor` may make on `subject` now (for buttons, API and tests)."""
    wf = workflow(subject.workflow_key)
    return [t for t in wf.transitions_from(subject.state) if subject.workflow_may(actor, t.roles)]


def may_work_on(actor, subject) -> bool:
    """Whether `actor` holds a role of the subject's workflow in its unit (may document and read it)."""
    return subject.workflow_may(actor, workflow(subject.workflow_key).work_roles)


def deadlines_start(*, subject, state: str = "", flag: str = "", start: date) -> None:
    """Start the deadlines that run from entering `state` or setting `flag` (once per deadline)."""
    key = subject.workflow_key
    for rule in workflow(key).deadlines_starting(state=state, flag=flag):
        subject.workflow_deadline_start(
            code=rule.code,
            label=rule.label,
            legal_reference=rule.legal_reference,
            due_on=due_date(start, deadline_days(key, rule), working_days=rule.working_days),
        )


def deadlines_meet(*, subject, state: str = "", flag: str = "", final: bool = False, on: date) -> None:
    """Mark met the open deadlines that end on entering `state`, setting `flag`, or closing."""
    if codes := workflow(subject.workflow_key).deadlines_ending(state=state, flag=flag, final=final):
        subject.workflow_deadlines_meet(codes, on=on)


def flag_set(*, subject, flag: str, on: date | None = None) -> None:
    """A flag was set outside a transition (judged severe, sent to IVO): start and meet its deadlines."""
    on = on or timezone.localdate()
    deadlines_start(subject=subject, flag=flag, start=on)
    deadlines_meet(subject=subject, flag=flag, on=on)


def workflow_begin(*, subject, actor, code: str, at: datetime, start: date, comment: str = "") -> None:
    """Record that `subject` entered its current state from outside the workflow (reported,
    imported, converted) and start that state's deadlines."""
    subject.workflow_log(code=code, to_state=subject.state, actor=actor, at=at, comment=comment)
    deadlines_start(subject=subject, state=subject.state, start=start)


@db_transaction.atomic
def transition(*, actor, subject, code: str, comment: str = "", **fields) -> Transitioned:
    """Make the declared transition `code` on `subject` (any model with a declared workflow)."""
    subject = subject.workflow_locked()
    wf = workflow(subject.workflow_key)
    try:
        declared = wf.transition(code)
    except KeyError:
        raise TransitionError("Okänt statusbyte.") from None
    if not subject.workflow_may(actor, declared.roles):
        raise PermissionDenied("Du har inte behörighet att göra detta statusbyte.")
    if subject.state not in declared.sources:
        raise TransitionError(
            f"”{declared.label}” kan inte göras när ärendet har status ”{wf.states[subject.state].label}”."
        )
    if unknown := set(fields) - set(subject.workflow_fields):
        raise TransitionError(f"Okända fält: {', '.join(sorted(unknown))}")
    flags_before = subject.workflow_flags()
    for name, value in fields.items():
        setattr(subject, name, value)
    if problems := subject.workflow_unmet(declared.required):
        raise TransitionError(problems)
    today = timezone.localdate()
    source = subject.state
    subject.state = declared.target
    final = wf.is_final(declared.target)
    if final and subject.workflow_closed_field:
        setattr(subject, subject.workflow_closed_field, today)
    if final and subject.workflow_outcome_field:
        current = getattr(subject, subject.workflow_outcome_field)
        setattr(subject, subject.workflow_outcome_field, wf.closing_outcome(declared.target, current))
    subject.workflow_save()
    subject.workflow_log(
        code=code, from_state=source, to_state=declared.target, actor=actor, at=timezone.now(), comment=comment
    )
    deadlines_meet(subject=subject, state=declared.target, final=final, on=today)
    deadlines_start(subject=subject, state=declared.target, start=today)
    new_flags = [flag for flag, on in subject.workflow_flags().items() if on and not flags_before.get(flag)]
    for flag in new_flags:
        deadlines_start(subject=subject, flag=flag, start=today)
    for flag in new_flags:
        deadlines_meet(subject=subject, flag=flag, on=subject.workflow_flag_date(flag) or today)
    subject.workflow_audit(
        actor=actor,
        action=AuditAction.TRANSITION,
        detail={"transition": code, "from": source, "to": declared.target, "fields": sorted(fields)},
    )
    follow_up = declared.run_hook(actor=actor, subject=subject, transition=declared)
    subject.workflow_transitioned(actor=actor, transition=declared, source=source)
    return Transitioned(subject=subject, follow_up=follow_up)


@db_transaction.atomic
def service_level_set(*, actor, key: str, code: str, days: int) -> DeadlineSetting | None:
    """Set the municipality's number of days for deadline `code` of workflow `key`; setting it back
    to the declared default removes the override. The caller checks who may configure."""
    rule = next((d for d in workflow(key).deadlines if d.code == code), None) if key in workflows() else None
    if rule is None:
        raise ValidationError("Okänd tidsfrist.")
    if not 1 <= days <= 365:
        raise ValidationError("Ange ett antal dagar mellan 1 och 365.")
    result = None
    if days == rule.days:
        DeadlineSetting.objects.filter(workflow=key, code=code).delete()
    else:
        result, _ = DeadlineSetting.objects.update_or_create(workflow=key, code=code, defaults={"days": days})
    audit_record(
        actor=actor,
        action=AuditAction.CHANGE,
        object_type="workflow.deadlinesetting",
        object_id=f"{key}:{code}",
        detail={"days": days},
    )
    return result
