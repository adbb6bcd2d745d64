from django.apps import AppConfig


class KpisConfig(AppConfig):
    name = "tillit.kpis"
    label = "kpis"
    verbose_name = "Nyckeltal"
