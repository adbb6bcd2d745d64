"""Klassificering registers its settings page and the permission to edit the values."""

from tillit.core.registry import NavEntry, Permission, register_nav, register_permissions, register_urls
from tillit.core.roles import Role

register_urls(__name__, "klassificering/", "tillit.classification.urls")
register_permissions(
    __name__,
    [
        Permission(
            "classification.manage",
            "Ändra klassificeringar (orsaker, områden för God vård, typer av åtgärder)",
            frozenset({Role.KVALITETSUTVECKLARE, Role.SYSTEMADMINISTRATOR}),
            municipal=True,  # the municipality's taxonomies: a provider's staff do not change them
        ),
    ],
)
register_nav(__name__, NavEntry("Klassificering", "classification:settings", "classification.manage", order=62))
