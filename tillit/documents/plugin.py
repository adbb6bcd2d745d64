"""Styrande dokument and processes register their pages, permissions, start-page list, review
reminders and demo data."""

from __future__ import annotations

from tillit.actions.sources import register_action_source
from tillit.assessments.evidence import register_answer_link, register_evidence_source
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
from tillit.documents import gap_actions
from tillit.documents.demo import demo_step
from tillit.documents.evidence import evidence_sources
from tillit.documents.reminders import read_receipt_reminders, review_reminders
from tillit.documents.revisions import action_source
from tillit.documents.selectors import my_open_receipts

# Every role that works in the units reads the documents that apply there; the nämnd and the
# ledning see the report section and the aggregate figures only.
STAFF = frozenset(Role) - AGGREGATE_ONLY_ROLES
MANAGERS = frozenset({Role.KVALITETSUTVECKLARE, Role.ENHETSCHEF, Role.AVDELNINGSCHEF})

register_urls(__name__, "dokument/", "tillit.documents.urls")
register_permissions(
    __name__,
    [
        Permission(
            "document.view",
            "Läsa styrande dokument och processer som gäller i enheten",
            STAFF,
            legal_reference="SOSFS 2011:9 6 kap. 1 §",
        ),
        Permission(
            "document.manage",
            "Skapa och revidera styrande dokument och processer, begära läskvittens",
            MANAGERS,
            legal_reference="SOSFS 2011:9 4 kap. 2–4 §§",
        ),
    ],
)
register_nav(
    __name__,
    NavEntry("Dokument", "documents:document_list", "document.view", order=40),
    NavEntry("Processer", "documents:process_map", "document.view", order=41),
)
register_reminder_source(__name__, ReminderSource("documents.review", review_reminders))
register_reminder_source(__name__, ReminderSource("documents.read_receipts", read_receipt_reminders))
# Åtgärder on a document ("reviderad rutin": revise it), completed by its next fastställd version.
register_action_source(action_source())
# Documents and processes are evidence for a GAP answer (links kept by the assessment core).
for _source in evidence_sources():
    register_evidence_source(_source)
# Åtgärder for what a GAP analysis found missing, on a page of each GAP answer.
register_action_source(gap_actions.action_source())
register_answer_link(gap_actions.answer_link())


def _receipts(user) -> dict | None:
    receipts = list(my_open_receipts(user)[:10])
    return {"receipts": receipts} if receipts else None


register_start_item(
    __name__,
    StartItem(
        "documents.read_receipts", order=15, template="documents/partials/start_receipts.html", context=_receipts
    ),
)
register_demo_step(__name__, DemoStep("documents", order=35, run=demo_step))
