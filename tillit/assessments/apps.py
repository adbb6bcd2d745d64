from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "tillit.assessments"
    label = "assessments"
    verbose_name = "Granskningar"
