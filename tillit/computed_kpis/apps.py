from django.apps import AppConfig


class ComputedKpisConfig(AppConfig):
    name = "tillit.computed_kpis"
    label = "computed_kpis"
    verbose_name = "Nyckeltal beräknade av Tillit"
