from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ClassificationConfig(AppConfig):
    name = "tillit.classification"
    label = "classification"
    verbose_name = "Klassificering"

    def ready(self) -> None:
        from tillit.classification.defaults import seed_if_empty

        # A flushed test database (transactional tests) gets the defaults back, as contenttypes do.
        post_migrate.connect(seed_if_empty, sender=self)
