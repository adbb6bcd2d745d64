from django.apps import AppConfig


class SelfInspectionConfig(AppConfig):
    name = "tillit.self_inspection"
    label = "self_inspection"
    verbose_name = "Egenkontroll"
