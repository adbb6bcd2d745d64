from django.apps import AppConfig

from tillit.workflow.declaration import check_hooks, workflows


class WorkflowConfig(AppConfig):
    name = "tillit.workflow"
    label = "workflow"
    verbose_name = "Arbetsflöden"

    def ready(self) -> None:
        # A broken declaration (in any app's workflows.toml) stops start-up instead of failing mid-case.
        check_hooks(workflows())
