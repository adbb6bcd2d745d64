"""Riskanalys registers its pages, permissions, menu entry, risks as a source of åtgärder, and its
demo data (see tillit/core/registry.py)."""

from __future__ import annotations

from django.urls import reverse

from tillit.actions.sources import ActionSource, register_action_source
from tillit.core.registry import (
    DemoStep,
    NavEntry,
    Permission,
    register_demo_step,
    register_nav,
    register_permissions,
    register_urls,
)
from tillit.core.roles import Role
from tillit.events.links import RelatedPanel, register_related_panel
from tillit.org.access import has_permission
from tillit.risks.demo import demo_step
from tillit.risks.models import Risk
from tillit.risks.owners import measure_owners
from tillit.risks.recurrence import event_panel
from tillit.risks.selectors import risks_visible

# Chefs, kvalitetsutvecklare and MAS in their scope; the aggregate-only roles (ledning, nämnd) see
# only the report section (figures without free text).
RISK_WORKERS = frozenset({Role.ENHETSCHEF, Role.AVDELNINGSCHEF, Role.KVALITETSUTVECKLARE, Role.MAS})

register_urls(__name__, "riskanalys/", "tillit.risks.urls")
register_permissions(
    __name__,
    [
        Permission(
            "risk.view",
            "Läsa riskanalyser, risker och riskregistret",
            RISK_WORKERS,
            legal_reference="SOSFS 2011:9 5 kap. 1 §",
        ),
        Permission(
            "risk.manage",
            "Göra riskanalyser: risker, bedömningar och åtgärder",
            RISK_WORKERS,
            legal_reference="SOSFS 2011:9 5 kap. 1 §",
        ),
        Permission(
            "risk.configure",
            "Ändra riskmatriser: nya versioner, kommunens egen matris, skalor, nivåer och gräns för uppföljning",
            frozenset({Role.KVALITETSUTVECKLARE, Role.SYSTEMADMINISTRATOR}),
            municipal=True,  # the matrices are the municipality's
        ),
    ],
)
register_nav(
    __name__,
    NavEntry("Riskanalys", "risks:analysis_list", "risk.view", order=42),
    NavEntry("Riskmatriser", "risks:matrix_list", "risk.configure", order=43),
)


def _may_manage(actor, risk: Risk) -> bool:
    return has_permission(actor, "risk.manage", risk.analysis.unit_id) and not risk.analysis.is_final


register_action_source(
    ActionSource(
        model=Risk,
        reference=lambda risk: risk.reference,
        url=lambda pk: reverse("risks:risk_detail", args=[pk]),
        may_manage=_may_manage,
        visible=risks_visible,
        owners=measure_owners,
        default_owner_id=lambda risk: risk.analysis.created_by_id,
        closed=lambda risk: risk.analysis.is_final,
        unit_id=lambda risk: risk.analysis.unit_id,
    )
)
# "Risk för upprepning" and the risks opened from a case, on the case's page.
register_related_panel(RelatedPanel("risks.recurrence", "risks/partials/event_risks.html", event_panel, order=50))
register_demo_step(__name__, DemoStep("risks", order=50, run=demo_step))
