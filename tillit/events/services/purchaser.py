"""What the purchasing municipality (beställaren) gets of a provider's cases, per the contract terms
stored on the provider: a notice of each lex Sarah report (kind, unit, date, the bedömning once made),
of each anmälan to IVO when it is sent, and the finished lex Sarah investigation with the provider's
ställningstagande as a submission the provider writes or confirms. Every share is audited
(detail `shared_with: purchaser`); nothing here lets the municipality change the case.

Run by the case services (report, transitions, IVO sent), never by views.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tillit.accounts.models import RoleAssignment
from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.core.privacy import find_personnummer
from tillit.core.registry import Reminder, roles_with
from tillit.events.models import Event, EventKind, Outcome, PurchaserNotice, PurchaserSubmission
from tillit.inbox.services import notification_send
from tillit.org.access import provider_operated_units, unit_provider_id
from tillit.org.models import Provider
from tillit.workflow.services import may_work_on

# Closed lex Sarah cases whose investigation is submitted: investigated and decided (not closed
# without investigation, not turned into an avvikelse).
NOT_INVESTIGATED = frozenset({Outcome.EJ_UTREDD, Outcome.OMVANDLAD_TILL_AVVIKELSE})


def provider_of(event: Event) -> Provider | None:
    provider_id = unit_provider_id(event.unit)
    return Provider.objects.filter(pk=provider_id).first() if provider_id else None


def _shared(notice_or_submission, *, what: str, actor=None) -> None:
    audit_object(
        actor=actor,
        action=AuditAction.CREATE if what in {"report", "submission"} else AuditAction.CHANGE,
        obj=notice_or_submission,
        detail={"shared_with": "purchaser", "what": what, "event": notice_or_submission.event_id},
    )


def _tell_follow_up(event: Event, *, key: str, message: str, url: str) -> None:
    """The municipality's contract follow-up for the unit (provider.follow_up at or above it) is told
    in the inbox; the message names the provider and the unit, never case content."""
    roles = [str(r) for r in roles_with("provider.follow_up")]
    recipients = RoleAssignment.objects.filter(
        role__in=roles, unit_id__in=event.unit.ancestor_ids(), user__is_active=True, user__provider__isnull=True
    ).values_list("user_id", flat=True)
    notification_send(recipient_ids=recipients, key=key, message=message, url=url)


def _notice(event: Event, provider: Provider) -> tuple[PurchaserNotice, bool]:
    return PurchaserNotice.objects.get_or_create(
        event=event,
        defaults={
            "provider": provider,
            "unit_id": event.unit_id,
            "event_kind": event.kind,
            "reported_on": event.reported_on,
            "notified_at": timezone.now(),
        },
    )


def on_reported(event: Event) -> None:
    """A lex Sarah report in a provider's unit: the municipality is told it was received."""
    if event.kind != EventKind.LEX_SARAH:
        return
    provider = provider_of(event)
    if provider is None or not provider.share_lex_sarah_reports:
        return
    notice, created = _notice(event, provider)
    if created:
        _shared(notice, what="report")
        _tell_follow_up(
            event,
            key=f"purchaser-notice:{notice.pk}:report",
            message=f"{provider.name} har tagit emot en lex Sarah-rapport ({event.unit.name}).",
            url=reverse("events:purchaser"),
        )


def on_transition(event: Event) -> None:
    """The bedömning, once made, goes to the notice (the outcome and whether it is allvarligt)."""
    notice = PurchaserNotice.objects.filter(event=event).first()
    if event.ivo_notified_on and (notice is None or notice.ivo_notified_on is None):
        # Registered as sent within a transition (lex Maria's "Registrera anmälan till IVO").
        on_ivo_sent(event, event.ivo_notified_on)
        notice = PurchaserNotice.objects.filter(event=event).first()
    if notice is None or not event.outcome:
        return
    if (notice.outcome, notice.severe) == (event.outcome, event.severe):
        return
    notice.outcome, notice.severe = event.outcome, event.severe
    notice.save(update_fields=["outcome", "severe", "updated_at"])
    _shared(notice, what="assessment")


def on_ivo_sent(event: Event, sent_on: date) -> None:
    """An anmälan to IVO (lex Sarah or lex Maria) of a provider's case: the municipality is told."""
    provider = provider_of(event)
    if provider is None or not provider.share_ivo_notifications:
        return
    notice, _ = _notice(event, provider)
    notice.ivo_notified_on = sent_on
    notice.severe = event.severe if event.severe is not None else notice.severe
    notice.save(update_fields=["ivo_notified_on", "severe", "updated_at"])
    _shared(notice, what="ivo")
    _tell_follow_up(
        event,
        key=f"purchaser-notice:{notice.pk}:ivo",
        message=f"{provider.name} har anmält en händelse till IVO ({event.unit.name}).",
        url=reverse("events:purchaser"),
    )


# --- The submission of the finished investigation -------------------------------------------------


def submission_expected(event: Event, provider: Provider | None = None) -> bool:
    """Whether the contract asks for this case's investigation: a provider's lex Sarah case, closed
    after investigation and decision."""
    if event.kind != EventKind.LEX_SARAH or event.closed_on is None or event.outcome in NOT_INVESTIGATED:
        return False
    provider = provider or provider_of(event)
    return provider is not None and provider.share_lex_sarah_investigations


def submission_due_on(event: Event, provider: Provider) -> date | None:
    return event.closed_on + timedelta(days=provider.submission_days) if event.closed_on else None


def submission_initial(event: Event) -> dict[str, str]:
    """A starting point the provider edits: the ställningstagande and the measures' titles. The
    summary is written by the provider (the utredning's entries name people)."""
    return {
        "summary": "",
        "position": event.conclusion,
        "measures": "\n".join(f"– {a.title}" for a in event.actions.all()),
    }


@transaction.atomic
def purchaser_submit(
    *, actor, event: Event, summary: str, position: str, measures: str = "", confirmed: bool
) -> PurchaserSubmission:
    """The provider submits its finished investigation and ställningstagande to the municipality.
    Only the operator may (its own people who work on the case); a second submit (double click)
    returns the first."""
    if not may_work_on(actor, event):
        raise PermissionDenied("Du har inte behörighet att lämna in utredningen.")
    if existing := PurchaserSubmission.objects.filter(event=event).first():
        return existing
    provider = provider_of(event)
    if provider is None:
        raise ValidationError("Ärendet gäller kommunens egen verksamhet och lämnas inte in.")
    if not submission_expected(event, provider):
        raise ValidationError("Bara avslutade och utredda lex Sarah-ärenden lämnas in till kommunen.")
    if not confirmed:
        raise ValidationError("Bekräfta att texten inte innehåller namn eller andra personuppgifter.")
    summary, position, measures = summary.strip(), position.strip(), measures.strip()
    if not summary or not position:
        raise ValidationError("Skriv en sammanfattning och utförarens ställningstagande.")
    if any(find_personnummer(text) for text in (summary, position, measures)):
        raise ValidationError("Texten innehåller ett personnummer. Ta bort det innan du lämnar in.")
    try:
        with transaction.atomic():
            submission = PurchaserSubmission.objects.create(
                event=event,
                provider=provider,
                unit_id=event.unit_id,
                event_kind=event.kind,
                reported_on=event.reported_on,
                investigation_finished_on=event.closed_on,
                outcome=event.outcome,
                severe=event.severe,
                ivo_notified_on=event.ivo_notified_on,
                summary=summary,
                position=position,
                measures=measures,
                submitted_at=timezone.now(),
                submitted_by=actor,
            )
    except IntegrityError:  # a concurrent double submit won
        return PurchaserSubmission.objects.get(event=event)
    _shared(submission, what="submission", actor=actor)
    _tell_follow_up(
        event,
        key=f"purchaser-submission:{submission.pk}",
        message=f"{provider.name} har lämnat in en lex Sarah-utredning ({event.unit.name}).",
        url=reverse("events:purchaser_submission", args=[submission.pk]),
    )
    return submission


@dataclass(frozen=True)
class Outstanding:
    """A finished investigation not yet submitted (no case content: reference, unit, dates)."""

    event: Event
    provider: Provider
    due_on: date

    @property
    def overdue(self) -> bool:
        return self.due_on < timezone.localdate()


def outstanding_submissions(unit_ids=None) -> list[Outstanding]:
    """Finished lex Sarah investigations of providers that the contract asks for and that are not
    submitted yet (of cases reported since the provider was registered), in `unit_ids` (all
    provider units when None), oldest due first."""
    operated = provider_operated_units()
    if unit_ids is not None:
        operated = {pk: provider_id for pk, provider_id in operated.items() if pk in unit_ids}
    if not operated:
        return []
    providers = {p.pk: p for p in Provider.objects.filter(pk__in=set(operated.values()))}
    events = (
        Event.objects.filter(
            kind=EventKind.LEX_SARAH, unit_id__in=operated, closed_on__isnull=False, purchaser_submission__isnull=True
        )
        .exclude(outcome__in=NOT_INVESTIGATED)
        .select_related("unit")
    )
    rows = []
    for event in events:
        provider = providers[operated[event.unit_id]]
        # History from before the provider was in Tillit (generated or imported) is not asked for.
        if provider.share_lex_sarah_investigations and event.reported_at >= provider.created_at:
            rows.append(Outstanding(event=event, provider=provider, due_on=submission_due_on(event, provider)))
    return sorted(rows, key=lambda r: (r.due_on, r.event.pk))


def submission_reminders(today: date):
    """Overdue submissions are reminded to the provider: the case's responsible (its own people)."""
    for row in outstanding_submissions():
        if row.due_on < today and row.event.responsible_id:
            yield Reminder(
                recipient_ids=[row.event.responsible_id],
                key=f"event:{row.event.pk}:purchaser-submission-overdue",
                message=f"Utredningen i {row.event.reference} ska enligt avtalet lämnas in till kommunen.",
                url=reverse("events:purchaser_submit", args=[row.event.pk]),
            )


def purchaser_status(event: Event) -> dict | None:
    """What the provider's case page says about the purchaser (None for the municipality's own cases)."""
    provider = provider_of(event)
    if provider is None:
        return None
    notice = PurchaserNotice.objects.filter(event=event).first()
    submission = PurchaserSubmission.objects.filter(event=event).first()
    expected = submission_expected(event, provider)
    if not (notice or submission or expected):
        return None
    return {
        "notice": notice,
        "submission": submission,
        "expected": expected,
        "due_on": submission_due_on(event, provider),
    }
