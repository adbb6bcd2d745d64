"""The municipality's own settings for events: the category list and the service levels
(number of days) of the declared deadlines. Both are data, changed without code."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.events.models import Category, EventKind, PatientInformation
from tillit.events.services.cases import may_work_on
from tillit.org.access import has_permission
from tillit.workflow.models import DeadlineSetting
from tillit.workflow.services import service_level_set


def _require(actor) -> None:
    if not has_permission(actor, "event.configure"):
        raise PermissionDenied


@transaction.atomic
def category_create(*, actor, label: str) -> Category:
    _require(actor)
    code = slugify(label)[:64]
    if not code or Category.objects.filter(code=code).exists():
        raise ValidationError("Det finns redan en kategori med det namnet.")
    category = Category.objects.create(code=code, label=label.strip())
    audit_object(actor=actor, action=AuditAction.CREATE, obj=category)
    return category


@transaction.atomic
def category_update(*, actor, category: Category, label: str, retired: bool) -> Category:
    """Rename or retire. The code stays, so history and imports keep pointing at the same category."""
    _require(actor)
    changed = [f for f, v in (("label", label.strip()), ("retired", retired)) if getattr(category, f) != v]
    if changed:
        category.label, category.retired = label.strip(), retired
        category.save(update_fields=changed)
        audit_object(actor=actor, action=AuditAction.CHANGE, obj=category, detail={"fields": changed})
    return category


def deadline_setting_set(*, actor, kind: str, code: str, days: int) -> DeadlineSetting | None:
    """Set the municipality's number of days for a declared deadline of an event kind; the
    declared default is restored by setting it back to the default."""
    _require(actor)
    if kind not in EventKind.values:
        raise ValidationError("Okänd tidsfrist.")
    return service_level_set(actor=actor, key=kind, code=code, days=days)


@transaction.atomic
def patient_information_record(*, actor, event, **fields) -> PatientInformation:
    """Lex Maria: record what the patient (or a närstående) was told (PSL (2010:659) 3 kap. 8 §)."""
    if event.kind != "lex_maria" or not may_work_on(actor, event):
        raise PermissionDenied
    info, created = PatientInformation.objects.update_or_create(event=event, defaults={**fields, "recorded_by": actor})
    audit_object(
        actor=actor, action=AuditAction.CREATE if created else AuditAction.CHANGE, obj=info, unit=event.unit_id
    )
    return info
