"""What the start page shows each user: their roles, where, and the items the apps register
(what is waiting for the user, signals, lists to confirm)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tillit.core.registry import registry
from tillit.core.roles import Role

ROLE_INTRODUCTIONS: dict[str, str] = {
    Role.MEDARBETARE: "Du rapporterar avvikelser, lex Sarah-rapporter och synpunkter från din verksamhet.",
    Role.ENHETSCHEF: "Du tar emot, utreder och åtgärdar händelser i din enhet och följer upp åtgärderna i tid.",
    Role.AVDELNINGSCHEF: "Du följer händelser och åtgärder i avdelningens enheter och ser till att de hanteras i tid.",
    Role.UTREDARE: "Du utreder lex Sarah-rapporter och gör bedömningar och anmälningar till IVO.",
    Role.KVALITETSUTVECKLARE: "Du samordnar kvalitetsarbetet: riskanalyser, egenkontroll och kvalitetsberättelsen.",
    Role.MAS: "Du bedömer lex Maria-händelser och anmäler allvarliga vårdskador till IVO.",
    Role.LEDNING: "Du följer kvalitetsarbetet genom sammanställningar. Du ser inga personuppgifter.",
    Role.NAMND: "Du tar del av sammanställningar och kvalitetsberättelsen. Du ser inga personuppgifter.",
    Role.UTFORARKONTAKT: "Du rapporterar och följer händelser i din organisations enheter till kommunen.",
    Role.AVTALSUPPFOLJARE: "Du följer upp kommunens avtal med utförare: brister och utförarnas åtgärder.",
    Role.SYSTEMADMINISTRATOR: "Du hanterar användare, roller och organisation och följer upp loggen.",
}


@dataclass
class RoleCard:
    role: str
    label: str
    introduction: str
    units: list[str] = field(default_factory=list)


@dataclass
class RenderedItem:
    key: str
    template: str
    context: dict[str, Any]


@dataclass
class StartPage:
    cards: list[RoleCard]
    items: list[RenderedItem] = field(default_factory=list)


def start_page_for(user) -> StartPage:
    cards: dict[str, RoleCard] = {}
    for assignment in user.assignments.select_related("unit").order_by("role", "unit__path"):
        card = cards.setdefault(
            assignment.role,
            RoleCard(
                role=assignment.role,
                label=assignment.get_role_display(),
                introduction=ROLE_INTRODUCTIONS[assignment.role],
            ),
        )
        card.units.append(assignment.unit.name)
    page = StartPage(cards=list(cards.values()))
    for item in registry.start_items:
        context = item.context(user)
        if context is not None:
            page.items.append(RenderedItem(key=item.key, template=item.template, context=context))
    return page
