from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "tillit.home"
    label = "home"
    verbose_name = "Start och demo"
