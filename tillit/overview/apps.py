from django.apps import AppConfig


class OverviewConfig(AppConfig):
    name = "tillit.overview"
    label = "overview"
    verbose_name = "Översikt"
