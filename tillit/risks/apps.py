from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ship_matrices(sender=None, using: str = "default", **kwargs) -> None:
    """post_migrate: a new or flushed database gets the shipped matrices (missing ones only)."""
    from tillit.risks.services import matrix_ensure_shipped

    if using == "default":
        matrix_ensure_shipped()


class RisksConfig(AppConfig):
    name = "tillit.risks"
    label = "risks"
    verbose_name = "Riskanalys"

    def ready(self) -> None:
        post_migrate.connect(_ship_matrices, sender=self)
