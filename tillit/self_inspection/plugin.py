"""Egenkontroll registers its pages, permissions, menu entry, the calendar's reminders, rounds as a
source of åtgärder (findings), and its demo programmes (see tillit/core/registry.py)."""

from __future__ import annotations

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
)
from tillit.core.roles import Role
from tillit.org.access import has_permission
from tillit.self_inspection.demo import demo_step
from tillit.self_inspection.models import Round
from tillit.self_inspection.owners import round_owners
from tillit.self_inspection.reminders import round_reminders
from tillit.self_inspection.selectors import rounds_visible

# Chefs, utredare, kvalitetsutvecklare and MAS read the programmes and rounds in their scope; all but
# the utredare keep them. Answering a round is the assessment core's `assessment.perform`. The
# aggregate-only roles (ledning, nämnd) see only the report section.
READERS = frozenset({Role.ENHETSCHEF, Role.AVDELNINGSCHEF, Role.UTREDARE, Role.KVALITETSUTVECKLARE, Role.MAS})
KEEPERS = frozenset({Role.ENHETSCHEF, Role.AVDELNINGSCHEF, Role.KVALITETSUTVECKLARE, Role.MAS})

register_urls(__name__, "egenkontroll/", "tillit.self_inspection.urls")
register_permissions(
    __name__,
    [
        Permission(
            "self_inspection.view",
            "Läsa egenkontrollprogram, kalendern och omgångarnas resultat",
            READERS,
            legal_reference="SOSFS 2011:9 5 kap. 2 §",
        ),
        Permission(
            "self_inspection.manage",
            "Göra egenkontrollprogram, starta omgångar med urval och lägga åtgärder på fynd",
            KEEPERS,
            legal_reference="SOSFS 2011:9 5 kap. 2 §",
        ),
    ],
)
register_nav(__name__, NavEntry("Egenkontroll", "self_inspection:programme_list", "self_inspection.view", order=44))
register_reminder_source(__name__, ReminderSource("self_inspection.rounds", round_reminders))
register_action_source(
    ActionSource(
        model=Round,
        reference=lambda round_: f"Egenkontroll {round_.code}",
        url=lambda pk: reverse("self_inspection:round_detail", args=[pk]),
        may_manage=lambda actor, round_: has_permission(actor, "self_inspection.manage", round_.unit_id),
        visible=rounds_visible,
        owners=round_owners,
    )
)
register_demo_step(__name__, DemoStep("self_inspection", order=52, run=demo_step))
