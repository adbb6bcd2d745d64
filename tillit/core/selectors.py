"""What the start page shows each user: their roles, where, and what they can do there."""

from __future__ import annotations

from dataclasses import dataclass, field

from tillit.accounts.roles import Role

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
    Role.SYSTEMADMINISTRATOR: "Du hanterar användare, roller och organisation och följer upp loggen.",
}


@dataclass
class RoleCard:
    role: str
    label: str
    introduction: str
    units: list[str] = field(default_factory=list)


@dataclass
class StartPage:
    cards: list[RoleCard]
    open_tasks: int = 0
    overdue_tasks: int = 0
    unread: int = 0


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
    # What is waiting for the user, so the start page answers "what should I do now?".
    from django.db.models import Count, Q

    from tillit.events.selectors import my_tasks
    from tillit.inbox.models import Notification

    tasks = my_tasks(user).aggregate(total=Count("id"), overdue=Count("id", filter=Q(is_overdue=True)))
    page.open_tasks, page.overdue_tasks = tasks["total"], tasks["overdue"]
    page.unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    return page
