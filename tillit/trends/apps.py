from django.apps import AppConfig


class TrendsConfig(AppConfig):
    name = "tillit.trends"
    label = "trends"
    verbose_name = "Trender"
