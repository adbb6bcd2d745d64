from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "tillit.events"
    label = "events"
    verbose_name = "Händelser"
    # The kinds' workflows are declared in workflows.toml beside the models and validated at
    # start-up by tillit.workflow.
