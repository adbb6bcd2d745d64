"""Avtalsuppföljning registers its pages, permissions, menu entry, reminders, start-page box, the
"Följ upp på förekommen anledning" link on cases and its demo data (see tillit/core/registry.py)."""

from __future__ import annotations

from tillit.contracts.demo import demo_step
from tillit.contracts.event_links import follow_up_panel
from tillit.contracts.reminders import measure_reminders
from tillit.contracts.selectors import overdue_measures
from tillit.core.registry import (
    DemoStep,
    NavEntry,
    Permission,
    ReminderSource,
    StartItem,
    register_demo_step,
    register_nav,
    register_permissions,
    register_reminder_source,
    register_start_item,
    register_urls,
)
from tillit.core.roles import Role
from tillit.events.links import RelatedPanel, register_related_panel

FOLLOW_UP = frozenset({Role.AVTALSUPPFOLJARE, Role.KVALITETSUTVECKLARE})
# The provider's own side: its utförarkontakt and its chefs (an assignment at a provider unit; the
# contracts app checks that the user belongs to the contract's provider, tillit/contracts/access.py).
PROVIDER_SIDE = frozenset({Role.UTFORARKONTAKT, Role.ENHETSCHEF, Role.AVDELNINGSCHEF})
LEGAL = "KL (2017:725) 10 kap. 8 §"

register_urls(__name__, "avtal/", "tillit.contracts.urls")
register_permissions(
    __name__,
    [
        Permission(
            "contract.view",
            "Läsa avtal med utförare, avtalsuppföljningar, brister och krävda åtgärder",
            FOLLOW_UP | PROVIDER_SIDE,
            legal_reference=LEGAL,
        ),
        Permission(
            "contract.manage",
            "Registrera avtal, planera och genomföra avtalsuppföljningar, kräva åtgärder och bedöma utförarens svar "
            "(bara kommunens personal)",
            FOLLOW_UP,
            legal_reference=LEGAL,
            municipal=True,
        ),
        Permission(
            "contract.answer",
            "Svara på krävda åtgärder för den egna utförarens avtal (bara utförarens personal)",
            PROVIDER_SIDE,
            legal_reference=LEGAL,
        ),
    ],
)
register_nav(__name__, NavEntry("Avtal", "contracts:contract_list", "contract.view", order=44))
register_reminder_source(__name__, ReminderSource("contracts.measures", measure_reminders))


def _overdue(user) -> dict | None:
    measures = list(overdue_measures(user)[:10])
    return {"measures": measures} if measures else None


register_start_item(
    __name__,
    StartItem("contracts.overdue", order=25, template="contracts/partials/start_overdue.html", context=_overdue),
)
register_related_panel(
    RelatedPanel("contracts.follow_up", "contracts/partials/event_follow_up.html", follow_up_panel, order=60)
)
register_demo_step(__name__, DemoStep("contracts", order=60, run=demo_step))
