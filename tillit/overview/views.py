"""The overview (Översikt) and the chart of one trend series."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tillit.core import suppression
from tillit.core.charts import to_svg
from tillit.overview import charts
from tillit.overview.selectors import overview_for
from tillit.overview.signals import run_chart_spec, series_for_user


@require_GET
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    page = overview_for(request.user, timezone.localdate())
    if page is None:
        raise Http404
    specs = {
        "kinds": charts.kinds_spec(page.kinds, year=page.year, period=page.period),
        "signals": run_chart_spec(page.signals.signals[:6], suppress=True) if page.signals else None,
        "kpis": charts.kpis_spec(page.kpis),
    }
    svgs = {name: to_svg(spec) for name, spec in specs.items() if spec}
    return render(request, "overview/overview.html", {"page": page, "charts": svgs})


@require_GET
@login_required
def series(request: HttpRequest, kind: str, unit: str, category: str) -> HttpResponse:
    found = series_for_user(request.user, kind=kind, unit_code=unit, category=category, today=timezone.localdate())
    if found is None:
        raise Http404
    signal, suppress = found
    spec = run_chart_spec([signal], suppress=suppress)
    context = {
        "signal": signal,
        "chart": to_svg(spec) if spec else "",
        "suppressed": suppress,
        "threshold": suppression.threshold(),
    }
    return render(request, "overview/series.html", context)
