"""Reads for avtalsuppföljning, scoped by `tillit.contracts.access` (contract.view in one of the
contract's units; a provider's staff only their own provider's contracts)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from tillit.assessments.models import TemplateItem
from tillit.assessments.selectors import template_questions
from tillit.audit.services import audit_permission_denied
from tillit.contracts.access import ANSWER, MANAGE, VIEW, contract_unit_ids, may_view
from tillit.contracts.models import Contract, Finding, FollowUp, RequiredMeasure
from tillit.events.models import PurchaserNotice
from tillit.org.access import has_permission, scope_unit_ids
from tillit.org.models import Unit
from tillit.workflow.deadlines import overdue_q


def can_view(user) -> bool:
    return has_permission(user, VIEW)


def contracts_visible(user) -> QuerySet[Contract]:
    ids = Contract.objects.filter(units__in=scope_unit_ids(user, VIEW))
    if getattr(user, "provider_id", None) is not None:
        ids = ids.filter(provider_id=user.provider_id)
    return (
        Contract.objects.filter(pk__in=ids.values("pk"))
        .select_related("provider")
        .prefetch_related(Prefetch("units", queryset=Unit.objects.order_by("path")))
        .annotate(
            follow_up_count=Count("follow_ups", distinct=True),
            open_measure_count=Count(
                "follow_ups__measures", filter=~Q(follow_ups__measures__state="godkand"), distinct=True
            ),
        )
        .order_by("provider__name", "code")
    )


def _denied(user, model) -> Http404:
    audit_permission_denied(actor=user, permission=VIEW, object_type=model._meta.label_lower)
    return Http404()


def contract_for_user_or_404(user, pk: int) -> Contract:
    contract = (
        Contract.objects.select_related("provider", "template")
        .prefetch_related(Prefetch("units", queryset=Unit.objects.order_by("path")))
        .filter(pk=pk)
        .first()
    )
    if contract is None or not may_view(user, contract):
        raise _denied(user, Contract)
    return contract


def follow_up_for_user_or_404(user, pk: int) -> FollowUp:
    follow_up = FollowUp.objects.select_related("contract__provider", "contract__template").filter(pk=pk).first()
    if follow_up is None or not may_view(user, follow_up.contract):
        raise _denied(user, FollowUp)
    return follow_up


def measure_for_user_or_404(user, pk: int) -> RequiredMeasure:
    measure = (
        RequiredMeasure.objects.select_related("follow_up__contract__provider", "finding__item").filter(pk=pk).first()
    )
    if measure is None or not may_view(user, measure.follow_up.contract):
        raise _denied(user, RequiredMeasure)
    return measure


def contract_requirements(contract: Contract) -> list[TemplateItem]:
    """The requirements the contract demands: its template's items (those named, or all)."""
    items = template_questions(contract.template)
    codes = set(contract.requirement_codes or ())
    return [item for item in items if not codes or item.code in codes]


@dataclass
class RequirementRow:
    item: TemplateItem
    finding: Finding | None


def requirement_rows(follow_up: FollowUp) -> list[RequirementRow]:
    findings = {f.item_id: f for f in follow_up.findings.all()}
    return [RequirementRow(item, findings.get(item.pk)) for item in contract_requirements(follow_up.contract)]


def follow_up_measures(follow_up: FollowUp) -> list[RequiredMeasure]:
    measures = list(
        follow_up.measures.select_related("finding__item", "answered_by", "judged_by").prefetch_related("deadlines")
    )
    for measure in measures:
        measure.follow_up = follow_up
        measure.open_deadline = next((d for d in measure.deadlines.all() if d.met_on is None), None)
    return measures


def overdue_measures(user) -> QuerySet[RequiredMeasure]:
    """Measures whose answer is overdue, in the contracts the user follows up or answers."""
    contracts = contracts_visible(user)
    if not (has_permission(user, MANAGE) or has_permission(user, ANSWER)):
        return RequiredMeasure.objects.none()
    return (
        RequiredMeasure.objects.filter(follow_up__contract__in=contracts.values("pk"))
        .filter(overdue_q(prefix="deadlines__"))
        .select_related("follow_up__contract__provider")
        .distinct()
        .order_by("deadline")
    )


def manageable_provider_units(user) -> QuerySet[Unit]:
    """The providers' units where the municipality's follow-up `user` may register contracts."""
    if getattr(user, "provider_id", None) is not None:
        return Unit.objects.none()
    return (
        Unit.objects.filter(id__in=scope_unit_ids(user, MANAGE), provider__isnull=False, closed_on__isnull=True)
        .select_related("provider")
        .order_by("provider__name", "path")
    )


def contract_notices(contract: Contract, *, limit: int = 20):
    """What the provider has told the municipality of lex Sarah and lex Maria cases in the contract's
    units (kind, unit, dates, bedömning — no names, no free text): the municipality cannot open the
    provider's case, so a follow-up "på förekommen anledning" starts from here."""
    return list(
        PurchaserNotice.objects.filter(unit_id__in=contract_unit_ids(contract))
        .select_related("unit", "event")
        .only("event__reference", "event__id", "unit__name", "event_kind", "reported_on", "outcome", "ivo_notified_on")
        .order_by("-reported_on", "-id")[:limit]
    )
