"""The start page: what each role does, and what is waiting for the user (from every app)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from tillit.home.selectors import start_page_for


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return redirect("home:start" if request.user.is_authenticated else "accounts:login")


@require_GET
@login_required
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "home/start.html", {"start": start_page_for(request.user)})
