"""Reads for gallring: the rules, and which closed events are past their retention."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Exists, Max, OuterRef, Q, Subquery
from django.utils import timezone

from tillit.events.models import Attachment, Event, EventEntry, EventKind, EventMessage, EventTransition, IvoSubmission
from tillit.retention.models import DEFAULT_LEGAL_REFERENCE, DEFAULT_YEARS, Gallring, LegalHold, RetentionRule


@dataclass(frozen=True)
class Rule:
    years: int
    legal_reference: str


@dataclass(frozen=True)
class Due:
    event_id: int
    reference: str
    kind: str
    last_activity_on: date
    rule: Rule
    held: bool


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def retention_rules() -> dict[str, Rule]:
    """The rule for every kind: its row, or the default (5 years, SoL (2001:453) 12 kap. 1 §) when missing."""
    stored = {r.kind: Rule(r.years, r.legal_reference) for r in RetentionRule.objects.all()}
    return {kind: stored.get(kind, Rule(DEFAULT_YEARS, DEFAULT_LEGAL_REFERENCE)) for kind in EventKind.values}


def _latest(model, field: str) -> Subquery:
    return Subquery(
        model.objects.filter(event=OuterRef("pk")).order_by().values("event").annotate(m=Max(field)).values("m")[:1]
    )


# Everything that is activity on a case, beside its closing date: the last entry, transition,
# attachment, message and IVO submission. Datetimes are compared as local dates.
ACTIVITY = {
    "entry_on": (EventEntry, "entry_date"),
    "entry_at": (EventEntry, "created_at"),
    "transition_at": (EventTransition, "at"),
    "attachment_at": (Attachment, "uploaded_at"),
    "message_at": (EventMessage, "created_at"),
    "ivo_at": (IvoSubmission, "created_at"),
    "ivo_sent_on": (IvoSubmission, "sent_on"),
}


def _as_date(value: date | datetime) -> date:
    return timezone.localdate(value) if isinstance(value, datetime) else value


def retention_due(*, today: date) -> list[Due]:
    """Closed, not yet gallrade events whose last activity is at least their kind's retention
    before `today`; `held` marks those an active legal hold keeps."""
    rules = retention_rules()
    # The closing date is never after the last activity, so it bounds the candidates in SQL.
    closed_long_ago = Q()
    for kind, rule in rules.items():
        closed_long_ago |= Q(kind=kind, closed_on__lte=add_years(today, -rule.years))
    candidates = (
        Event.objects.filter(closed_on__isnull=False)
        .filter(closed_long_ago)
        .exclude(Exists(Gallring.objects.filter(event=OuterRef("pk"))))
        .annotate(
            held=Exists(LegalHold.objects.filter(event=OuterRef("pk"), released_at__isnull=True)),
            **{name: _latest(model, field) for name, (model, field) in ACTIVITY.items()},
        )
        .order_by("closed_on", "pk")
        .values("pk", "reference", "kind", "closed_on", "held", *ACTIVITY)
    )
    due = []
    for row in candidates.iterator(chunk_size=2000):
        last = max(_as_date(v) for v in [row["closed_on"], *(row[name] for name in ACTIVITY)] if v is not None)
        rule = rules[row["kind"]]
        if add_years(last, rule.years) <= today:
            due.append(Due(row["pk"], row["reference"], row["kind"], last, rule, row["held"]))
    return due


def active_hold(*, event: Event) -> LegalHold | None:
    return LegalHold.objects.filter(event=event, released_at__isnull=True).first()


def holds_visible(user):
    """Legal holds on cases in the units where `user` holds `retention.manage`, newest first."""
    from tillit.org.access import scope_unit_ids

    return LegalHold.objects.filter(event__unit_id__in=scope_unit_ids(user, "retention.manage")).select_related(
        "event", "event__unit", "placed_by", "released_by"
    )


def event_for_hold(user, reference: str) -> Event | None:
    """The case numbered `reference` if it lies in the user's `retention.manage` scope."""
    from tillit.org.access import scope_unit_ids

    return Event.objects.filter(reference=reference, unit_id__in=scope_unit_ids(user, "retention.manage")).first()
