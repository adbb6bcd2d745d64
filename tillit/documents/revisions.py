"""Åtgärder on a styrande dokument (an åtgärd of type "reviderad rutin" says the document must be
revised): the document's registration as a source of åtgärder, and completing those åtgärder when a
new version of the document is fastställd."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.urls import reverse

from tillit.actions.models import Action, ActionStatus, ActionType
from tillit.actions.services import action_set_status
from tillit.actions.sources import ActionSource
from tillit.core.registry import roles_with
from tillit.documents.models import Document, DocumentStatus
from tillit.documents.selectors import documents_visible
from tillit.documents.services.receipts import may_manage

# The action type whose åtgärder a new fastställd version completes (a code of classification
# "action_type", seeded as "Reviderad rutin").
REVISION_ACTION_TYPE = ActionType.REVIDERAD_RUTIN


def action_owners(document: Document) -> QuerySet:
    """Who may be made responsible: the document's owner and those who manage documents at or
    above its owning unit."""
    return (
        get_user_model()
        .objects.filter(
            Q(pk=document.owner_id)
            | Q(
                assignments__unit_id__in=document.unit.ancestor_ids(),
                assignments__role__in=[str(r) for r in roles_with("document.manage")],
            ),
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


def action_source() -> ActionSource:
    return ActionSource(
        model=Document,
        reference=lambda document: document.code,
        url=lambda pk: reverse("documents:document_detail", args=[pk]),
        may_manage=may_manage,
        visible=documents_visible,
        owners=action_owners,
        default_owner_id=lambda document: document.owner_id,
        closed=lambda document: document.status == DocumentStatus.UPPHAVD,
    )


def open_revision_actions(document: Document) -> QuerySet[Action]:
    return Action.objects.filter(
        source_type__app_label="documents",
        source_type__model="document",
        source_id=document.pk,
        action_type=REVISION_ACTION_TYPE,
        status__in=[ActionStatus.PLANERAD, ActionStatus.PAGAENDE],
    )


def complete_revision_actions(*, actor, document: Document) -> int:
    """Complete the open "reviderad rutin" åtgärder on `document` (its new version is fastställd);
    returns how many. Without an actor (an import) nothing is completed: a person completes them."""
    if actor is None:
        return 0
    actions = list(open_revision_actions(document))
    for action in actions:
        action_set_status(actor=actor, action=action, status=ActionStatus.GENOMFORD)
    return len(actions)
