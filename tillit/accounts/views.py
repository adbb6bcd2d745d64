"""User administration and the access review (placeholders to be completed)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/user_list.html")


@login_required
def access_review(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/access_review.html")
