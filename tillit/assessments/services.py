"""Writing templates, assessments, answers and evidence. Every write checks permission and is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Max, Model
from django.utils import timezone

from tillit.assessments.conditions import item_applies
from tillit.assessments.models import (
    Answer,
    AnswerScale,
    Assessment,
    AssessmentStatus,
    AssessmentTemplate,
    EvidenceLink,
    ItemType,
    SampledCase,
    ScaleValue,
    TemplateItem,
    TemplateKind,
    TemplateStatus,
)
from tillit.assessments.sampling import draw_sample, new_seed, parse_population, sample_size_for
from tillit.assessments.scales import DEFAULT_SCALES
from tillit.assessments.selectors import MANAGE_TEMPLATES, PERFORM, missing_answers
from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.org.access import has_permission
from tillit.org.models import Unit


def _require(actor, permission: str, unit: Unit | None = None) -> None:
    if actor is not None and not has_permission(actor, permission, unit):
        raise PermissionDenied(permission)


# --- Scales and templates --------------------------------------------------------------------


@transaction.atomic
def scale_ensure(*, code: str) -> AnswerScale:
    """The scale `code`, created from the shipped defaults when it does not exist yet."""
    scale = AnswerScale.objects.filter(code=code).first()
    if scale is not None:
        return scale
    if code not in DEFAULT_SCALES:
        raise ValidationError(f"Okänd svarsskala ”{code}”.")
    name, values = DEFAULT_SCALES[code]
    scale = AnswerScale.objects.create(code=code, name=name)
    ScaleValue.objects.bulk_create(
        ScaleValue(scale=scale, code=v, label=label, meaning=meaning, position=i)
        for i, (v, label, meaning) in enumerate(values)
    )
    return scale


@dataclass(frozen=True)
class ItemSpec:
    """One item as a file or a form gives it; parents and conditions by `ref`."""

    ref: str
    text: str
    item_type: str = ItemType.FRAGA
    parent_ref: str = ""
    guidance: str = ""
    reference_confirmed: bool = False
    condition_ref: str = ""
    condition_value: str = ""
    code: str = ""
    applies_when: str = ""


def _editable(template: AssessmentTemplate) -> None:
    if template.status != TemplateStatus.UTKAST or template.assessments.exists():
        raise ValidationError(
            f"Version {template.version} av ”{template.title}” är fastställd och kan inte ändras. Gör en ny version."
        )


@transaction.atomic
def template_create(
    *,
    actor,
    code: str,
    version: int,
    title: str,
    kind: str,
    scale: AnswerScale,
    samples_cases: bool = False,
    description: str = "",
    items: list[ItemSpec] = (),
) -> AssessmentTemplate:
    _require(actor, MANAGE_TEMPLATES)
    if AssessmentTemplate.objects.filter(code=code, version=version).exists():
        raise ValidationError(f"Version {version} av mallen {code} finns redan.")
    template = AssessmentTemplate.objects.create(
        code=code,
        version=version,
        title=title,
        kind=kind,
        scale=scale,
        samples_cases=samples_cases,
        description=description,
    )
    _add_items(template, items)
    audit_object(actor=actor, action=AuditAction.CREATE, obj=template, detail={"code": code, "version": version})
    return template


@transaction.atomic
def template_replace_items(*, actor, template: AssessmentTemplate, items: list[ItemSpec], **fields) -> None:
    """Replace an utkast's items (and title, kind, scale, samples_cases) — an import of a changed file."""
    _require(actor, MANAGE_TEMPLATES)
    _editable(template)
    for name, value in fields.items():
        setattr(template, name, value)
    template.save()
    template.items.update(condition_item=None, condition_value="")  # conditions are PROTECTed
    template.items.all().delete()
    _add_items(template, items)
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=template, detail={"items": len(items)})


def _add_items(template: AssessmentTemplate, items: list[ItemSpec]) -> None:
    values = set(template.scale.values.values_list("code", flat=True))
    by_ref: dict[str, TemplateItem] = {}
    for position, spec in enumerate(items, start=1):
        parent = by_ref.get(spec.parent_ref) if spec.parent_ref else None
        condition = by_ref.get(spec.condition_ref) if spec.condition_ref else None
        if spec.ref in by_ref:
            raise ValidationError(f"Referensen ”{spec.ref}” finns två gånger.")
        if spec.code and any(i.code == spec.code for i in by_ref.values()):
            raise ValidationError(f"Koden ”{spec.code}” finns två gånger.")
        if spec.parent_ref and (parent is None or not parent.is_heading):
            raise ValidationError(f"{spec.ref}: kapitlet ”{spec.parent_ref}” finns inte före punkten.")
        if spec.item_type == ItemType.KAPITEL and (parent is not None or spec.condition_ref):
            raise ValidationError(f"{spec.ref}: ett kapitel kan inte ligga under ett annat eller ha villkor.")
        if spec.condition_ref and (condition is None or condition.is_heading):
            raise ValidationError(f"{spec.ref}: villkorspunkten ”{spec.condition_ref}” finns inte före punkten.")
        if bool(spec.condition_ref) != bool(spec.condition_value) or (
            spec.condition_value and spec.condition_value not in values
        ):
            raise ValidationError(f"{spec.ref}: villkoret ska ha en punkt och ett svar i mallens svarsskala.")
        by_ref[spec.ref] = TemplateItem.objects.create(
            template=template,
            parent=parent,
            ref=spec.ref,
            reference_confirmed=spec.reference_confirmed,
            item_type=spec.item_type,
            text=spec.text,
            guidance=spec.guidance,
            condition_item=condition,
            condition_value=spec.condition_value,
            code=spec.code,
            applies_when=spec.applies_when,
            position=position,
        )


def template_item_specs(template: AssessmentTemplate) -> list[ItemSpec]:
    """A template's items as specs (for comparing with a file, and copying to a new version)."""
    items = list(template.items.select_related("parent", "condition_item").order_by("position", "id"))
    return [
        ItemSpec(
            ref=i.ref,
            text=i.text,
            item_type=i.item_type,
            parent_ref=i.parent.ref if i.parent else "",
            guidance=i.guidance,
            reference_confirmed=i.reference_confirmed,
            condition_ref=i.condition_item.ref if i.condition_item else "",
            condition_value=i.condition_value,
            code=i.code,
            applies_when=i.applies_when,
        )
        for i in items
    ]


@transaction.atomic
def template_establish(*, actor, template: AssessmentTemplate, today: date | None = None) -> AssessmentTemplate:
    """Utkast → fastställd: from now on the template never changes and assessments may use it."""
    _require(actor, MANAGE_TEMPLATES)
    template = AssessmentTemplate.objects.select_for_update().get(pk=template.pk)
    if template.status != TemplateStatus.UTKAST:
        raise ValidationError("Mallen är redan fastställd.")
    if not template.items.exclude(item_type=ItemType.KAPITEL).exists():
        raise ValidationError("Mallen har inga punkter att besvara.")
    template.status = TemplateStatus.FASTSTALLD
    template.established_on = today or timezone.localdate()
    template.established_by = actor if getattr(actor, "is_authenticated", False) else None
    template.save(update_fields=["status", "established_on", "established_by"])
    audit_object(actor=actor, action=AuditAction.TRANSITION, obj=template, detail={"status": template.status})
    return template


@transaction.atomic
def template_new_version(*, actor, template: AssessmentTemplate) -> AssessmentTemplate:
    """A copy of `template` as the next version of its code, as an utkast to edit or re-import."""
    _require(actor, MANAGE_TEMPLATES)
    latest = AssessmentTemplate.objects.filter(code=template.code).aggregate(v=Max("version"))["v"]
    if AssessmentTemplate.objects.filter(code=template.code, status=TemplateStatus.UTKAST).exists():
        raise ValidationError("Det finns redan ett utkast till en ny version av mallen.")
    return template_create(
        actor=actor,
        code=template.code,
        version=latest + 1,
        title=template.title,
        kind=template.kind,
        scale=template.scale,
        samples_cases=template.samples_cases,
        description=template.description,
        items=template_item_specs(template),
    )


# --- Assessments ---------------------------------------------------------------------------------


@transaction.atomic
def assessment_create(
    *,
    actor,
    template: AssessmentTemplate,
    unit: Unit,
    title: str,
    performed_on: date,
    performer,
    population: str = "",
    sample_size: int | None = None,
    sample_share: float | None = None,
    seed: int | None = None,
) -> Assessment:
    """A new round. Where the template samples cases, the sample is drawn here with a stored seed."""
    _require(actor, PERFORM, unit)
    if not template.is_established:
        raise ValidationError("Bara fastställda mallar kan användas. Fastställ mallen först.")
    if template.kind == TemplateKind.ARENDE:
        raise ValidationError("Mallen är en checklista i ärenden och besvaras i ärendet.")
    if not has_permission(performer, PERFORM, unit):
        raise ValidationError(f"{performer.display_name} har ingen roll som får genomföra granskningar i enheten.")
    if unit.closed_on is not None:
        raise ValidationError("Enheten är stängd.")
    assessment = Assessment(
        template=template, unit=unit, title=title, performed_on=performed_on, performer=performer, created_by=actor
    )
    positions: list[int] = []
    if template.samples_cases:
        parsed = parse_population(population)
        if parsed.errors:
            raise ValidationError(parsed.errors)
        if sample_size is None and sample_share is None:
            raise ValidationError("Ange urvalets storlek, som antal eller andel.")
        if (sample_size is not None and sample_size < 1) or (sample_share is not None and not 0 < sample_share <= 100):
            raise ValidationError("Urvalet ska vara minst ett ärende och högst 100 procent.")
        assessment.population_count = parsed.count
        assessment.population_cases = parsed.cases
        assessment.sample_size = sample_size_for(parsed.size, size=sample_size, share=sample_share)
        assessment.seed = seed if seed is not None else new_seed()
        positions = draw_sample(parsed.size, assessment.sample_size, assessment.seed)
    assessment.save()
    SampledCase.objects.bulk_create(
        SampledCase(
            assessment=assessment,
            position=i,
            case_number=assessment.population_cases[p] if assessment.population_cases else "",
            population_index=None if assessment.population_cases else p + 1,
        )
        for i, p in enumerate(positions, start=1)
    )
    audit_object(
        actor=actor,
        action=AuditAction.CREATE,
        obj=assessment,
        detail={"template": template.code, "version": template.version, "sample_size": assessment.sample_size},
    )
    return assessment


def _open_for(actor, assessment: Assessment) -> None:
    _require(actor, PERFORM, assessment.unit_id)
    if not assessment.is_open:
        raise ValidationError("Granskningen är klar och kan inte ändras.")


def answers_map(assessment: Assessment, case: SampledCase | None) -> dict[int, str]:
    """Item id → value of the answers given for one case (or for the whole assessment)."""
    return dict(assessment.answers.filter(case=case).values_list("item_id", "value"))


@transaction.atomic
def answer_save(
    *, actor, assessment: Assessment, item: TemplateItem, case: SampledCase | None = None, value: str, comment: str = ""
) -> Answer:
    """Save (create or change) the one answer for `item` (and `case`). A double click saves it twice,
    never makes two answers."""
    _open_for(actor, assessment)
    template = assessment.template
    if item.template_id != template.pk or item.is_heading:
        raise ValidationError("Punkten hör inte till granskningens mall.")
    if template.samples_cases != (case is not None) or (case is not None and case.assessment_id != assessment.pk):
        raise ValidationError(
            "Välj ett ärende i urvalet." if template.samples_cases else "Granskningen har inget urval."
        )
    if not template.scale.values.filter(code=value).exists():
        raise ValidationError("Välj ett av svaren.")
    items = {i.pk: i for i in template.items.all()}
    if item_applies(item, answers_map(assessment, case), items) is not True:
        raise ValidationError("Punkten gäller inte här: villkoret för den är inte uppfyllt (eller inte besvarat).")
    lookup = {"assessment": assessment, "item": item, "case": case}
    defaults = {"value": value, "comment": comment.strip(), "answered_by": actor}
    try:
        with transaction.atomic():
            answer, created = Answer.objects.update_or_create(**lookup, defaults=defaults)
    except IntegrityError:  # two requests at once: the other one created it
        answer, created = Answer.objects.update_or_create(**lookup, defaults=defaults)
    audit_object(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.CHANGE,
        obj=answer,
        detail={"item": item.ref, "value": value, "case": case.position if case else None},
    )
    return answer


def _valid_target(target: Model | None) -> None:
    if target is not None and target.pk is None:
        raise ValidationError("Underlaget finns inte.")


@transaction.atomic
def evidence_add(*, actor, answer: Answer, label: str, url: str = "", target: Model | None = None) -> EvidenceLink:
    """Link evidence to an answer: a web address (http/https) or any object in Tillit."""
    _open_for(actor, answer.assessment)
    label = label.strip()
    if not label:
        raise ValidationError("Beskriv underlaget.")
    if bool(url) == (target is not None):
        raise ValidationError("Ange antingen en länk eller ett underlag i Tillit.")
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ValidationError("Länken ska börja med https:// eller http://.") from None
    _valid_target(target)
    link = EvidenceLink.objects.create(answer=answer, label=label, url=url, target=target, added_by=actor)
    audit_object(
        actor=actor, action=AuditAction.CREATE, obj=answer, detail={"evidence": link.pk, "item": answer.item.ref}
    )
    return link


@transaction.atomic
def assessment_complete(*, actor, assessment: Assessment, today: date | None = None) -> Assessment:
    """Pågår → klar, when every applicable item has an answer."""
    assessment = Assessment.objects.select_for_update().select_related("template").get(pk=assessment.pk)
    _open_for(actor, assessment)
    if missing := missing_answers(assessment):
        raise ValidationError(
            "1 punkt saknar svar. Besvara den innan granskningen markeras som klar."
            if missing == 1
            else f"{missing} punkter saknar svar. Besvara dem innan granskningen markeras som klar."
        )
    assessment.status = AssessmentStatus.KLAR
    assessment.completed_on = today or timezone.localdate()
    assessment.save(update_fields=["status", "completed_on"])
    audit_object(actor=actor, action=AuditAction.TRANSITION, obj=assessment, detail={"status": assessment.status})
    return assessment


# --- Checklists embedded in another app's record ---------------------------------------------------


@transaction.atomic
def embedded_answers_record(
    *,
    actor,
    assessment: Assessment | None,
    template: AssessmentTemplate,
    unit: Unit,
    title: str,
    performed_on: date,
    values: dict[str, str],
) -> Assessment:
    """Record the answers (item code → value code) of a checklist kept on another app's record (the
    lex Maria patient information). The calling app has checked its own permission on that record;
    `assessment` is the record's earlier answers (None the first time). Items not in `values` keep
    their answer. A double click saves the same answers twice, never two assessments."""
    if template.kind != TemplateKind.ARENDE or not template.is_established:
        raise ValidationError("Mallen är ingen fastställd checklista i ärenden.")
    if assessment is None:
        assessment = Assessment.objects.create(
            template=template,
            unit=unit,
            title=title,
            performed_on=performed_on,
            performer=actor,
            created_by=actor,
        )
        audit_object(
            actor=actor,
            action=AuditAction.CREATE,
            obj=assessment,
            detail={"template": template.code, "version": template.version},
        )
    elif assessment.template_id != template.pk:
        raise ValidationError("Svaren hör till en annan mall.")
    elif assessment.performed_on != performed_on:
        assessment.performed_on = performed_on
        assessment.save(update_fields=["performed_on"])
    items = {i.code: i for i in template.items.exclude(code="")}
    allowed = set(template.scale.values.values_list("code", flat=True))
    for code, value in values.items():
        if code not in items or value not in allowed:
            raise ValidationError("Svaret hör inte till mallen.")
        Answer.objects.update_or_create(
            assessment=assessment, item=items[code], case=None, defaults={"value": value, "answered_by": actor}
        )
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=assessment, detail={"answers": len(values)})
    return assessment
