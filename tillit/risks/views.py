"""Riskanalys pages: analyses (list, new, page with heat map and risks, edit, state changes), a
risk's page with its measures (the shared åtgärder panel), and the risk register."""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from tillit.actions.panel import action_panel
from tillit.core.http import run_service
from tillit.events.selectors import event_for_user_or_404
from tillit.risks.forms import AnalysisForm, RecurrenceForm, RegisterFilterForm, RiskForm
from tillit.risks.models import WORKFLOW_KEY
from tillit.risks.process_steps import steps_in_scope
from tillit.risks.recurrence import event_link, may_open, new_analysis_title, open_analyses, risk_from_event
from tillit.risks.selectors import (
    RegisterFilter,
    analyses_visible,
    analysis_for_user_or_404,
    can_manage,
    can_view,
    heat_map,
    level_choices,
    manageable_units,
    risk_for_user_or_404,
    risk_register,
    viewable_units,
)
from tillit.risks.services import analysis_create, analysis_update, matrix_default, risk_add, risk_update
from tillit.workflow.declaration import workflow
from tillit.workflow.services import allowed_transitions, transition


@login_required
def analysis_list(request: HttpRequest) -> HttpResponse:
    if not can_view(request.user):
        raise Http404
    context = {"analyses": analyses_visible(request.user)[:200], "can_manage": can_manage(request.user)}
    return render(request, "risks/analysis_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def analysis_new(request: HttpRequest) -> HttpResponse:
    if not can_manage(request.user):
        raise Http404
    units = manageable_units(request.user)
    initial = {"analysed_on": timezone.localdate()}
    form = AnalysisForm(request.POST if request.method == "POST" else None, units=units, initial=initial)
    if form.is_valid():
        analysis = run_service(
            request,
            lambda: analysis_create(actor=request.user, **form.cleaned_data),
            success=lambda a: f"Riskanalysen {a.code} är skapad. Lägg till riskerna.",
        )
        if analysis is not None:
            return redirect("risks:analysis_detail", pk=analysis.pk)
    status = 422 if form.is_bound else 200
    return render(request, "risks/analysis_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def analysis_edit(request: HttpRequest, pk: int) -> HttpResponse:
    analysis = analysis_for_user_or_404(request.user, pk)
    if not can_manage(request.user, analysis.unit_id) or analysis.is_final:
        raise Http404
    initial = {f: getattr(analysis, f) for f in ("title", "reason", "planned_change", "participants", "analysed_on")}
    form = AnalysisForm(request.POST if request.method == "POST" else None, with_unit=False, initial=initial)
    if form.is_valid() and run_service(
        request,
        lambda: analysis_update(actor=request.user, analysis=analysis, **form.cleaned_data),
        success="Ändringarna är sparade.",
    ):
        return redirect("risks:analysis_detail", pk=analysis.pk)
    status = 422 if form.is_bound else 200
    return render(request, "risks/analysis_form.html", {"form": form, "analysis": analysis}, status=status)


def _analysis_page(request: HttpRequest, analysis, *, risk_form=None, status: int = 200) -> HttpResponse:
    risks = list(analysis.risks.all())
    for risk in risks:
        risk.analysis = analysis  # the matrix is loaded once, not per risk
    may_manage = can_manage(request.user, analysis.unit_id) and not analysis.is_final
    context = {
        "analysis": analysis,
        "risks": risks,
        "heat": heat_map(analysis.matrix, risks),
        "may_manage": may_manage,
        "risk_form": risk_form
        or (RiskForm(matrix=analysis.matrix, steps=steps_in_scope(analysis.unit)) if may_manage else None),
        "transitions": allowed_transitions(request.user, analysis),
        "history": analysis.transitions.select_related("actor"),
    }
    return render(request, "risks/analysis_detail.html", context, status=status)


@login_required
def analysis_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _analysis_page(request, analysis_for_user_or_404(request.user, pk))


@login_required
@require_POST
def risk_new(request: HttpRequest, pk: int) -> HttpResponse:
    analysis = analysis_for_user_or_404(request.user, pk)
    if not can_manage(request.user, analysis.unit_id):
        raise Http404
    form = RiskForm(request.POST, matrix=analysis.matrix, steps=steps_in_scope(analysis.unit))
    if form.is_valid():
        risk = run_service(
            request,
            lambda: risk_add(actor=request.user, analysis=analysis, **form.cleaned_data),
            success=lambda r: f"Risk {r.number} är tillagd. Lägg till åtgärder på riskens sida.",
        )
        if risk is not None:
            return redirect("risks:risk_detail", pk=risk.pk)
    return _analysis_page(request, analysis, risk_form=form, status=422)


@login_required
@require_POST
def analysis_transition(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    analysis = analysis_for_user_or_404(request.user, pk)
    comment = request.POST.get("comment", "")[:2000]
    run_service(
        request,
        lambda: transition(actor=request.user, subject=analysis, code=code, comment=comment),
        success=lambda done: workflow(WORKFLOW_KEY).transition(code).done_message(done.follow_up),
    )
    return redirect("risks:analysis_detail", pk=analysis.pk)


@login_required
@require_http_methods(["GET", "POST"])
def risk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    risk = risk_for_user_or_404(request.user, pk)
    analysis = risk.analysis
    may_manage = can_manage(request.user, analysis.unit_id) and not analysis.is_final
    form = None
    if may_manage:
        initial = {
            f: getattr(risk, f)
            for f in (
                "description",
                "cause",
                "probability",
                "consequence",
                "residual_probability",
                "residual_consequence",
                "follow_up_on",
                "process_step",
            )
        }
        form = RiskForm(
            request.POST if request.method == "POST" else None,
            matrix=analysis.matrix,
            steps=steps_in_scope(analysis.unit),
            initial=initial,
        )
        if form.is_valid() and run_service(
            request,
            lambda: risk_update(actor=request.user, risk=risk, **form.cleaned_data),
            success="Risken är sparad.",
        ):
            return redirect("risks:risk_detail", pk=risk.pk)
    elif request.method == "POST":
        raise Http404
    context = {
        "risk": risk,
        "analysis": analysis,
        "form": form,
        "panel": action_panel(request.user, risk, may_manage=may_manage),
        "event_link": event_link(request.user, risk),
    }
    return render(request, "risks/risk_detail.html", context, status=422 if form is not None and form.is_bound else 200)


@login_required
def register(request: HttpRequest) -> HttpResponse:
    if not can_view(request.user):
        raise Http404
    form = RegisterFilterForm(request.GET or None, units=viewable_units(request.user), levels=level_choices())
    filters = RegisterFilter()
    if form.is_valid():
        filters = RegisterFilter(
            unit=form.cleaned_data["unit"],
            level=form.cleaned_data["level"],
            open_measures=form.cleaned_data["open_measures"],
        )
    risks = list(risk_register(request.user, filters)[:500])
    return render(request, "risks/register.html", {"form": form, "risks": risks})


@login_required
@require_http_methods(["GET", "POST"])
def risk_from_event_view(request: HttpRequest, event_pk: int) -> HttpResponse:
    """ "Risk för upprepning": the risk form for a case, in the analysis chosen on the case page
    (`analys`: an open analysis of the case's unit, or empty for a new one)."""
    event = event_for_user_or_404(request.user, event_pk)
    if not may_open(request.user, event):
        raise Http404
    data = request.POST if request.method == "POST" else request.GET
    chosen = data.get("analys", "")
    analysis = None
    if chosen:
        analysis = open_analyses(event.unit_id).filter(pk=chosen if chosen.isdigit() else 0).first()
        if analysis is None:
            raise Http404
    matrix = analysis.matrix if analysis is not None else matrix_default()
    initial = {"token": uuid.uuid4().hex, "title": new_analysis_title(event)}
    form = RecurrenceForm(
        request.POST if request.method == "POST" else None,
        matrix=matrix,
        steps=steps_in_scope(event.unit),
        new_analysis=analysis is None,
        initial=initial,
    )
    if form.is_valid():
        fields = dict(form.cleaned_data)
        token = fields.pop("token")
        risk = run_service(
            request,
            lambda: risk_from_event(
                actor=request.user,
                event=event,
                analysis=analysis,
                idempotency_key=f"event:{request.user.pk}:{token}",
                **fields,
            ),
            success=lambda r: f"Risk {r.number} i {r.analysis.code} är kopplad till {event.reference}.",
        )
        if risk is not None:
            return redirect("risks:risk_detail", pk=risk.pk)
    context = {"event": event, "analysis": analysis, "form": form}
    return render(request, "risks/risk_from_event.html", context, status=422 if form.is_bound else 200)
