"""Integrations register the REST API, its administration page and permission."""

from tillit.core.registry import NavEntry, Permission, register_nav, register_permissions, register_urls
from tillit.core.roles import Role
from tillit.integrations.api import api

register_urls(__name__, "integrationer/", "tillit.integrations.urls")
register_urls(__name__, "api/", api.urls)
register_permissions(
    __name__,
    [
        Permission(
            "integration.manage", "Hantera API-nycklar för verksamhetssystem", frozenset({Role.SYSTEMADMINISTRATOR})
        )
    ],
)
register_nav(__name__, NavEntry("Integrationer", "integrations:integration_list", "integration.manage", order=93))
