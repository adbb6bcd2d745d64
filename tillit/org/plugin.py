"""The organisation registers its pages and permissions (see tillit/core/registry.py)."""

from tillit.core.registry import NavEntry, Permission, register_nav, register_permissions, register_urls
from tillit.core.roles import ALL_ROLES, Role

register_urls(__name__, "organisation/", "tillit.org.urls")
register_permissions(
    __name__,
    [
        Permission("unit.view", "Se enheten och dess placering i organisationen", ALL_ROLES),
        Permission("unit.manage", "Byta namn på, flytta och stänga enheter", frozenset({Role.SYSTEMADMINISTRATOR})),
    ],
)
register_nav(__name__, NavEntry("Organisation", "org:unit_list", "unit.view", order=80))
