"""Organisation pages (placeholder to be completed)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tillit.accounts.access import visible
from tillit.org.models import Unit


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    units = visible(request.user, "unit.view", Unit.objects.all(), unit_field="self")
    return render(request, "org/unit_list.html", {"units": units})
