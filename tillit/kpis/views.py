"""Nyckeltal pages: the list, a KPI over time (kommun vs riket vs comparison group, women and men),
and (kpi.manage) a new own KPI and manual entry of a value."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tillit.core.charts import to_svg
from tillit.core.http import run_service
from tillit.kpis import charts
from tillit.kpis.forms import DenominatorForm, KpiForm, ValueForm
from tillit.kpis.models import KpiSource
from tillit.kpis.selectors import (
    can_manage,
    can_view,
    chosen_unit,
    denominators_for,
    kpi_for_user_or_404,
    kpi_funnel,
    kpi_series,
    manageable_units,
    series_units,
)
from tillit.kpis.selectors import (
    kpi_detail as kpi_detail_data,
)
from tillit.kpis.selectors import (
    kpi_list as kpi_list_rows,
)
from tillit.kpis.services import kpi_create, kpi_value_set, unit_denominator_set
from tillit.org.access import has_permission


@login_required
def kpi_list(request: HttpRequest) -> HttpResponse:
    if not can_view(request.user):
        raise Http404
    context = {"rows": kpi_list_rows(request.user), "can_manage": can_manage(request.user)}
    return render(request, "kpis/kpi_list.html", context)


@login_required
def kpi_detail(request: HttpRequest, code: str) -> HttpResponse:
    kpi = kpi_for_user_or_404(request.user, code)
    detail = kpi_detail_data(request.user, kpi)
    label = detail.top.name if detail.top else "Kommunen"
    units = series_units(request.user, kpi)
    unit = chosen_unit(units, request.GET.get("enhet", ""), detail.top)
    series = kpi_series(kpi, unit) if unit else None
    points, control_spec = charts.control_chart(series) if series else ([], None)
    funnel_data = kpi_funnel(request.user, kpi)
    funnel, funnel_spec = charts.funnel_for(funnel_data, kpi) if funnel_data else (None, None)
    specs = {
        "comparison": charts.comparison_spec(detail, municipality_label=label),
        "gender": charts.gender_spec(detail, municipality_label=label),
        "control": control_spec,
        "funnel": funnel_spec,
    }
    context = {
        "kpi": kpi,
        "detail": detail,
        "municipality_label": label,
        "charts": {name: to_svg(spec) for name, spec in specs.items() if spec},
        "is_kolada": kpi.source == KpiSource.KOLADA,
        "series": series,
        "series_units": units,
        "outside": [p for p in points if p.outside],
        "funnel": funnel,
        "funnel_data": funnel_data,
        "series_link": bool(unit) and has_permission(request.user, "trend.view", unit),
        "can_enter": can_manage(request.user) and kpi.source == KpiSource.MANUAL,
    }
    return render(request, "kpis/kpi_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def kpi_new(request: HttpRequest) -> HttpResponse:
    if not can_manage(request.user):
        raise Http404
    form = KpiForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        kpi = run_service(
            request,
            lambda: kpi_create(actor=request.user, **form.service_kwargs()),
            success=lambda k: f"Nyckeltalet ”{k.title}” är skapat.",
        )
        if kpi is not None:
            return redirect("kpis:kpi_detail", code=kpi.code)
    status = 422 if form.is_bound else 200
    return render(request, "kpis/kpi_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def value_new(request: HttpRequest, code: str) -> HttpResponse:
    if not can_manage(request.user):
        raise Http404
    kpi = kpi_for_user_or_404(request.user, code)
    if kpi.source != KpiSource.MANUAL:
        raise Http404
    form = ValueForm(request.POST if request.method == "POST" else None, units=manageable_units(request.user))
    if form.is_valid():
        stored = run_service(
            request,
            lambda: kpi_value_set(actor=request.user, kpi=kpi, **form.service_kwargs()),
            success=lambda r: "Värdet är sparat." if r.created or r.updated else "Värdet var redan sparat.",
        )
        if stored is not None:
            return redirect("kpis:kpi_detail", code=kpi.code)
    status = 422 if form.is_bound else 200
    return render(request, "kpis/value_form.html", {"form": form, "kpi": kpi}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def denominators(request: HttpRequest) -> HttpResponse:
    """The number of brukare per unit and year (kpi.manage): the denominator of reports per 1,000 brukare."""
    if not can_manage(request.user):
        raise Http404
    units = manageable_units(request.user)
    form = DenominatorForm(request.POST if request.method == "POST" else None, units=units)
    if form.is_valid():
        stored = run_service(
            request,
            lambda: unit_denominator_set(actor=request.user, **form.service_kwargs()),
            success=lambda d: f"Antalet brukare för {d.unit.name} {d.year} är sparat.",
        )
        if stored is not None:
            return redirect("kpis:denominators")
    status = 422 if form.is_bound else 200
    context = {"form": form, "rows": denominators_for(request.user)}
    return render(request, "kpis/denominators.html", context, status=status)
