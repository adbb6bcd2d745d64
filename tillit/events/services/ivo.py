"""Anmälan till IVO: the package (IVO's form content plus the utredning) as a PDF, registering
that it was sent (e-tjänst or post), locking, and kompletteringar."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.events.checklists import topic_labels
from tillit.events.models import EntryTopic, Event, IvoChannel, IvoSubmission, IvoSubmissionKind
from tillit.events.recurrence import similar_earlier
from tillit.events.services import purchaser
from tillit.events.services.cases import may_work_on
from tillit.org.selectors import unit_operator
from tillit.workflow import services as engine
from tillit.workflow.declaration import workflow

# The questions of IVO's form, in order, with the entry topic that pre-fills each answer.
CONTENT_FIELDS: tuple[tuple[str, str, str | None], ...] = (
    ("handelse", "Beskrivning av händelsen", EntryTopic.WHAT_HAPPENED),
    ("konsekvenser", "Konsekvenser eller möjliga konsekvenser för den enskilde", None),
    ("uppmarksammad", "När och hur händelsen uppmärksammades", EntryTopic.NOTICED),
    ("orsaker", "Orsaker till händelsen", EntryTopic.CAUSES),
    ("tidigare", "Har liknande händelser inträffat tidigare", EntryTopic.EARLIER),
    ("risk", "Risk för upprepning", EntryTopic.RECURRENCE_RISK),
    ("atgarder", "Vidtagna och planerade åtgärder", EntryTopic.MEASURES),
    ("bedomning", "Vårdgivarens/verksamhetens bedömning", None),
    ("kontaktperson", "Kontaktperson (namn, befattning, telefon)", None),
)


def ivo_applies(event: Event) -> bool:
    """A case is notified to IVO when its kind's workflow says so and it is judged severe."""
    return workflow(event.kind).notifies_ivo and bool(event.severe)


def _check(actor, event: Event) -> None:
    if not may_work_on(actor, event):
        raise PermissionDenied("Du har inte behörighet att anmäla ärendet till IVO.")
    if not ivo_applies(event):
        raise ValidationError("Bara händelser som bedömts som allvarliga anmäls till IVO.")


def initial_content(event: Event, actor) -> dict[str, str]:
    """Pre-fill the form from the case: its description, entries and assessment."""
    by_topic: dict[str, list[str]] = {}
    for entry in event.entries.all():
        by_topic.setdefault(entry.topic, []).append(entry.text)
    content = {key: "\n\n".join(by_topic.get(topic, [])) if topic else "" for key, _, topic in CONTENT_FIELDS}
    content["handelse"] = content["handelse"] or event.description
    if event.immediate_actions and not content["atgarder"]:
        content["atgarder"] = event.immediate_actions
    if event.outcome:
        content["bedomning"] = (
            f"{event.get_outcome_display()}{', allvarligt' if event.severe else ''}. {event.conclusion}"
        )
    content["kontaktperson"] = f"{actor.display_name}, {actor.title}".strip(", ")
    if not content["tidigare"] and (recurrence := similar_earlier(actor, event)) is not None:
        content["tidigare"] = recurrence.sentence  # counts only; the utredning says why it recurred
    return content


def occurred_text(event: Event) -> str:
    """When the event happened, as recorded: the date (and time) given on the case, and what the
    utredning recorded under "När det inträffade" (the latest entry); "Okänt" only when neither is."""
    parts = []
    if event.occurred_on:
        when = f"{event.occurred_on:%Y-%m-%d}"
        if event.occurred_at_time:
            when += f" kl. {event.occurred_at_time:%H.%M}"
        parts.append(when)
    recorded = [entry for entry in event.entries.all() if entry.topic == EntryTopic.OCCURRED and entry.text.strip()]
    if recorded:
        latest = recorded[-1]
        parts.append(f"Enligt utredningen ({latest.entry_date:%Y-%m-%d}): {latest.text.strip()}")
    return "\n".join(parts) or "Okänt"


def anmalan_for(event: Event) -> IvoSubmission | None:
    return event.ivo_submissions.filter(kind=IvoSubmissionKind.ANMALAN).first()


@transaction.atomic
def ivo_draft_save(*, actor, event: Event, content: dict[str, str]) -> IvoSubmission:
    """Create or update the draft anmälan. A sent anmälan is locked and cannot change."""
    _check(actor, event)
    submission = event.ivo_submissions.select_for_update().filter(kind=IvoSubmissionKind.ANMALAN).first()
    if submission and submission.locked:
        raise ValidationError("Anmälan är skickad och låst. Ny information lämnas som en komplettering.")
    clean = {key: str(content.get(key, "")) for key, _, _ in CONTENT_FIELDS}
    if submission is None:
        submission = IvoSubmission.objects.create(event=event, content=clean, created_by=actor)
        audit_object(
            actor=actor, action=AuditAction.CREATE, obj=submission, unit=event.unit_id, detail={"event": event.pk}
        )
    else:
        submission.content = clean
        submission.save(update_fields=["content"])
        audit_object(
            actor=actor, action=AuditAction.CHANGE, obj=submission, unit=event.unit_id, detail={"event": event.pk}
        )
    return submission


def render_pdf(submission: IvoSubmission) -> bytes:
    """The PDF as it is now: the stored copy once sent, else freshly rendered from the draft."""
    if submission.locked and submission.pdf:
        return bytes(submission.pdf)
    return _render(submission)


def _labelled(entries) -> list:
    labels = topic_labels()
    entries = list(entries)
    for entry in entries:
        entry.topic_label = labels.get(entry.topic, entry.topic)
    return entries


def _render(submission: IvoSubmission) -> bytes:
    from weasyprint import HTML  # imported here: heavy, and only needed when a PDF is made

    event = submission.event
    context: dict[str, Any] = {
        "submission": submission,
        "event": event,
        "legal_basis": workflow(event.kind).ivo_notification,
        "operator": unit_operator(event.unit),
        "occurred": occurred_text(event),
        "answers": [(label, submission.content.get(key, "")) for key, label, _ in CONTENT_FIELDS],
        "entries": _labelled(event.entries.all()),
        "actions": event.actions.all(),
        "generated_on": timezone.localdate(),
        "earlier": event.ivo_submissions.filter(pk__lt=submission.pk) if submission.pk else [],
    }
    html = render_to_string("events/ivo/submission_pdf.html", context)
    return HTML(string=html).write_pdf()


@transaction.atomic
def ivo_mark_sent(*, actor, submission: IvoSubmission, sent_on: date, channel: IvoChannel | str) -> IvoSubmission:
    """Register that the anmälan/komplettering was sent; lock it and keep the exact PDF."""
    submission = IvoSubmission.objects.select_for_update().select_related("event").get(pk=submission.pk)
    event = submission.event
    _check(actor, event)
    if submission.locked:
        raise ValidationError("Anmälan är redan registrerad som skickad.")
    if channel not in IvoChannel.values:
        raise ValidationError("Anmälan skickas via IVO:s e-tjänst eller med post, aldrig med e-post.")
    if sent_on > timezone.localdate():
        raise ValidationError("Datumet kan inte ligga i framtiden.")
    submission.pdf = _render(submission)
    submission.sent_on, submission.channel, submission.sent_by = sent_on, channel, actor
    submission.locked_at = timezone.now()
    submission.save(update_fields=["pdf", "sent_on", "channel", "sent_by", "locked_at"])
    if submission.kind == IvoSubmissionKind.ANMALAN:
        Event.objects.filter(pk=event.pk).update(ivo_notified_on=sent_on)
        engine.deadlines_meet(subject=event, flag="ivo_sent", on=sent_on)
        purchaser.on_ivo_sent(event, sent_on)
    audit_object(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=submission,
        unit=event.unit_id,
        detail={"event": event.pk, "sent": True, "channel": str(channel)},
    )
    return submission


@transaction.atomic
def ivo_komplettering_create(*, actor, event: Event, text: str) -> IvoSubmission:
    _check(actor, event)
    anmalan = anmalan_for(event)
    if anmalan is None or not anmalan.locked:
        raise ValidationError("En komplettering kan lämnas först när anmälan är skickad.")
    if not text.strip():
        raise ValidationError("Skriv vad kompletteringen gäller.")
    submission = IvoSubmission.objects.create(
        event=event, kind=IvoSubmissionKind.KOMPLETTERING, content={"komplettering": text}, created_by=actor
    )
    audit_object(actor=actor, action=AuditAction.CREATE, obj=submission, unit=event.unit_id, detail={"event": event.pk})
    return submission
