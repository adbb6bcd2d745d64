from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "tillit.operations"
    label = "operations"
    verbose_name = "Drift: säkerhetskopior"
