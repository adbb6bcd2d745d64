from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "tillit.contracts"
    label = "contracts"
    verbose_name = "Avtalsuppföljning"
