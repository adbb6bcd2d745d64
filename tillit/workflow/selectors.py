"""Reads shared by every workflow: the municipality's service levels. (The overdue rule is in
`tillit.workflow.deadlines`.)"""

from __future__ import annotations

from tillit.workflow.declaration import Deadline
from tillit.workflow.models import DeadlineSetting


def deadline_days(key: str, rule: Deadline) -> int:
    """The municipality's service level for `rule` of workflow `key`, or the declared default."""
    setting = DeadlineSetting.objects.filter(workflow=key, code=rule.code).only("days").first()
    return setting.days if setting else rule.days


def deadline_overrides() -> dict[tuple[str, str], int]:
    """Every service level the municipality has changed, by (workflow key, deadline code)."""
    return {(s.workflow, s.code): s.days for s in DeadlineSetting.objects.all()}
