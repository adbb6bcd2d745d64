"""Gallring registers its page (rules and legal holds) and permission."""

from __future__ import annotations

from tillit.core.registry import NavEntry, Permission, register_nav, register_permissions, register_urls
from tillit.core.roles import Role

register_urls(__name__, "gallring/", "tillit.retention.urls")
register_permissions(
    __name__,
    [
        Permission(
            "retention.manage",
            "Se gallringsreglerna och besluta om bevarande av ärenden (bevarandebeslut med skäl, och häva dem)",
            frozenset({Role.KVALITETSUTVECKLARE, Role.SYSTEMADMINISTRATOR}),
            personal_data=True,  # the holds name cases and the reasons to keep them
            legal_reference="SoL (2001:453) 12 kap. 1 §; OSL; arkivlagen (1990:782)",
        ),
    ],
)
register_nav(__name__, NavEntry("Gallring", "retention:overview", "retention.manage", order=65))
