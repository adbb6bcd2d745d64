from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "tillit.events"
    label = "events"
    verbose_name = "Händelser"

    def ready(self) -> None:
        from tillit.events.workflow import workflows

        workflows()  # a broken declaration stops start-up instead of failing mid-case
