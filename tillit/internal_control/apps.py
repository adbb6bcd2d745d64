from django.apps import AppConfig


class InternalControlConfig(AppConfig):
    name = "tillit.internal_control"
    label = "internal_control"
    verbose_name = "Internkontroll"
