"""Accounts register login, user administration, the access review and the log follow-up."""

from tillit.core.registry import NavEntry, Permission, register_nav, register_permissions, register_urls
from tillit.core.roles import Role

ADMIN = frozenset({Role.SYSTEMADMINISTRATOR})

register_urls(__name__, "konto/", "tillit.accounts.urls")
register_permissions(
    __name__,
    [
        Permission(
            "user.manage",
            "Hantera användare och rolltilldelningar",
            ADMIN,
            personal_data=True,
            legal_reference="SoLPuL 2001:454; behörighetstilldelning efter behovs- och riskanalys",
        ),
        Permission(
            "access_review.manage",
            "Se behörighetslistan och registrera årlig behörighetsgranskning",
            ADMIN,
            personal_data=True,
            legal_reference="SoLPuL 2001:454",
        ),
        Permission(
            "audit.view",
            "Följa upp loggen (logguppföljning) och registrera granskningar",
            ADMIN,
            personal_data=True,
            legal_reference="HSLF-FS 2016:40 4 kap. 9 §",
        ),
    ],
)
register_nav(
    __name__,
    NavEntry("Användare", "accounts:user_list", "user.manage", order=90),
    NavEntry("Behörighetsgranskning", "accounts:access_review", "access_review.manage", order=91),
    NavEntry("Logguppföljning", "accounts:log_list", "audit.view", order=92),
)
