"""The one way a view calls a write service (the views stay: fetch, form, one service call, render)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest

T = TypeVar("T")


def run_service(request: HttpRequest, call: Callable[[], T], *, success: str | Callable[[T], str] = "") -> T | None:
    """Run `call` for `request` and tell the user how it went.

    A PermissionDenied from the service becomes 404, like every object outside the user's scope
    (no leaks); a ValidationError's Swedish messages are shown and None is returned; on success
    the `success` message (or `success(result)`) is shown and the result returned.
    """
    try:
        result = call()
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return None
    text = success(result) if callable(success) else success
    if text:
        messages.success(request, text)
    return result
