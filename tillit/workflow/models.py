"""What a model needs to move through a declared workflow.

A subject model (an event today; a risk, an egenkontroll tomorrow) inherits `WorkflowSubject` and
says where its pieces are: its workflow key, its `state` field, its unit (the permission scope),
the fields a transition may set, and the related names of its deadline and history tables. Those
tables subclass `DeadlineBase` and `TransitionLogBase` with a foreign key to the subject, so each
app keeps its own indexed table. The engine (`tillit.workflow.services`) talks to a subject only
through the `workflow_*` methods below, which is also what lets its tests use plain objects.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.module_loading import import_string

from tillit.audit.services import audit_object
from tillit.org.access import scope_unit_ids_for_roles
from tillit.workflow.deadlines import is_overdue


class DeadlineBase(models.Model):
    """A deadline instance computed from a declared rule when its start condition occurred.

    Stored (rather than computed on read) so that "overdue first" is an indexed query at 1M cases.
    Subclasses add the foreign key to their subject (with related_name `deadlines`).
    """

    code = models.CharField(max_length=40)
    label = models.CharField(max_length=120)
    legal_reference = models.CharField(max_length=200, blank=True)
    due_on = models.DateField(db_index=True)
    met_on = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["due_on"]

    @property
    def is_overdue(self) -> bool:
        return is_overdue(self.due_on, self.met_on)


class TransitionLogBase(models.Model):
    """The history of a subject's states: one row per transition, never changed."""

    code = models.CharField(max_length=60)
    from_state = models.CharField(max_length=40, blank=True)
    to_state = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()
    comment = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]


class DeadlineSetting(models.Model):
    """A municipality's own number of days for a declared deadline (service level), per workflow."""

    workflow = models.CharField("arbetsflöde", max_length=40)
    code = models.CharField(max_length=40)
    days = models.PositiveSmallIntegerField("dagar")
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workflow", "code"], name="workflow_deadline_setting_unique")]
        verbose_name = "tjänstenivå"
        verbose_name_plural = "tjänstenivåer"


class WorkflowSubject:
    """Mixin for a model with a `state` field and a `unit` that moves through a declared workflow."""

    # Related names of the subject's DeadlineBase and TransitionLogBase subclasses.
    workflow_deadlines = "deadlines"
    workflow_history = "transitions"
    # Fields a transition may set, by name (anything else is refused).
    workflow_fields: tuple[str, ...] = ()
    # Optional fields set when the subject enters a final state: the date and the outcome.
    workflow_closed_field = ""
    workflow_outcome_field = ""
    # Dotted path of `unmet(subject, required) -> list[str]`: what the declared `required` names
    # mean for this model, as Swedish messages for those not met (also checks the values a
    # transition set; called on every transition).
    workflow_requirements = ""
    # Dotted path of `after(*, actor, subject, transition, source)`: run after every transition of
    # the subject (after the transition's own hook, in the same transaction), e.g. to tell people.
    workflow_after = ""

    @property
    def workflow_key(self) -> str:
        raise NotImplementedError

    def workflow_flags(self) -> dict[str, bool]:
        """The named flags deadlines may start or end on (`from_flag`, `until_flag`), as set now."""
        return {}

    def workflow_flag_date(self, flag: str) -> date | None:
        """The date a flag was set on, when the subject records one (else: today)."""
        return None

    def workflow_unmet(self, required: tuple[str, ...]) -> list[str]:
        """Swedish messages for each declared requirement the subject does not meet."""
        if self.workflow_requirements:
            return import_string(self.workflow_requirements)(self, required)
        if required:
            raise NotImplementedError(f"{type(self).__name__} has declared requirements but no checker")
        return []

    def workflow_transitioned(self, *, actor, transition, source: str) -> None:
        if self.workflow_after:
            import_string(self.workflow_after)(actor=actor, subject=self, transition=transition, source=source)

    # Storage; Django implementations used by every model subject.
    def workflow_locked(self) -> Any:
        return type(self)._default_manager.select_for_update().get(pk=self.pk)

    def workflow_may(self, actor, roles: Iterable) -> bool:
        # Case work (receiving, investigating, deciding, notifying) is the operator's: the operator
        # rule of tillit.org.access applies to every transition.
        return self.unit_id in scope_unit_ids_for_roles(actor, frozenset(roles), operator=True)

    def workflow_save(self) -> None:
        self.save()

    def workflow_log(self, **row: Any) -> Any:
        return getattr(self, self.workflow_history).create(**row)

    def workflow_deadline_start(self, *, code: str, label: str, legal_reference: str, due_on: date) -> None:
        getattr(self, self.workflow_deadlines).get_or_create(
            code=code, defaults={"label": label, "legal_reference": legal_reference, "due_on": due_on}
        )

    def workflow_deadlines_meet(self, codes: list[str], *, on: date) -> None:
        getattr(self, self.workflow_deadlines).filter(code__in=codes, met_on__isnull=True).update(met_on=on)

    def workflow_audit(self, *, actor, action: str, detail: dict[str, Any]) -> None:
        audit_object(actor=actor, action=action, obj=self, detail=detail)
