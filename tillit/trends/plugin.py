"""Trends register their permission (see tillit/core/registry.py). Pages and start-page items come
when the report-section interface and the events aggregate have landed."""

from tillit.core.registry import Permission, register_permissions
from tillit.core.roles import Role

register_permissions(
    __name__,
    [
        Permission(
            "trend.rephase",
            "Starta en ny fas i ett styrdiagram (ny baslinje efter en förändring i arbetssättet, med skäl)",
            frozenset({Role.KVALITETSUTVECKLARE}),
        )
    ],
)
