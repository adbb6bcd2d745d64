"""Logguppföljning (placeholder to be completed)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def log_list(request: HttpRequest) -> HttpResponse:
    return render(request, "audit/log_list.html")
