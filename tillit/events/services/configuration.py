"""The municipality's own settings for events: the category list and the service levels
(number of days) of the declared deadlines. Both are data, changed without code."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from tillit.assessments.selectors import template_questions
from tillit.assessments.services import embedded_answers_record
from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.events.checklists import NO, YES, patient_checklist
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
def patient_information_record(
    *, actor, event, informed_on: date, informed_relative: bool = False, **checklist: bool
) -> PatientInformation:
    """Lex Maria: record when the patient (or a närstående) was informed and what they were told
    (PSL (2010:659) 3 kap. 8 §): `checklist` is item code → ticked, for the items of the checklist template
    (the version the record answered before, else the newest); an item not given is not ticked."""
    if event.kind != "lex_maria" or not may_work_on(actor, event):
        raise PermissionDenied
    info = (
        PatientInformation.objects.select_for_update(of=("self",))
        .filter(event=event)
        .select_related("assessment")
        .first()
    )
    template = info.assessment.template if info is not None and info.assessment_id else patient_checklist()
    if template is None:
        raise ValidationError("Checklistan för information till patienten saknas. Kontakta förvaltningen.")
    codes = [item.code for item in template_questions(template)]
    if unknown := set(checklist) - set(codes):
        raise ValidationError(f"Okända punkter i checklistan: {', '.join(sorted(unknown))}.")
    created = info is None
    if created:
        info = PatientInformation(event=event)
    info.informed_on, info.informed_relative, info.recorded_by = informed_on, informed_relative, actor
    info.assessment = embedded_answers_record(
        actor=actor,
        assessment=info.assessment if info.assessment_id else None,
        template=template,
        unit=event.unit,
        title=f"Information till patienten – {event.reference}",
        performed_on=informed_on,
        values={code: YES if checklist.get(code) else NO for code in codes},
    )
    info.save()
    audit_object(
        actor=actor, action=AuditAction.CREATE if created else AuditAction.CHANGE, obj=info, unit=event.unit_id
    )
    return info
