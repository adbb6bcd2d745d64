"""The overview registers its pages, permissions, menu entry and start-page items (see
tillit/core/registry.py). Everything it shows is aggregated: no personal data, small counts hidden."""

from django.utils import timezone

from tillit.core.registry import (
    NavEntry,
    Permission,
    StartItem,
    register_nav,
    register_permissions,
    register_start_item,
    register_urls,
)
from tillit.core.roles import AGGREGATE_ONLY_ROLES, Role
from tillit.org.access import has_permission, scope_unit_ids_for_roles
from tillit.overview.signals import WATCHERS, start_signals, watch, window

LEADERS = frozenset({Role.KVALITETSUTVECKLARE, Role.AVDELNINGSCHEF})

register_urls(__name__, "oversikt/", "tillit.overview.urls")
register_permissions(
    __name__,
    [
        Permission(
            "overview.view",
            "Se översikten: antal händelser mot i fjol, öppet och försenat arbete, trendsignaler och "
            "nyckeltal (sammanställt, inga personuppgifter, små antal visas inte)",
            AGGREGATE_ONLY_ROLES | LEADERS,
            legal_reference="SOSFS 2011:9 5 kap. 6 §",
        ),
        Permission(
            "signal.view",
            "Se trendsignaler och styrdiagram för enheternas händelser per månad (sammanställt)",
            AGGREGATE_ONLY_ROLES | WATCHERS,
            legal_reference="SOSFS 2011:9 5 kap. 6 §",
        ),
    ],
)
register_nav(__name__, NavEntry("Översikt", "overview:overview", "overview.view", order=5))


def _summary(user) -> dict | None:
    """Ledning and nämnd: the way to the overview and the signals in their scope."""
    unit_ids = scope_unit_ids_for_roles(user, AGGREGATE_ONLY_ROLES)
    if not unit_ids or not has_permission(user, "overview.view"):
        return None
    return {"watch": watch(unit_ids=unit_ids, months=window(timezone.localdate()))}


def _signals(user) -> dict | None:
    """Chefs, MAS and kvalitetsutvecklare: the signals in the units where they lead the work."""
    found = start_signals(user, timezone.localdate())
    return {"watch": found} if found is not None and found.watched else None


register_start_item(
    __name__, StartItem("overview.summary", order=5, template="overview/partials/start_overview.html", context=_summary)
)
register_start_item(
    __name__, StartItem("overview.signals", order=20, template="overview/partials/start_signals.html", context=_signals)
)
