"""Granskningar (GAP analysis, egenkontroll, journalgranskning, internkontroll) register their pages,
permissions, start-page line and demo data."""

from __future__ import annotations

from tillit.assessments.demo import demo_step
from tillit.assessments.selectors import my_open_assessments
from tillit.core.registry import (
    DemoStep,
    NavEntry,
    Permission,
    StartItem,
    register_demo_step,
    register_nav,
    register_permissions,
    register_start_item,
    register_urls,
)
from tillit.core.roles import AGGREGATE_ONLY_ROLES, Role

PERFORMERS = frozenset({Role.ENHETSCHEF, Role.AVDELNINGSCHEF, Role.UTREDARE, Role.KVALITETSUTVECKLARE, Role.MAS})
READERS = PERFORMERS | {Role.UTFORARKONTAKT}

register_urls(__name__, "granskningar/", "tillit.assessments.urls")
register_permissions(
    __name__,
    [
        Permission(
            "assessment.view",
            "Läsa granskningar med svar, kommentarer och ärendenummer i urvalet",
            READERS,
            personal_data=True,
            legal_reference="SOSFS 2011:9 5 kap. 2 §, 7 kap. 1 §",
        ),
        Permission(
            "assessment.perform",
            "Starta och genomföra granskningar (GAP-analys, egenkontroll, journalgranskning, internkontroll)",
            PERFORMERS,
        ),
        Permission(
            "assessment.results",
            "Se granskningars resultat (bara antal och andelar, inga kommentarer eller ärendenummer)",
            READERS | AGGREGATE_ONLY_ROLES,
        ),
        Permission(
            "assessment.manage_templates",
            "Importera, fastställa och versionera mallar för granskningar",
            frozenset({Role.KVALITETSUTVECKLARE}),
        ),
    ],
)
register_nav(__name__, NavEntry("Granskningar", "assessments:assessment_list", "assessment.results", order=45))


def _in_progress(user) -> dict | None:
    """Assessments in progress that the user performs."""
    count = my_open_assessments(user).count()
    return {"count": count} if count else None


register_start_item(
    __name__,
    StartItem(
        "assessments.in_progress", order=30, template="assessments/partials/start_item.html", context=_in_progress
    ),
)
register_demo_step(__name__, DemoStep("assessments", order=30, run=demo_step))
