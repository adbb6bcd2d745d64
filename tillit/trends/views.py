"""A series' styrdiagram with its phases, and (trend.rephase) starting a new phase with a reason."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from tillit.audit.services import audit_permission_denied
from tillit.core.charts import to_svg
from tillit.core.http import run_service
from tillit.org.access import has_permission, scope_unit_ids
from tillit.trends import spc
from tillit.trends.charts import control_chart_spec
from tillit.trends.forms import PhaseForm
from tillit.trends.selectors import series_signals, series_view
from tillit.trends.services import series_phase_start


@login_required
@require_http_methods(["GET", "POST"])
def series_detail(request: HttpRequest) -> HttpResponse:
    key = request.POST.get("series") or request.GET.get("serie", "")
    year = request.GET.get("ar", "")
    view = series_view(key, int(year) if year.isdigit() else timezone.localdate().year)
    if view is None or not has_permission(request.user, "trend.view", view.data.unit):
        audit_permission_denied(actor=request.user, permission="trend.view", object_type="trends.series")
        raise Http404
    may_rephase = has_permission(request.user, "trend.rephase", view.data.unit)
    form = None
    if may_rephase:
        form = PhaseForm(request.POST if request.method == "POST" else None, initial={"series": key})
        if form.is_valid():
            phase = run_service(
                request,
                lambda: series_phase_start(actor=request.user, unit=view.data.unit, **form.service_kwargs()),
                success=lambda p: f"En ny fas börjar {p.starts_on:%Y-%m}. Gränserna räknas om från den.",
            )
            if phase is not None:
                return redirect(f"{reverse('trends:series_detail')}?serie={key}")
    elif request.method == "POST":
        raise Http404
    spec = control_chart_spec(view.points, title=view.data.title, y_title=view.data.y_title, monthly=view.data.monthly)
    context = {"view": view, "chart": to_svg(spec) if spec else "", "form": form}
    status = 422 if form is not None and form.is_bound else 200
    return render(request, "trends/series_detail.html", context, status=status)


@login_required
def series_list(request: HttpRequest) -> HttpResponse:
    """The monthly series in the user's trend.view scope with enough points, signals first."""
    unit_ids = scope_unit_ids(request.user, "trend.view")
    if not unit_ids:
        raise Http404
    year = timezone.localdate().year
    rows = sorted(
        series_signals(unit_ids=unit_ids, year=year),
        key=lambda r: not (r["run_signal"] or r["crossing_signal"] or r["points_outside_limits"]),
    )
    for row in rows:
        s = row["series"]
        row["key"] = (
            f"kpi:{s['category']}:{s['unit']}"
            if s["kind"] == "kpi"
            else (f"event:{s['kind']}:{s['unit']}:{s['category']}")
        )
    context = {"rows": rows, "year": year, "false_alarms": spc.explain_false_alarms(len(rows)) if rows else ""}
    return render(request, "trends/series_list.html", context)
