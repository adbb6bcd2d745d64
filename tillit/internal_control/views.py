"""Internkontroll pages: the plans, a plan with its control points and the traffic-light follow-up,
a control point with its result and åtgärder, and the carry-over to next year's plan."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from tillit.actions.panel import action_panel
from tillit.core.http import run_service
from tillit.internal_control.follow_up import follow_up
from tillit.internal_control.forms import AdoptForm, PeriodForm, PlanForm, PointForm, ResultForm
from tillit.internal_control.models import ControlPoint
from tillit.internal_control.selectors import (
    REPORT,
    VIEW,
    can_manage,
    can_view,
    plan_for_user_or_404,
    plan_points,
    plans_reported,
    plans_visible,
    top_units,
)
from tillit.internal_control.services import (
    plan_adopt,
    plan_carry_over,
    plan_create,
    point_add,
    point_result_set,
    responsible_candidates,
)
from tillit.org.access import get_scoped_or_404, has_permission


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    if not can_view(request.user):
        raise Http404
    context = {"plans": plans_visible(request.user), "can_manage": can_manage(request.user)}
    return render(request, "internal_control/plan_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest) -> HttpResponse:
    units = top_units(request.user)
    if not units:
        raise Http404
    form = PlanForm(request.POST or None, units=units, initial={"year": timezone.localdate().year})
    if form.is_valid():
        plan = run_service(
            request,
            lambda: plan_create(actor=request.user, **form.cleaned_data),
            success=lambda p: f"Internkontrollplanen för {p.year} är skapad.",
        )
        if plan is not None:
            return redirect("internal_control:plan_detail", pk=plan.pk)
    return render(request, "internal_control/plan_form.html", {"form": form}, status=422 if form.is_bound else 200)


def _point_form(plan, data=None) -> PointForm:
    return PointForm(data, matrix=plan.matrix, responsible=responsible_candidates(plan))


def _plan_page(request, plan, *, point_form=None, adopt_form=None, status=200) -> HttpResponse:
    points = plan_points(plan)
    may_manage = can_manage(request.user, plan.unit_id)
    context = {
        "plan": plan,
        "points": points,
        "done": sum(1 for p in points if p.status == "genomford"),
        "may_manage": may_manage,
        "point_form": point_form or (_point_form(plan) if may_manage else None),
        "adopt_form": adopt_form
        or (AdoptForm(initial={"adopted_on": timezone.localdate()}) if may_manage and not plan.is_adopted else None),
    }
    return render(request, "internal_control/plan_detail.html", context, status=status)


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_page(request, plan_for_user_or_404(request.user, pk))


@login_required
@require_POST
def point_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for_user_or_404(request.user, pk)
    if not can_manage(request.user, plan.unit_id):
        raise Http404
    form = _point_form(plan, request.POST)
    if form.is_valid() and run_service(
        request,
        lambda: point_add(actor=request.user, plan=plan, **form.cleaned_data),
        success="Kontrollpunkten är tillagd.",
    ):
        return redirect("internal_control:plan_detail", pk=plan.pk)
    return _plan_page(request, plan, point_form=form, status=422)


@login_required
@require_POST
def adopt(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for_user_or_404(request.user, pk)
    if not can_manage(request.user, plan.unit_id):
        raise Http404
    form = AdoptForm(request.POST)
    if form.is_valid() and run_service(
        request,
        lambda: plan_adopt(actor=request.user, plan=plan, **form.cleaned_data),
        success=lambda p: f"Planen är antagen ({p.adoption_reference}, {p.adopted_on:%Y-%m-%d}).",
    ):
        return redirect("internal_control:plan_detail", pk=plan.pk)
    return _plan_page(request, plan, adopt_form=form, status=422)


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    if not has_permission(request.user, REPORT):
        raise Http404
    return render(request, "internal_control/report_list.html", {"plans": plans_reported(request.user)})


@login_required
def follow_up_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The follow-up report to the nämnd for a period: traffic lights and counts, printable."""
    plan = get_scoped_or_404(request.user, REPORT, plans_reported(request.user), pk=pk)
    form = PeriodForm(request.GET or {"period": "helar"})
    period = form.cleaned_data["period"] if form.is_valid() else "helar"
    context = {"report": follow_up(plan, period), "form": form, "plan": plan, "reads_plan": can_view(request.user)}
    return render(request, "internal_control/follow_up.html", context)


@login_required
@require_POST
def carry_over(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for_user_or_404(request.user, pk)
    also = [int(i) for i in request.POST.getlist("also") if i.isdigit()]
    result = run_service(
        request,
        lambda: plan_carry_over(actor=request.user, plan=plan, also=also),
        success=lambda r: (
            f"{len(r[1])} {'kontrollpunkt' if len(r[1]) == 1 else 'kontrollpunkter'} fördes över "
            f"till planen för {r[0].year}."
        ),
    )
    if result is not None:
        return redirect("internal_control:plan_detail", pk=result[0].pk)
    return redirect("internal_control:plan_detail", pk=plan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def point_detail(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = ControlPoint.objects.select_related("plan__unit", "plan__matrix", "carried_from__plan")
    point = get_scoped_or_404(request.user, VIEW, queryset, unit_field="plan__unit", pk=pk)
    may_manage = can_manage(request.user, point.plan.unit_id)
    form = None
    if may_manage:
        initial = {"status": point.status, "outcome": point.outcome, "comment": point.comment}
        form = ResultForm(request.POST or None, initial=initial)
        if form.is_valid() and run_service(
            request,
            lambda: point_result_set(actor=request.user, point=point, **form.cleaned_data),
            success="Resultatet är sparat.",
        ):
            return redirect("internal_control:point_detail", pk=point.pk)
    elif request.method == "POST":
        raise Http404
    context = {"point": point, "form": form, "panel": action_panel(request.user, point, may_manage=may_manage)}
    return render(request, "internal_control/point_detail.html", context, status=422 if form and form.is_bound else 200)
