"""Reads of events: what a user may see, lists with filters, "Mina uppgifter"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Q, QuerySet, Subquery, Value, When
from django.http import Http404
from django.utils import timezone

from tillit.audit.services import audit_permission_denied
from tillit.events.models import Event, EventDeadline, EventKind, PurchaserNotice, PurchaserSubmission
from tillit.events.services.purchaser import outstanding_submissions
from tillit.org.access import provider_operated_units, scope_unit_ids, scope_unit_ids_for_roles
from tillit.org.models import Provider, Unit
from tillit.workflow.deadlines import overdue_q
from tillit.workflow.declaration import workflow


def _read_q(user) -> Q:
    """THE need-to-know rule: which cases `user` reads in full. A case of kind K in unit U is read in
    full by a user who holds `event.view` in U through a role that works on K or is one of K's
    declared readers (workflows.toml). Everything else a user sees is her own report (the reporter
    view: status, outcome, åtgärder — `reads_case` is False for it)."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    kinds_by_units: dict[frozenset[int], list[str]] = {}
    for kind in EventKind.values:
        unit_ids = scope_unit_ids(user, "event.view", among=workflow(kind).read_roles)
        if unit_ids:
            kinds_by_units.setdefault(unit_ids, []).append(kind)
    # Kinds read in the same units share one condition (one IN list, not one per kind).
    condition = Q(pk__in=[])
    for unit_ids, kinds in kinds_by_units.items():
        condition |= Q(kind__in=kinds, unit_id__in=unit_ids)
    return condition


def events_readable(user) -> QuerySet[Event]:
    """Cases `user` reads in full (text, investigation, attachments, IVO content, messages)."""
    return Event.objects.filter(_read_q(user))


def events_visible(user) -> QuerySet[Event]:
    """Cases `user` may find (lists, exports, Mina uppgifter, åtgärder): those she reads in full and
    her own reports."""
    if not getattr(user, "is_authenticated", False):
        return Event.objects.none()
    return Event.objects.filter(_read_q(user) | Q(reporter_id=user.pk))


def with_read_flag(user, queryset: QuerySet[Event]) -> QuerySet[Event]:
    """Annotate `reads_full`: whether the row is read in full or only as the user's own report."""
    return queryset.annotate(
        reads_full=Case(When(_read_q(user), then=Value(True)), default=Value(False), output_field=BooleanField())
    )


def reads_case(user, event: Event) -> bool:
    """Whether `user` reads `event` in full; False for a reporter's view of her own report."""
    return event.unit_id in scope_unit_ids(user, "event.view", among=workflow(event.kind).read_roles)


def event_for_user_or_404(user, pk: int, *, own_report: bool = False) -> Event:
    """The case if `user` reads it in full; with `own_report=True` also her own report (the pages a
    reporter may use: the reporter view and her own attachments). Otherwise 404, audited."""
    queryset = events_visible(user) if own_report else events_readable(user)
    try:
        return queryset.select_related("unit", "category", "responsible", "reporter").get(pk=pk)
    except Event.DoesNotExist:
        audit_permission_denied(actor=user, permission="event.view", object_type="events.event")
        raise Http404 from None


def overdue_filter(today: date | None = None) -> Exists:
    """Whether an event has an overdue deadline (the one rule: tillit.workflow.deadlines)."""
    return Exists(EventDeadline.objects.filter(overdue_q(today), event=OuterRef("pk")))


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


def _filtered(user, flt: EventFilter) -> QuerySet[Event]:
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
    return qs


def event_list(user, flt: EventFilter) -> QuerySet[Event]:
    """The filtered list, overdue first, then newest (exports; the screen pages with `event_page_list`)."""
    qs = _filtered(user, flt).annotate(is_overdue=overdue_filter())
    if flt.overdue:
        qs = qs.filter(is_overdue=True)
    return qs.select_related("unit", "category").order_by("-is_overdue", "-reported_at", "-id")


# Above this many overdue events the two-part list falls back to one annotated query.
OVERDUE_LIST_LIMIT = 2000


class OverdueFirst:
    """A sequence for Django's Paginator: overdue events first, then the rest, newest first.

    Overdue events are few and found through the open-deadline index; the rest is paged with a
    plain ORDER BY … LIMIT. This keeps the list fast at a million events, where sorting every row
    by a per-row "is overdue" subquery is not (bench/bench_events.py).
    """

    def __init__(self, base: QuerySet[Event], *, overdue_only: bool = False) -> None:
        today = timezone.localdate()
        overdue_ids = (
            EventDeadline.objects.filter(overdue_q(today), event__in=base.values("pk"))
            .order_by()
            .values_list("event_id", flat=True)
            .distinct()
        )
        self.overdue_ids = list(overdue_ids[: OVERDUE_LIST_LIMIT + 1])
        self.fallback = len(self.overdue_ids) > OVERDUE_LIST_LIMIT
        self.overdue_only = overdue_only
        ordering = ("-reported_at", "-id")
        related = ("unit", "category")
        if self.fallback:
            annotated = base.annotate(is_overdue=overdue_filter())
            if overdue_only:
                annotated = annotated.filter(is_overdue=True)
            self.everything = annotated.select_related(*related).order_by("-is_overdue", *ordering)
            return
        self.overdue = base.filter(pk__in=self.overdue_ids).select_related(*related).order_by(*ordering)
        self.rest = base.exclude(pk__in=self.overdue_ids).select_related(*related).order_by(*ordering)
        self.base = base

    def count(self) -> int:
        if self.fallback:
            return self.everything.count()
        return len(self.overdue_ids) if self.overdue_only else self.base.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[Event]:
        if self.fallback:
            return list(self.everything[window])
        start, stop = window.start or 0, window.stop
        n = len(self.overdue_ids)
        rows: list[Event] = []
        if start < n:
            for event in self.overdue[start : min(stop, n)]:
                event.is_overdue = True
                rows.append(event)
        if not self.overdue_only and stop > n:
            for event in self.rest[max(start - n, 0) : stop - n]:
                event.is_overdue = False
                rows.append(event)
        return rows


def event_page_list(user, flt: EventFilter) -> OverdueFirst:
    return OverdueFirst(_filtered(user, flt), overdue_only=flt.overdue)


def awaiting_receipt(user) -> Q:
    """New events nobody has taken yet, in the units where `user` may make the first step
    (the declared transitions out of each kind's initial state)."""
    condition = Q(pk__in=[])
    for kind in EventKind.values:
        wf = workflow(kind)
        unit_ids = scope_unit_ids_for_roles(user, wf.roles_from(wf.initial), operator=True)
        if unit_ids:
            condition |= Q(kind=kind, state=wf.initial, responsible__isnull=True, unit_id__in=unit_ids)
    return condition


def my_tasks(user) -> QuerySet[Event]:
    """Open events the user is responsible for, and new ones waiting for them to be received;
    overdue first, then by nearest deadline."""
    return (
        # Only cases the user may open: a responsibility left behind after a move of units or
        # roles must not lead to a page that answers 404.
        events_visible(user)
        .filter(Q(responsible=user) | awaiting_receipt(user), closed_on__isnull=True)
        .annotate(
            is_overdue=overdue_filter(),
            # A correlated subquery on the deadline index, not a GROUP BY over a join of all rows.
            next_due=Subquery(
                EventDeadline.objects.filter(event=OuterRef("pk"), met_on__isnull=True)
                .order_by("due_on")
                .values("due_on")[:1]
            ),
        )
        .select_related("unit")
        .order_by("-is_overdue", "next_due", "reported_at")
    )


# --- What the purchasing municipality sees of its providers (tillit.events.services.purchaser) ---


@dataclass
class ProviderFigures:
    """One provider's row on the purchaser's page: aggregates per unit, never a case."""

    provider_name: str
    units: list[dict]  # {"unit": name, "avvikelse": n, "klagomal": n}
    provider_id: int = 0


def purchaser_unit_ids(user) -> frozenset[int]:
    """The provider-run units where `user` follows up providers (provider.follow_up)."""
    return scope_unit_ids(user, "provider.follow_up") & frozenset(provider_operated_units())


def purchaser_overview(user, year: int) -> dict:
    """Notices, submissions, outstanding submissions and aggregates for the providers' units in scope."""
    unit_ids = purchaser_unit_ids(user)
    operated = provider_operated_units()
    counts = (
        Event.objects.filter(
            unit_id__in=unit_ids, kind__in=[EventKind.AVVIKELSE, EventKind.KLAGOMAL], reported_on__year=year
        )
        .order_by()
        .values("unit_id", "kind")
        .annotate(n=Count("id"))
    )
    by_unit: dict[int, dict[str, int]] = {}
    for row in counts:
        by_unit.setdefault(row["unit_id"], {})[row["kind"]] = row["n"]
    providers = {p.pk: p.name for p in Provider.objects.filter(pk__in={operated[u] for u in unit_ids})}
    figures: dict[int, ProviderFigures] = {}
    for unit in Unit.objects.filter(pk__in=unit_ids).order_by("name"):
        provider_id = operated[unit.pk]
        row = figures.setdefault(
            provider_id, ProviderFigures(provider_name=providers[provider_id], units=[], provider_id=provider_id)
        )
        n = by_unit.get(unit.pk, {})
        row.units.append({"unit": unit.name, "avvikelse": n.get("avvikelse", 0), "klagomal": n.get("klagomal", 0)})
    return {
        "notices": PurchaserNotice.objects.filter(unit_id__in=unit_ids).select_related("unit", "provider"),
        "submissions": PurchaserSubmission.objects.filter(unit_id__in=unit_ids).select_related("unit", "provider"),
        "outstanding": outstanding_submissions(unit_ids),
        "figures": sorted(figures.values(), key=lambda f: f.provider_name),
    }
