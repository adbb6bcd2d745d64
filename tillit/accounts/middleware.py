"""Session lifetime and two-factor enforcement."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import urlencode

SESSION_STARTED_KEY = "tillit_login_at"


class SessionLifetimeMiddleware:
    """End a session past its absolute lifetime (the idle timeout is the sliding cookie age)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(SESSION_STARTED_KEY)
            if started is None or time.time() - float(started) > settings.SESSION_ABSOLUTE_LIFETIME:
                logout(request)
                return redirect(f"{reverse(settings.LOGIN_URL)}?utgangen=1")
        return self.get_response(request)


def requires_two_factor(user) -> bool:
    roles = set(settings.TILLIT_2FA_ROLES)
    return any(a.role in roles for a in user.assignments.all())


class RequireTwoFactorMiddleware:
    """Users whose roles read others' cases must pass TOTP before anything but the 2FA pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not user.is_verified() and not request.session.get("tillit_strong_auth"):
            allowed = (reverse("accounts:two_factor"), reverse("accounts:logout"))
            exempt = request.path.startswith(allowed) or request.path.startswith(settings.STATIC_URL)
            if not exempt and requires_two_factor(user):
                target = reverse("accounts:two_factor")
                if request.method == "GET" and request.path != resolve_url(settings.LOGIN_REDIRECT_URL):
                    target += "?" + urlencode({"next": request.get_full_path()})
                return redirect(target)
        return self.get_response(request)
