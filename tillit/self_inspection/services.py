"""Writes for egenkontroll: programmes, their items and calendar of rounds, adoption (on the shared
workflow engine) and starting a round as an assessment with its sample. Atomic and audited."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from tillit.assessments.models import AssessmentTemplate, TemplateKind
from tillit.assessments.services import assessment_create
from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.core.privacy import find_personnummer
from tillit.org.access import has_permission
from tillit.org.models import Unit
from tillit.self_inspection.models import MONTHS, Method, Programme, ProgrammeItem, Round, month_end
from tillit.self_inspection.selectors import KINDS, MANAGE
from tillit.workflow.services import transition, workflow_begin

CODE_MAX = ProgrammeItem._meta.get_field("code").max_length


def _check_actor(actor, unit_id: int) -> None:
    if actor is not None and not has_permission(actor, MANAGE, unit_id):
        raise PermissionDenied("Du har inte behörighet att ändra egenkontrollen här.")


def _no_personnummer(**texts: str) -> None:
    if found := [name for name, text in texts.items() if find_personnummer(text or "")]:
        raise ValidationError(f"Ta bort personnumret ur {', '.join(found)}.")


@transaction.atomic
def programme_create(*, actor, unit: Unit, year: int, title: str = "") -> Programme:
    """The unit's egenkontrollprogram for `year` (one per unit and year), as an utkast."""
    _check_actor(actor, unit.pk)
    if not 2000 <= year <= 2100:
        raise ValidationError("Ange ett år mellan 2000 och 2100.")
    if unit.closed_on is not None:
        raise ValidationError("Enheten är stängd.")
    if Programme.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(f"{unit.name} har redan ett egenkontrollprogram för {year}.")
    title = title.strip() or f"Egenkontrollprogram {year} – {unit.name}"
    _no_personnummer(rubrik=title)
    programme = Programme.objects.create(
        unit=unit, year=year, title=title, created_by=actor if getattr(actor, "is_authenticated", False) else None
    )
    workflow_begin(subject=programme, actor=actor, code="skapa", at=timezone.now(), start=timezone.localdate())
    audit_object(actor=actor, action=AuditAction.CREATE, obj=programme, detail={"year": year})
    return programme


def _check_template(template: AssessmentTemplate | None, method: str) -> None:
    if template is None:
        if method == Method.JOURNALGRANSKNING:
            raise ValidationError("En journal-/aktgranskning behöver en mall med kriterier.")
        return
    if not template.is_established or template.kind not in KINDS:
        raise ValidationError("Välj en fastställd mall för egenkontroll eller journalgranskning.")
    if method == Method.JOURNALGRANSKNING and not template.samples_cases:
        raise ValidationError("En journal-/aktgranskning behöver en mall som granskar ett urval av ärenden.")


@transaction.atomic
def item_add(
    *,
    actor,
    programme: Programme,
    code: str,
    title: str,
    method: str,
    template: AssessmentTemplate | None = None,
    frequency: str = "",
    responsible: str = "",
    months: list[int] = (),
) -> ProgrammeItem:
    """A control in an utkast programme, and one round in the calendar for each of its months
    (deadline: the month's last day)."""
    programme = Programme.objects.select_for_update(of=("self",)).select_related("unit").get(pk=programme.pk)
    _check_actor(actor, programme.unit_id)
    if programme.is_adopted:
        raise ValidationError("Programmet är antaget och kan inte ändras. Gör nästa års program i stället.")
    problems = []
    code = code.strip() or str(programme.items.count() + 1)
    if len(code) > CODE_MAX or not code.replace("-", "").replace("_", "").isalnum():
        problems.append("Koden får bara ha bokstäver, siffror, - och _ (högst 40 tecken).")
    elif programme.items.filter(code=code).exists():
        problems.append(f"Kontrollen {code} finns redan i programmet.")
    if not title.strip():
        problems.append("Ange vad som kontrolleras.")
    if method not in Method.values:
        problems.append("Välj en metod.")
    months = sorted(set(months))
    if not months or any(not 1 <= m <= 12 for m in months):
        problems.append("Välj minst en månad.")
    if problems:
        raise ValidationError(problems)
    _check_template(template, method)
    _no_personnummer(rubrik=title, ansvarig=responsible, frekvens=frequency)
    item = ProgrammeItem.objects.create(
        programme=programme,
        code=code,
        title=title.strip(),
        method=method,
        template=template,
        frequency=frequency.strip(),
        responsible=responsible.strip(),
        months=months,
        position=programme.items.count() + 1,
    )
    unit, year = programme.unit, programme.year
    Round.objects.bulk_create(
        Round(
            code=f"{year}-{unit.code}-{code}-{m:02d}",
            item=item,
            unit=unit,
            title=f"{item.title} ({MONTHS[m - 1]} {year})",
            due_on=month_end(year, m),
        )
        for m in months
    )
    audit_object(actor=actor, action=AuditAction.CREATE, obj=item, unit=unit.pk, detail={"code": code})
    return item


def programme_adopt(*, actor, programme: Programme, decision_reference: str, comment: str = "") -> Programme:
    """Utkast → antaget, with the nämnd's decision (on the declared workflow)."""
    _no_personnummer(beslut=decision_reference)
    return transition(
        actor=actor,
        subject=programme,
        code="anta",
        comment=comment,
        decision_reference=decision_reference.strip(),
    ).subject


@transaction.atomic
def round_start(
    *,
    actor,
    round_: Round,
    performer,
    performed_on: date,
    population: str = "",
    sample_size: int | None = None,
    sample_share: float | None = None,
    seed: int | None = None,
) -> Round:
    """Start the round: an assessment on the item's template in the round's unit, with the sample
    drawn from the population (a count or pseudonymous case numbers; the seed is stored)."""
    round_ = Round.objects.select_for_update(of=("self",)).select_related("item__template", "unit").get(pk=round_.pk)
    _check_actor(actor, round_.unit_id)
    if round_.assessment_id is not None:
        raise ValidationError("Omgången är redan startad.")
    template = round_.item.template if round_.item else None
    if template is None:
        raise ValidationError("Kontrollen har ingen mall med kriterier. Omgången kan inte genomföras i Tillit.")
    if template.kind == TemplateKind.ARENDE:
        raise ValidationError("Mallen är en checklista i ärenden.")
    round_.assessment = assessment_create(
        actor=actor,
        template=template,
        unit=round_.unit,
        title=round_.title,
        performed_on=performed_on,
        performer=performer,
        population=population,
        sample_size=sample_size,
        sample_share=sample_share,
        seed=seed,
    )
    round_.save(update_fields=["assessment"])
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=round_, detail={"assessment": round_.assessment_id})
    return round_


@transaction.atomic
def round_record_done(*, actor, round_: Round, done_on: date, summary: str) -> Round:
    """Record a round whose control has no template of criteria (an observation, a comparison with
    Öppna jämförelser or own results) as carried out, with a short summary of what was found."""
    round_ = Round.objects.select_for_update(of=("self",)).select_related("item__template").get(pk=round_.pk)
    _check_actor(actor, round_.unit_id)
    if round_.assessment_id is not None or (round_.item is not None and round_.item.template_id is not None):
        raise ValidationError("Omgången genomförs som en granskning med mallens kriterier.")
    if round_.done_on is not None:
        raise ValidationError("Omgången är redan registrerad som genomförd.")
    if done_on > timezone.localdate():
        raise ValidationError("Datumet kan inte ligga i framtiden.")
    if not summary.strip():
        raise ValidationError("Sammanfatta vad kontrollen visade.")
    _no_personnummer(sammanfattning=summary)
    round_.done_on, round_.summary = done_on, summary.strip()
    round_.save(update_fields=["done_on", "summary"])
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=round_, detail={"done_on": done_on.isoformat()})
    return round_
