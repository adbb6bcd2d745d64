"""Internkontroll registers its pages, permissions, menu entry, control points as a source of
åtgärder, and its demo plan (see tillit/core/registry.py)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse

from tillit.actions.sources import ActionSource, register_action_source
from tillit.core.registry import (
    DemoStep,
    NavEntry,
    Permission,
    ReminderSource,
    register_demo_step,
    register_nav,
    register_permissions,
    register_reminder_source,
    register_urls,
    roles_with,
)
from tillit.core.roles import AGGREGATE_ONLY_ROLES, Role
from tillit.internal_control.demo import demo_step
from tillit.internal_control.models import ControlPoint
from tillit.internal_control.reminders import reporting_reminders
from tillit.internal_control.selectors import points_visible
from tillit.org.access import has_permission

# The plan is the nämnd's; the förvaltning's chefs, kvalitetsutvecklare and MAS read it in their
# scope, avdelningschefer and kvalitetsutvecklare keep it. The aggregate-only roles see only the
# report section.
READERS = frozenset({Role.ENHETSCHEF, Role.AVDELNINGSCHEF, Role.KVALITETSUTVECKLARE, Role.MAS})
KEEPERS = frozenset({Role.AVDELNINGSCHEF, Role.KVALITETSUTVECKLARE})

register_urls(__name__, "internkontroll/", "tillit.internal_control.urls")
register_permissions(
    __name__,
    [
        Permission(
            "internal_control.view",
            "Läsa nämndens internkontrollplan och resultaten",
            READERS,
            legal_reference="KL (2017:725) 6 kap. 6 § (paragraf obekräftad)",
        ),
        Permission(
            "internal_control.report",
            "Läsa uppföljningsrapporten till nämnden: trafikljus och antal per kontrollpunkt, utan kommentarer",
            READERS | AGGREGATE_ONLY_ROLES,
            legal_reference="KL (2017:725) 6 kap. 6 § (paragraf obekräftad)",
        ),
        Permission(
            "internal_control.manage",
            "Upprätta internkontrollplanen, registrera resultat och föra över punkter till nästa år",
            KEEPERS,
            legal_reference="KL (2017:725) 6 kap. 6 § (paragraf obekräftad)",
        ),
    ],
)
register_nav(
    __name__,
    NavEntry("Internkontroll", "internal_control:plan_list", "internal_control.view", order=44),
    NavEntry("Uppföljning till nämnden", "internal_control:report_list", "internal_control.report", order=45),
)
register_reminder_source(__name__, ReminderSource("internal_control.reporting", reporting_reminders))


def _owners(point: ControlPoint):
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            assignments__unit_id__in=point.plan.unit.ancestor_ids(),
            assignments__role__in=[str(r) for r in roles_with("internal_control.manage")],
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


register_action_source(
    ActionSource(
        model=ControlPoint,
        reference=lambda point: point.reference,
        url=lambda pk: reverse("internal_control:point_detail", args=[pk]),
        may_manage=lambda actor, point: has_permission(actor, "internal_control.manage", point.plan.unit_id),
        visible=points_visible,
        owners=_owners,
        unit_id=lambda point: point.plan.unit_id,
    )
)
register_demo_step(__name__, DemoStep("internal_control", order=55, run=demo_step))
