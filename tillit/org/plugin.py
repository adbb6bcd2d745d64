"""The organisation registers its pages and permissions (see tillit/core/registry.py)."""

from tillit.core.registry import NavEntry, Permission, register_nav, register_permissions, register_urls
from tillit.core.roles import ALL_ROLES, Role

register_urls(__name__, "organisation/", "tillit.org.urls")
register_permissions(
    __name__,
    [
        Permission("unit.view", "Se enheten och dess placering i organisationen", ALL_ROLES),
        Permission("unit.manage", "Byta namn på, flytta och stänga enheter", frozenset({Role.SYSTEMADMINISTRATOR})),
        Permission(
            "provider.follow_up",
            "Följa upp utförare som beställare: underrättelser om lex Sarah och anmälningar till IVO, inlämnade "
            "utredningar och sammanställningar per utförare och enhet (inga namn, ingen fritext ur ärendena)",
            frozenset({Role.KVALITETSUTVECKLARE, Role.AVDELNINGSCHEF, Role.AVTALSUPPFOLJARE}),
            legal_reference="KL (2017:725) 10 kap. 8 § (paragraf obekräftad); avtalets villkor",
        ),
    ],
)
register_nav(__name__, NavEntry("Organisation", "org:unit_list", "unit.view", order=80))
