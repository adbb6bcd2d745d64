"""Händelser register their pages, permissions, start-page line, reminders and demo data."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse

from tillit.actions.sources import ActionSource, register_action_source
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
from tillit.core.roles import AGGREGATE_ONLY_ROLES, Role
from tillit.documents.citations import CitationCounter, register_citation_counter
from tillit.events.demo import demo_step, provider_demo_step
from tillit.events.forms import responsible_choices
from tillit.events.models import Event
from tillit.events.routines import citation_count
from tillit.events.selectors import events_visible, my_tasks
from tillit.events.services import may_work_on
from tillit.events.services.notify import on_action_changed
from tillit.events.services.purchaser import submission_reminders
from tillit.events.services.reminders import deadline_reminders

# Who takes part in case work; the per-transition roles are declared in workflows.toml.
CASE_READERS = frozenset(
    {Role.ENHETSCHEF, Role.AVDELNINGSCHEF, Role.UTREDARE, Role.KVALITETSUTVECKLARE, Role.MAS, Role.UTFORARKONTAKT}
)
REPORTERS = CASE_READERS | {Role.MEDARBETARE}

register_urls(__name__, "handelser/", "tillit.events.urls")
register_urls(__name__, "lamna-synpunkt/", "tillit.events.urls.public")
register_permissions(
    __name__,
    [
        Permission(
            "event.report",
            "Rapportera händelser (avvikelse, lex Sarah, lex Maria, klagomål, synpunkt)",
            REPORTERS,
            legal_reference="SOSFS 2011:9 6 kap.; SOSFS 2011:5",
        ),
        Permission(
            "event.view",
            "Läsa händelser med personuppgifter, fritext och utredning – de slag rollen arbetar med eller följer "
            "enligt arbetsflödet (lex Sarah: utredarna; lex Maria: MAS). Rapportören ser sin egen rapports "
            "status, utfall och åtgärder",
            CASE_READERS,
            personal_data=True,
            operator=True,
            legal_reference="OSL 26 kap. 1 §; SoLPuL 2001:454; SoL (2001:453) 14 kap. 6–7 §§ (den som bedriver "
            "verksamheten)",
        ),
        Permission(
            "event.statistics", "Se sammanställningar utan personuppgifter", CASE_READERS | AGGREGATE_ONLY_ROLES
        ),
        Permission(
            "event.configure",
            "Ändra kategorier och kommunens tidsfrister (tjänstenivåer)",
            frozenset({Role.KVALITETSUTVECKLARE, Role.SYSTEMADMINISTRATOR}),
            municipal=True,
        ),
    ],
)
register_nav(
    __name__,
    NavEntry("Rapportera", "events:report", "event.report", order=10),
    NavEntry("Mina uppgifter", "events:my_tasks", "event.view", order=20),
    NavEntry("Händelser", "events:event_list", "event.report", order=30),
    NavEntry("Utförare", "events:purchaser", "provider.follow_up", order=55),
    NavEntry("Inställningar", "events:settings", "event.configure", order=60),
)
register_reminder_source(__name__, ReminderSource("events.deadlines", deadline_reminders))
register_reminder_source(__name__, ReminderSource("events.purchaser_submissions", submission_reminders))
# Åtgärder on a case: added and changed by those who may work on it, owned by one of them.
register_action_source(
    ActionSource(
        model=Event,
        reference=lambda event: event.reference,
        url=lambda pk: reverse("events:event_detail", args=[pk]),
        may_manage=may_work_on,
        visible=events_visible,
        owners=responsible_choices,
        default_owner_id=lambda event: event.responsible_id,
        closed=lambda event: event.closed_on is not None,
        changed=on_action_changed,
    )
)
# A routine's page counts the investigations that cite it as not followed (never which).
register_citation_counter(CitationCounter("events.investigations", "utredningar", citation_count))


def _tasks(user) -> dict | None:
    """What waits for the user, so the start page answers "what should I do now?"."""
    tasks = my_tasks(user).aggregate(total=Count("id"), overdue=Count("id", filter=Q(is_overdue=True)))
    return tasks if tasks["total"] else None


register_start_item(
    __name__, StartItem("events.tasks", order=10, template="events/partials/start_tasks.html", context=_tasks)
)
register_demo_step(__name__, DemoStep("events", order=20, run=demo_step))
register_demo_step(__name__, DemoStep("events.providers", order=21, run=provider_demo_step))
