from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "tillit.risks"
    label = "risks"
    verbose_name = "Riskanalys"
