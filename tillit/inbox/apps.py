from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "tillit.inbox"
    label = "inbox"
    verbose_name = "Inkorg och påminnelser"
