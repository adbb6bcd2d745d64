from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "tillit.retention"
    label = "retention"
    verbose_name = "Gallring och bevarande"
