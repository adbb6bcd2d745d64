"""Avtalsuppföljning pages: the contracts, a contract with its requirements and follow-ups, a
follow-up with findings per requirement, required measures, the provider's answer and the
municipality's judgement. Short views: scoped fetch, form, one service call, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from tillit.assessments.selectors import template_questions
from tillit.contracts.access import may_answer, may_manage
from tillit.contracts.forms import (
    AnswerForm,
    ContractForm,
    FindingForm,
    FollowUpForm,
    JudgementForm,
    MeasureForm,
    SharingForm,
)
from tillit.contracts.models import FindingResult, Reason
from tillit.contracts.selectors import (
    can_view,
    contract_for_user_or_404,
    contract_notices,
    contract_requirements,
    contracts_visible,
    follow_up_for_user_or_404,
    follow_up_measures,
    manageable_provider_units,
    measure_for_user_or_404,
    overdue_measures,
    requirement_rows,
)
from tillit.contracts.services import (
    contract_create,
    contract_set_sharing,
    finding_record,
    follow_up_plan,
    follow_up_transition,
    measure_answer,
    measure_judge,
    measure_require,
    requirements_template,
)
from tillit.contracts.shared import shared_results
from tillit.contracts.sources import case_for_follow_up
from tillit.core.http import run_service
from tillit.org.models import Provider
from tillit.workflow.services import allowed_transitions


@login_required
def contract_list(request: HttpRequest) -> HttpResponse:
    if not can_view(request.user):
        raise Http404
    context = {
        "contracts": contracts_visible(request.user),
        "overdue": list(overdue_measures(request.user)[:50]),
        "may_manage": may_manage(request.user),
    }
    return render(request, "contracts/contract_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def contract_new(request: HttpRequest) -> HttpResponse:
    if not may_manage(request.user):
        raise Http404
    units = manageable_provider_units(request.user)
    form = ContractForm(
        request.POST or None,
        providers=Provider.objects.filter(units__in=units).distinct().order_by("name"),
        units=units,
        requirements=template_questions(requirements_template()),
    )
    if form.is_valid():
        data = form.cleaned_data
        contract = run_service(
            request,
            lambda: contract_create(actor=request.user, **{**data, "units": list(data["units"])}),
            success=lambda c: f"Avtalet {c.code} är registrerat.",
        )
        if contract is not None:
            return redirect("contracts:contract_detail", pk=contract.pk)
    return render(request, "contracts/contract_form.html", {"form": form}, status=422 if form.is_bound else 200)


@login_required
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contract = contract_for_user_or_404(request.user, pk)
    context = {
        "contract": contract,
        "requirements": contract_requirements(contract),
        "follow_ups": contract.follow_ups.order_by("-planned_on", "-id"),
        "may_manage": may_manage(request.user, contract),
        "notices": contract_notices(contract),
        # The purchaser's view of the provider's shared results (the provider's own staff see theirs
        # in their own apps; only the municipality's reading is a sharing to log).
        "shared": shared_results(actor=request.user, contract=contract) if request.user.provider_id is None else None,
        "sharing_form": SharingForm(
            initial={"share_self_inspection": contract.share_self_inspection, "share_risk": contract.share_risk}
        ),
    }
    return render(request, "contracts/contract_detail.html", context)


@login_required
@require_POST
def contract_sharing(request: HttpRequest, pk: int) -> HttpResponse:
    contract = contract_for_user_or_404(request.user, pk)
    if not may_manage(request.user, contract):
        raise Http404
    form = SharingForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: contract_set_sharing(actor=request.user, contract=contract, **form.cleaned_data),
            success="Avtalets villkor om delning är sparade.",
        )
    return redirect("contracts:contract_detail", pk=contract.pk)


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_new(request: HttpRequest) -> HttpResponse:
    params = request.POST if request.method == "POST" else request.GET
    if not str(params.get("avtal", "")).isdigit():
        raise Http404
    contract = contract_for_user_or_404(request.user, int(params["avtal"]))
    if not may_manage(request.user, contract):
        raise Http404
    case = None
    if str(params.get("arende", "")).isdigit():
        case = case_for_follow_up(contract, int(params["arende"]))
    initial = {"reason": Reason.FOREKOMMEN_ANLEDNING} if case is not None else {}
    form = FollowUpForm(request.POST or None, initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        follow_up = run_service(
            request,
            lambda: follow_up_plan(
                actor=request.user,
                contract=contract,
                planned_on=data["planned_on"],
                methods=data["methods"],
                reason=data["reason"],
                source=case,
                source_label=case.reference if case is not None else "",
                idempotency_key=data["idempotency_key"] or None,
            ),
            success="Uppföljningen är planerad.",
        )
        if follow_up is not None:
            return redirect("contracts:follow_up_detail", pk=follow_up.pk)
    context = {"contract": contract, "form": form, "case": case}
    return render(request, "contracts/follow_up_form.html", context, status=422 if form.is_bound else 200)


def _follow_up_page(request, follow_up, *, bound: dict | None = None, status: int = 200) -> HttpResponse:
    bound = bound or {}
    user = request.user
    contract = follow_up.contract
    managing = may_manage(user, contract) and not follow_up.is_final
    answering = may_answer(user, contract)
    rows = requirement_rows(follow_up)
    for row in rows:
        initial = {"result": row.finding.result, "comment": row.finding.comment} if row.finding else {}
        row.form = bound.get(("finding", row.item.pk)) or (
            FindingForm(initial=initial, prefix=f"krav-{row.item.pk}") if managing else None
        )
        row.measure_form = None
        if managing and row.finding and row.finding.result == FindingResult.BRIST:
            row.measure_form = bound.get(("measure", row.finding.pk)) or MeasureForm(prefix=f"brist-{row.finding.pk}")
    measures = follow_up_measures(follow_up)
    for measure in measures:
        measure.answer_form = measure.judge_form = None
        if answering and measure.state == "begard":
            measure.answer_form = bound.get(("answer", measure.pk)) or AnswerForm(prefix=f"svar-{measure.pk}")
        if may_manage(user, contract) and measure.state == "besvarad":
            measure.judge_form = bound.get(("judge", measure.pk)) or JudgementForm(prefix=f"bedomning-{measure.pk}")
    context = {
        "follow_up": follow_up,
        "contract": contract,
        "rows": rows,
        "measures": measures,
        "may_manage": managing,
        "transitions": allowed_transitions(user, follow_up),
    }
    return render(request, "contracts/follow_up_detail.html", context, status=status)


@login_required
def follow_up_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _follow_up_page(request, follow_up_for_user_or_404(request.user, pk))


@login_required
@require_POST
def finding_save(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    follow_up = follow_up_for_user_or_404(request.user, pk)
    if not may_manage(request.user, follow_up.contract):
        raise Http404
    item = next((i for i in contract_requirements(follow_up.contract) if i.pk == item_pk), None)
    if item is None:
        raise Http404
    form = FindingForm(request.POST, prefix=f"krav-{item.pk}")
    if form.is_valid() and run_service(
        request,
        lambda: finding_record(actor=request.user, follow_up=follow_up, item=item, **form.cleaned_data),
        success="Iakttagelsen är sparad.",
    ):
        return redirect(f"{follow_up_url(follow_up)}#krav-{item.pk}")
    return _follow_up_page(request, follow_up, bound={("finding", item.pk): form}, status=422)


@login_required
@require_POST
def follow_up_step(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    follow_up = follow_up_for_user_or_404(request.user, pk)
    declared = next((t for t in allowed_transitions(request.user, follow_up) if t.code == code), None)
    if declared is None:
        raise Http404
    run_service(
        request,
        lambda: follow_up_transition(actor=request.user, follow_up=follow_up, code=code),
        success=declared.done_message(),
    )
    return redirect(follow_up_url(follow_up))


@login_required
@require_POST
def measure_new(request: HttpRequest, pk: int, finding_pk: int) -> HttpResponse:
    follow_up = follow_up_for_user_or_404(request.user, pk)
    if not may_manage(request.user, follow_up.contract):
        raise Http404
    finding = follow_up.findings.filter(pk=finding_pk).first()
    if finding is None:
        raise Http404
    form = MeasureForm(request.POST, prefix=f"brist-{finding.pk}")
    if form.is_valid():
        data = form.cleaned_data
        measure = run_service(
            request,
            lambda: measure_require(
                actor=request.user,
                follow_up=follow_up,
                finding=finding,
                description=data["description"],
                deadline=data["deadline"],
                idempotency_key=data["idempotency_key"] or None,
            ),
            success="Åtgärden är begärd och utföraren har fått besked.",
        )
        if measure is not None:
            return redirect(f"{follow_up_url(follow_up)}#atgard-{measure.pk}")
    return _follow_up_page(request, follow_up, bound={("measure", finding.pk): form}, status=422)


@login_required
@require_POST
def measure_answer_view(request: HttpRequest, pk: int) -> HttpResponse:
    measure = measure_for_user_or_404(request.user, pk)
    follow_up = measure.follow_up
    if not may_answer(request.user, follow_up.contract):
        raise Http404
    form = AnswerForm(request.POST, prefix=f"svar-{measure.pk}")
    if form.is_valid() and run_service(
        request,
        lambda: measure_answer(actor=request.user, measure=measure, answer=form.cleaned_data["answer"]),
        success="Svaret är skickat till kommunen.",
    ):
        return redirect(f"{follow_up_url(follow_up)}#atgard-{measure.pk}")
    return _follow_up_page(request, follow_up, bound={("answer", measure.pk): form}, status=422)


@login_required
@require_POST
def measure_judge_view(request: HttpRequest, pk: int) -> HttpResponse:
    measure = measure_for_user_or_404(request.user, pk)
    follow_up = measure.follow_up
    if not may_manage(request.user, follow_up.contract):
        raise Http404
    form = JudgementForm(request.POST, prefix=f"bedomning-{measure.pk}")
    if form.is_valid():
        data = form.cleaned_data
        approve = data["decision"] == "godkand"
        if run_service(
            request,
            lambda: measure_judge(
                actor=request.user,
                measure=measure,
                approve=approve,
                comment=data["comment"],
                new_deadline=data["new_deadline"],
            ),
            success="Svaret är godkänt." if approve else "Svaret är inte godkänt; utföraren har fått en ny tidsfrist.",
        ):
            return redirect(f"{follow_up_url(follow_up)}#atgard-{measure.pk}")
    return _follow_up_page(request, follow_up, bound={("judge", measure.pk): form}, status=422)


def follow_up_url(follow_up) -> str:
    return reverse("contracts:follow_up_detail", args=[follow_up.pk])
