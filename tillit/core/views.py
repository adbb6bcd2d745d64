"""Error pages in Swedish (400, 403, 404, 500 and CSRF failures), used for every app."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def _error(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    return render(request, "core/error.html", {"title": title, "text": text}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, "Felaktig begäran", "Begäran kunde inte behandlas. Gå tillbaka och försök igen.")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, "Åtkomst nekad", "Du har inte behörighet att göra detta.")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, "Sidan finns inte", "Sidan finns inte, eller så har du inte behörighet att se den.")


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(request, 500, "Något gick fel", "Ett tekniskt fel uppstod. Försök igen om en stund.")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(
        request,
        403,
        "Sidan har blivit för gammal",
        "Formuläret kunde inte skickas eftersom sidan var för gammal. Ladda om sidan och försök igen.",
    )
