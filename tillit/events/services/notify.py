"""Telling people about a case: the reporter on receipt, on the outcome and on the measures, and
those who must receive a new lex Sarah/lex Maria report. Run by the services (report, every
transition through `Event.workflow_after`, åtgärder through the action source's `changed`), never
by views, so a case reported or closed through the API or an import tells the same people.

Messages hold the case number and what happened to it, never case content: they may go by e-mail.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse

from tillit.events.models import Channel, Event
from tillit.events.services import purchaser
from tillit.events.services.reminders import next_step_recipients
from tillit.inbox.services import email_send, notification_send
from tillit.workflow.declaration import Transition, workflow

SYSTEM_CHANNELS = frozenset({Channel.API, Channel.IMPORT})
# Where a case's state says the reporter has had an answer (besides closing).
ANSWERED_STATES = frozenset({"besvarad"})


def _email_address(text: str) -> str:
    """The e-mail address a public reporter left in "Telefon eller e-post", if it is one."""
    text = (text or "").strip()
    try:
        validate_email(text)
    except ValidationError:
        return ""
    return text


def reporter_notify(event: Event, *, key: str, message: str, actor=None) -> None:
    """Tell whoever reported `event`: a user in the inbox (and by e-mail), a public reporter who left
    an e-mail address by e-mail (with a link to the page where the receipt code opens the case). An
    anonymous public reporter reads the same news with the receipt code. Nobody is told about what
    they did themselves."""
    if event.channel in SYSTEM_CHANNELS:
        return  # filed by another system: its service account is nobody to tell
    if event.reporter_id:
        if actor is not None and getattr(actor, "pk", None) == event.reporter_id:
            return
        notification_send(
            recipient_ids=[event.reporter_id],
            key=f"event:{event.pk}:reporter:{key}",
            message=message,
            url=reverse("events:event_detail", args=[event.pk]),
        )
    elif event.receipt_code_hash and (address := _email_address(event.contact_details)):
        email_send(address=address, message=message, url=reverse("public:follow_up"))


def on_reported(event: Event) -> None:
    """A new case: a receipt to the reporter; a lex Sarah or lex Maria report (to be received and
    acted on at once, and perhaps notified to IVO) also to those who may take its first step."""
    reporter_notify(event, key="received", message=f"Vi har tagit emot ditt ärende {event.reference}.")
    wf = workflow(event.kind)
    if wf.notifies_ivo:
        recipients = [pk for pk in next_step_recipients(event) if pk != event.reporter_id]
        notification_send(
            recipient_ids=recipients,
            key=f"event:{event.pk}:new",
            message=f"Ny {wf.label[:1].lower()}{wf.label[1:]}-rapport {event.reference} väntar på att tas emot.",
            url=reverse("events:event_detail", args=[event.pk]),
        )


def after_transition(*, actor, subject: Event, transition: Transition, source: str) -> None:
    """The outcome: the reporter is told when the case is answered or closed; the purchasing
    municipality of a provider's case gets the bedömning its contract asks for."""
    purchaser.on_transition(subject)
    wf = workflow(subject.kind)
    if wf.is_final(transition.target):
        reporter_notify(subject, key="closed", actor=actor, message=f"Ärendet {subject.reference} är avslutat.")
    elif transition.target in ANSWERED_STATES:
        reporter_notify(subject, key="answered", actor=actor, message=f"Ärendet {subject.reference} har besvarats.")


def on_action_changed(event: Event, action, what: str) -> None:
    """The measures: the reporter is told when an åtgärd is decided on and when it is carried out."""
    message = {
        "added": f"En åtgärd har beslutats i ärendet {event.reference}.",
        "completed": f"En åtgärd har genomförts i ärendet {event.reference}.",
    }[what]
    reporter_notify(event, key=f"action:{action.pk}:{what}", message=message)
