"""Reads of events: what a user may see, lists with filters, "Mina uppgifter"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, Min, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from tillit.accounts.access import scope_unit_ids, scope_unit_ids_for_roles
from tillit.audit.services import audit_permission_denied
from tillit.events.models import Event, EventDeadline
from tillit.events.workflow import workflows
from tillit.org.models import Unit


def events_visible(user) -> QuerySet[Event]:
    """Events whose details `user` may read: in their `event.view` scope, or reported by them."""
    if not getattr(user, "is_authenticated", False):
        return Event.objects.none()
    return Event.objects.filter(Q(unit_id__in=scope_unit_ids(user, "event.view")) | Q(reporter_id=user.pk))


def event_for_user_or_404(user, pk: int) -> Event:
    try:
        return events_visible(user).select_related("unit", "category", "responsible", "reporter").get(pk=pk)
    except Event.DoesNotExist:
        audit_permission_denied(actor=user, permission="event.view", object_type="events.event")
        raise Http404 from None


def overdue_filter(today: date | None = None) -> Exists:
    today = today or timezone.localdate()
    return Exists(EventDeadline.objects.filter(event=OuterRef("pk"), met_on__isnull=True, due_on__lt=today))


@dataclass
class EventFilter:
    kind: str = ""
    unit: Unit | None = None  # the subtree of this unit
    state: str = ""
    category_id: int | None = None
    reported_from: date | None = None
    reported_to: date | None = None
    overdue: bool = False
    open_only: bool = False
    text: str = ""


def event_list(user, flt: EventFilter) -> QuerySet[Event]:
    """The filtered list, overdue first, then newest. Uses the indexed columns only."""
    qs = events_visible(user)
    if flt.kind:
        qs = qs.filter(kind=flt.kind)
    if flt.unit is not None:
        qs = qs.filter(unit__path__startswith=flt.unit.path)
    if flt.state:
        qs = qs.filter(state=flt.state)
    if flt.category_id:
        qs = qs.filter(category_id=flt.category_id)
    if flt.reported_from:
        qs = qs.filter(reported_on__gte=flt.reported_from)
    if flt.reported_to:
        qs = qs.filter(reported_on__lte=flt.reported_to)
    if flt.open_only:
        qs = qs.filter(closed_on__isnull=True)
    if flt.text:
        qs = qs.filter(Q(reference__icontains=flt.text) | Q(description__icontains=flt.text))
    qs = qs.annotate(is_overdue=overdue_filter())
    if flt.overdue:
        qs = qs.filter(is_overdue=True)
    return qs.select_related("unit", "category").order_by("-is_overdue", "-reported_at", "-id")


def awaiting_receipt(user) -> Q:
    """New events nobody has taken yet, in the units where `user` may make the first step
    (the declared transitions out of each kind's initial state)."""
    condition = Q(pk__in=[])
    for kind, wf in workflows().items():
        roles = frozenset().union(*(t.roles for t in wf.transitions_from(wf.initial)))
        unit_ids = scope_unit_ids_for_roles(user, roles)
        if unit_ids:
            condition |= Q(kind=kind, state=wf.initial, responsible__isnull=True, unit_id__in=unit_ids)
    return condition


def my_tasks(user) -> QuerySet[Event]:
    """Open events the user is responsible for, and new ones waiting for them to be received;
    overdue first, then by nearest deadline."""
    return (
        Event.objects.filter(Q(responsible=user) | awaiting_receipt(user), closed_on__isnull=True)
        .annotate(
            is_overdue=overdue_filter(),
            next_due=Min("deadlines__due_on", filter=Q(deadlines__met_on__isnull=True)),
        )
        .select_related("unit")
        .order_by("-is_overdue", "next_due", "reported_at")
    )
