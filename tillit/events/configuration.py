"""The municipality's own settings for events: the category list and the service levels
(number of days) of the declared deadlines. Both are data, changed without code."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.events.models import Category, DeadlineSetting, PatientInformation
from tillit.events.workflow import workflow
from tillit.org.access import has_permission


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


@transaction.atomic
def deadline_setting_set(*, actor, kind: str, code: str, days: int) -> DeadlineSetting | None:
    """Set the municipality's number of days for a declared deadline; the declared default is
    restored by setting it back to the default."""
    _require(actor)
    rule = next((d for d in workflow(kind).deadlines if d.code == code), None)
    if rule is None:
        raise ValidationError("Okänd tidsfrist.")
    if not 1 <= days <= 365:
        raise ValidationError("Ange ett antal dagar mellan 1 och 365.")
    setting = DeadlineSetting.objects.filter(kind=kind, code=code).first()
    if days == rule.days:
        if setting:
            setting.delete()
        result = None
    else:
        result, _ = DeadlineSetting.objects.update_or_create(kind=kind, code=code, defaults={"days": days})
    audit_record_setting(actor, kind, code, days)
    return result


def audit_record_setting(actor, kind: str, code: str, days: int) -> None:
    from tillit.audit.services import audit_record

    audit_record(
        actor=actor,
        action=AuditAction.CHANGE,
        object_type="events.deadlinesetting",
        object_id=f"{kind}:{code}",
        detail={"days": days},
    )


@transaction.atomic
def patient_information_record(*, actor, event, **fields) -> PatientInformation:
    """Lex Maria: record what the patient (or a närstående) was told (PSL 3 kap. 8 §)."""
    from tillit.events.services import may_work_on

    if event.kind != "lex_maria" or not may_work_on(actor, event):
        raise PermissionDenied
    info, created = PatientInformation.objects.update_or_create(event=event, defaults={**fields, "recorded_by": actor})
    audit_object(actor=actor, action=AuditAction.CREATE if created else AuditAction.CHANGE, obj=info)
    return info
