from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "tillit.surveys"
    label = "surveys"
    verbose_name = "Enkäter och brukarundersökningar"
