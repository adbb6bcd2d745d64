from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "tillit.documents"
    label = "documents"
    verbose_name = "Styrande dokument och processer"
