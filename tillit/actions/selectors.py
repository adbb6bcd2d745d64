"""Reads of åtgärder: a source's actions, a user's open actions."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, F, Model, Q, QuerySet, When

from tillit.actions.models import OPEN_STATUSES, Action, ActionStatus
from tillit.classification.schemes import ACTION_TYPE
from tillit.classification.selectors import label_subquery


def _labelled(qs: QuerySet[Action]) -> QuerySet[Action]:
    return qs.annotate(type_label=label_subquery(ACTION_TYPE, "action_type"))


def actions_for(source: Model) -> QuerySet[Action]:
    """The actions that belong to `source`, with owner and type label (one query)."""
    ct = ContentType.objects.get_for_model(source)  # cached after the first call
    return _labelled(Action.objects.filter(source_type=ct, source_id=source.pk).select_related("owner"))


def open_actions_for(user) -> QuerySet[Action]:
    """What the user owes as an action owner, from any source: open actions, and completed ones
    whose effect is still to be followed up; the nearest date first. One query: the source's
    reference and the type label are on the row, the source's URL comes from its key and id."""
    pending = Q(status__in=OPEN_STATUSES) | Q(status=ActionStatus.GENOMFORD, effect="")
    next_date = Case(When(status=ActionStatus.GENOMFORD, then=F("effect_followup_due")), default=F("due_on"))
    return (
        _labelled(Action.objects.filter(pending, owner=user))
        .select_related("source_type")
        .annotate(next_date=next_date)
        .order_by(F("next_date").asc(nulls_last=True), "id")
    )
