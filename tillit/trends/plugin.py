"""Trends register their page and permissions (see tillit/core/registry.py)."""

from tillit.core.registry import NavEntry, Permission, register_nav, register_permissions, register_urls
from tillit.core.roles import Role
from tillit.trends import series  # noqa: F401 — registers the event series

register_urls(__name__, "trender/", "tillit.trends.urls")
register_permissions(
    __name__,
    [
        Permission(
            "trend.view",
            "Se styrdiagram för enheternas månadsserier och deras faser (antal per månad, inga personuppgifter)",
            frozenset(
                {
                    Role.ENHETSCHEF,
                    Role.AVDELNINGSCHEF,
                    Role.UTREDARE,
                    Role.KVALITETSUTVECKLARE,
                    Role.MAS,
                    Role.SYSTEMADMINISTRATOR,
                }
            ),
            legal_reference="SOSFS 2011:9 5 kap. 6 §",
        ),
        Permission(
            "trend.rephase",
            "Starta en ny fas i ett styrdiagram (ny baslinje efter en förändring i arbetssättet, med skäl)",
            frozenset({Role.KVALITETSUTVECKLARE}),
        ),
    ],
)
register_nav(__name__, NavEntry("Styrdiagram", "trends:series_list", "trend.view", order=46))
