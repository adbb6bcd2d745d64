"""Enkäter och brukarundersökningar register their pages (staff pages and the public answer pages),
permissions, menu entry and demo step (see tillit/core/registry.py)."""

from __future__ import annotations

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
from tillit.surveys import reminders
from tillit.surveys.demo import demo_step

# Results are aggregates with small counts suppressed: chefs, kvalitetsutvecklare, MAS and the
# aggregate-only roles read them in their scope. Kvalitetsutvecklare and avdelningschefer build and
# distribute surveys (the code lists are theirs to hand to the municipality's own channel).
READERS = frozenset(
    {Role.ENHETSCHEF, Role.AVDELNINGSCHEF, Role.KVALITETSUTVECKLARE, Role.MAS, Role.LEDNING, Role.NAMND}
)
KEEPERS = frozenset({Role.AVDELNINGSCHEF, Role.KVALITETSUTVECKLARE})

register_urls(__name__, "enkater/", "tillit.surveys.urls")
register_urls(__name__, "svara/", "tillit.surveys.public_urls")
register_permissions(
    __name__,
    [
        Permission(
            "survey.view",
            "Läsa enkäters svarsfrekvens och resultat (små antal dolda)",
            READERS,
            legal_reference="SOSFS 2011:9 5 kap. 2 § (målgruppsundersökningar som egenkontroll)",
        ),
        Permission(
            "survey.manage",
            "Bygga enkäter, ta fram koder och inbjudningar, påminna och stänga enkäter",
            KEEPERS,
            legal_reference="SOSFS 2011:9 5 kap. 2 §",
        ),
    ],
)
register_nav(__name__, NavEntry("Enkäter", "surveys:list", "survey.view", order=47))
register_demo_step(__name__, DemoStep("surveys", order=57, run=demo_step))
register_reminder_source(__name__, ReminderSource("surveys.staff", reminders.collect))
