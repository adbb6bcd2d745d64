from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ReportsConfig(AppConfig):
    name = "tillit.reports"
    label = "reports"
    verbose_name = "Kvalitetsberättelse"

    def ready(self) -> None:
        # Every app contributes its report sections and figures in its report_sections.py; see
        # tillit/core/reporting.py and docs/architecture.md.
        autodiscover_modules("report_sections")
