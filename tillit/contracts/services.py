"""Writes for avtalsuppföljning: contracts, follow-ups, findings, required measures, the provider's
answer and the municipality's judgement. Keyword-only, atomic, audited; states change only through
the workflow engine (`tillit.workflow.services.transition`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Model
from django.urls import reverse
from django.utils import timezone

from tillit.assessments.models import AssessmentTemplate, TemplateItem
from tillit.assessments.selectors import current_template, template_questions
from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.contracts import defaults
from tillit.contracts.access import may_manage
from tillit.contracts.models import (
    Contract,
    Finding,
    FindingResult,
    FollowUp,
    MeasureJudgement,
    Method,
    Reason,
    RequiredMeasure,
)
from tillit.contracts.recipients import provider_contacts
from tillit.contracts.selectors import contract_requirements
from tillit.inbox.services import notification_send
from tillit.org.access import has_permission
from tillit.org.models import Provider, Unit
from tillit.workflow.services import Transitioned, transition, workflow_begin

MANAGE = "contract.manage"


def requirements_template() -> AssessmentTemplate:
    """The newest established AVTALSKRAV template (loaded from the shipped file if it is missing)."""
    template = current_template(defaults.TEMPLATE_CODE)
    if template is None:
        defaults.load_shipped(django_apps)
        template = current_template(defaults.TEMPLATE_CODE)
    return template


def _require_manage(actor, contract: Contract | None = None, units: Iterable[Unit] = ()) -> None:
    if actor is None:
        return  # imports and the demo
    if contract is not None and not may_manage(actor, contract):
        raise PermissionDenied(MANAGE)
    if units and (
        getattr(actor, "provider_id", None) is not None
        or not all(has_permission(actor, MANAGE, unit) for unit in units)
    ):
        raise PermissionDenied(MANAGE)


def _check_contract(
    *, provider: Provider, units: list[Unit], valid_from: date, valid_to: date | None, template, codes: list[str]
) -> None:
    if not units:
        raise ValidationError("Välj minst en verksamhet.")
    if other := [u.name for u in units if u.provider_id != provider.pk]:
        raise ValidationError(f"Verksamheten {', '.join(other)} drivs inte av {provider.name}.")
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError("Avtalet kan inte upphöra innan det börjar gälla.")
    known = {item.code for item in template_questions(template)}
    if unknown := [c for c in codes if c not in known]:
        raise ValidationError(f"Okända krav: {', '.join(unknown)}.")


@transaction.atomic
def contract_create(
    *,
    actor,
    provider: Provider,
    code: str,
    units: list[Unit],
    valid_from: date,
    valid_to: date | None = None,
    title: str = "",
    requirement_codes: list[str] = (),
    template: AssessmentTemplate | None = None,
    share_self_inspection: bool = True,
    share_risk: bool = True,
) -> Contract:
    _require_manage(actor, units=units)
    code = code.strip()
    if not code:
        raise ValidationError("Ange avtalsnumret.")
    if Contract.objects.filter(code=code).exists():
        raise ValidationError(f"Avtalet {code} finns redan.")
    template = template or requirements_template()
    codes = list(requirement_codes)
    _check_contract(
        provider=provider, units=units, valid_from=valid_from, valid_to=valid_to, template=template, codes=codes
    )
    contract = Contract.objects.create(
        provider=provider,
        code=code,
        title=title.strip(),
        valid_from=valid_from,
        valid_to=valid_to,
        template=template,
        requirement_codes=codes,
        share_self_inspection=share_self_inspection,
        share_risk=share_risk,
        created_by=actor,
    )
    contract.units.set(units)
    audit_object(
        actor=actor,
        action=AuditAction.CREATE,
        obj=contract,
        detail={
            "provider": provider.code,
            "units": sorted(u.code for u in units),
            "requirements": codes,
            "share_self_inspection": share_self_inspection,
            "share_risk": share_risk,
        },
    )
    return contract


@transaction.atomic
def contract_set_sharing(*, actor, contract: Contract, share_self_inspection: bool, share_risk: bool) -> Contract:
    """The contract's terms on what the provider shares of its own egenkontroll and risk work."""
    if not may_manage(actor, contract):
        raise PermissionDenied
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    changed = {
        name: value
        for name, value in (("share_self_inspection", share_self_inspection), ("share_risk", share_risk))
        if getattr(contract, name) != value
    }
    if changed:
        for name, value in changed.items():
            setattr(contract, name, value)
        contract.save(update_fields=list(changed))
        audit_object(actor=actor, action=AuditAction.CHANGE, obj=contract, detail=changed)
    return contract


@transaction.atomic
def contract_update(
    *,
    actor,
    contract: Contract,
    units: list[Unit],
    valid_from: date,
    valid_to: date | None,
    requirement_codes: list[str],
    title: str | None = None,
) -> Contract:
    contract = Contract.objects.select_for_update().select_related("provider", "template").get(pk=contract.pk)
    _require_manage(actor, contract=contract, units=units)
    codes = list(requirement_codes)
    _check_contract(
        provider=contract.provider,
        units=units,
        valid_from=valid_from,
        valid_to=valid_to,
        template=contract.template,
        codes=codes,
    )
    contract.valid_from, contract.valid_to, contract.requirement_codes = valid_from, valid_to, codes
    if title is not None:
        contract.title = title.strip()
    contract.save()
    contract.units.set(units)
    contract.__dict__.pop("_unit_ids", None)
    audit_object(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=contract,
        detail={"units": sorted(u.code for u in units), "requirements": codes},
    )
    return contract


# --- Follow-ups -------------------------------------------------------------------------------


@transaction.atomic
def follow_up_plan(
    *,
    actor,
    contract: Contract,
    planned_on: date,
    methods: list[str],
    reason: str = Reason.PLANERAD,
    source: Model | None = None,
    source_label: str = "",
    idempotency_key: str | None = None,
) -> FollowUp:
    """Plan a follow-up. One started from a case (på förekommen anledning) keeps a reference to it
    (the caller has checked the case lies in one of the contract's units). A double click with the
    same idempotency key returns the first follow-up."""
    if idempotency_key and (existing := FollowUp.objects.filter(idempotency_key=idempotency_key).first()):
        return existing
    _require_manage(actor, contract=contract)
    if not methods or any(m not in Method.values for m in methods):
        raise ValidationError("Välj minst en metod.")
    if reason not in Reason.values:
        raise ValidationError("Okänd anledning.")
    if source is not None and reason != Reason.FOREKOMMEN_ANLEDNING:
        raise ValidationError("Ett ärende anges bara för en uppföljning på förekommen anledning.")
    follow_up = FollowUp(
        contract=contract,
        planned_on=planned_on,
        methods=list(dict.fromkeys(methods)),
        reason=reason,
        source_label=source_label[:60],
        idempotency_key=idempotency_key or None,
        created_by=actor,
    )
    if source is not None:
        follow_up.source_type = ContentType.objects.get_for_model(source)
        follow_up.source_id = source.pk
    try:
        with transaction.atomic():
            follow_up.save()
    except IntegrityError:
        return FollowUp.objects.get(idempotency_key=idempotency_key)
    workflow_begin(subject=follow_up, actor=actor, code="planera", at=timezone.now(), start=timezone.localdate())
    audit_object(
        actor=actor,
        action=AuditAction.CREATE,
        obj=follow_up,
        detail={"contract": contract.code, "reason": reason, "methods": follow_up.methods, "source": source_label},
    )
    return follow_up


def _open(follow_up: FollowUp) -> None:
    if follow_up.is_final:
        raise ValidationError("Uppföljningen är avslutad och kan inte ändras.")


@transaction.atomic
def finding_record(*, actor, follow_up: FollowUp, item: TemplateItem, result: str, comment: str = "") -> Finding:
    """Record (create or change) the finding for one requirement; a double click changes nothing."""
    follow_up = FollowUp.objects.select_for_update().select_related("contract").get(pk=follow_up.pk)
    _require_manage(actor, contract=follow_up.contract)
    _open(follow_up)
    if item.pk not in {i.pk for i in contract_requirements(follow_up.contract)}:
        raise ValidationError("Kravet hör inte till avtalet.")
    if result not in FindingResult.values:
        raise ValidationError("Välj uppfyllt, brist eller ej granskat.")
    comment = comment.strip()
    if result == FindingResult.BRIST and not comment:
        raise ValidationError("Beskriv bristen.")
    existing = follow_up.findings.filter(item=item).first()
    was_deficiency = existing is not None and existing.result == FindingResult.BRIST
    changes_deficiency = was_deficiency and result != FindingResult.BRIST
    if changes_deficiency and existing.measures.exists():
        raise ValidationError("Bristen har krävda åtgärder och kan inte ändras till något annat.")
    finding, created = Finding.objects.update_or_create(
        follow_up=follow_up, item=item, defaults={"result": result, "comment": comment, "recorded_by": actor}
    )
    audit_object(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.CHANGE,
        obj=follow_up,
        detail={"finding": item.code or item.ref, "result": result},
    )
    return finding


@transaction.atomic
def follow_up_transition(*, actor, follow_up: FollowUp, code: str, summary: str | None = None) -> Transitioned:
    """A declared step of the follow-up (genomföra, avsluta, ställa in)."""
    fields = {}
    if code == "genomfora":
        follow_up.performed_on = follow_up.performed_on or timezone.localdate()
        fields["performed_on"] = follow_up.performed_on
    if summary is not None:
        fields["summary"] = summary.strip()
    return transition(actor=actor, subject=follow_up, code=code, **fields)


# --- Required measures -------------------------------------------------------------------------


def _measure_url(measure: RequiredMeasure) -> str:
    return reverse("contracts:follow_up_detail", args=[measure.follow_up_id]) + f"#atgard-{measure.pk}"


@transaction.atomic
def measure_require(
    *,
    actor,
    follow_up: FollowUp,
    finding: Finding,
    description: str,
    deadline: date,
    idempotency_key: str | None = None,
) -> RequiredMeasure:
    """Require a measure of the provider for a deficiency, to be answered by `deadline`. The
    provider's utförarkontakt is told (no case content)."""
    if idempotency_key and (existing := RequiredMeasure.objects.filter(idempotency_key=idempotency_key).first()):
        return existing
    follow_up = FollowUp.objects.select_for_update().select_related("contract__provider").get(pk=follow_up.pk)
    _require_manage(actor, contract=follow_up.contract)
    _open(follow_up)
    if finding.follow_up_id != follow_up.pk or finding.result != FindingResult.BRIST:
        raise ValidationError("En åtgärd krävs för en brist i uppföljningen.")
    if not description.strip():
        raise ValidationError("Beskriv vilken åtgärd som krävs.")
    if deadline <= timezone.localdate():
        raise ValidationError("Tidsfristen ska vara efter dagens datum.")
    number = (follow_up.measures.aggregate(n=Max("number"))["n"] or 0) + 1
    measure = RequiredMeasure.objects.create(
        follow_up=follow_up,
        finding=finding,
        number=number,
        description=description.strip(),
        deadline=deadline,
        idempotency_key=idempotency_key or None,
        created_by=actor,
    )
    workflow_begin(subject=measure, actor=actor, code="begara", at=timezone.now(), start=timezone.localdate())
    audit_object(
        actor=actor,
        action=AuditAction.CREATE,
        obj=measure,
        detail={"follow_up": follow_up.pk, "finding": finding.item_id, "deadline": deadline.isoformat()},
    )
    contract = follow_up.contract
    notification_send(
        recipient_ids=[u.pk for u in provider_contacts(contract)],
        key=f"contracts:measure:{measure.pk}:begard:{deadline.isoformat()}",
        message=f"Kommunen kräver en åtgärd efter avtalsuppföljningen av avtal {contract.code}. "
        f"Svara senast {deadline:%Y-%m-%d}.",
        url=_measure_url(measure),
    )
    return measure


@transaction.atomic
def measure_answer(*, actor, measure: RequiredMeasure, answer: str) -> Transitioned:
    """The provider answers what it has done; the municipality's follow-up is told."""
    done = transition(
        actor=actor,
        subject=measure,
        code="svara",
        answer=answer.strip(),
        answered_on=timezone.localdate(),
        answered_by=actor,
    )
    measure = done.subject
    if measure.follow_up.created_by_id:
        notification_send(
            recipient_ids=[measure.follow_up.created_by_id],
            key=f"contracts:measure:{measure.pk}:besvarad:{measure.answered_on.isoformat()}:{measure.transitions.count()}",
            message=f"Utföraren har svarat på en krävd åtgärd i avtal {measure.follow_up.contract.code}.",
            url=_measure_url(measure),
        )
    return done


@transaction.atomic
def measure_judge(
    *, actor, measure: RequiredMeasure, approve: bool, comment: str = "", new_deadline: date | None = None
) -> Transitioned:
    """The municipality's judgement of the answer: godkänd (closes the measure) or ej godkänd (a new
    deadline; the provider is told)."""
    fields = {
        "judgement": MeasureJudgement.GODKAND if approve else MeasureJudgement.EJ_GODKAND,
        "judgement_comment": comment.strip(),
        "judged_on": timezone.localdate(),
        "judged_by": actor,
    }
    if not approve:
        fields["deadline"] = new_deadline
    done = transition(actor=actor, subject=measure, code="godkanna" if approve else "underkanna", **fields)
    measure = done.subject
    if not approve:
        contract = measure.follow_up.contract
        notification_send(
            recipient_ids=[u.pk for u in provider_contacts(contract)],
            key=f"contracts:measure:{measure.pk}:begard:{measure.deadline.isoformat()}",
            message=f"Kommunen har inte godkänt svaret på en krävd åtgärd i avtal {contract.code}. "
            f"Svara senast {measure.deadline:%Y-%m-%d}.",
            url=_measure_url(measure),
        )
    return done
