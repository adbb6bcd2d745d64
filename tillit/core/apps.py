from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "tillit.core"
    label = "core"
    verbose_name = "Tillit"

    def ready(self) -> None:
        # Every app adds itself (menu, permissions, start page, reminders, demo data, URLs) in its
        # plugin.py; see tillit/core/registry.py and docs/architecture.md.
        autodiscover_modules("plugin")
