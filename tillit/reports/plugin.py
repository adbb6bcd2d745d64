"""The kvalitetsberättelse registers its pages and permissions."""

from tillit.core.registry import NavEntry, Permission, register_nav, register_permissions, register_urls
from tillit.core.roles import AGGREGATE_ONLY_ROLES, Role

# Who reads reports: everyone who takes part in case work, and the aggregate-only roles.
READERS = frozenset(
    {Role.ENHETSCHEF, Role.AVDELNINGSCHEF, Role.UTREDARE, Role.KVALITETSUTVECKLARE, Role.MAS, Role.UTFORARKONTAKT}
)

register_urls(__name__, "kvalitetsberattelse/", "tillit.reports.urls")
register_permissions(
    __name__,
    [
        Permission(
            "report.edit", "Skriva, redigera och fastställa kvalitetsberättelsen", frozenset({Role.KVALITETSUTVECKLARE})
        ),
        Permission(
            "report.view", "Läsa kvalitetsberättelsen (bara sammanställda uppgifter)", READERS | AGGREGATE_ONLY_ROLES
        ),
    ],
)
register_nav(__name__, NavEntry("Kvalitetsberättelse", "reports:report_list", "report.view", order=50))
