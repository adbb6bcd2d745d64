from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "tillit.actions"
    label = "actions"
    verbose_name = "Åtgärder"
