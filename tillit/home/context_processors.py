"""Template context shared by every page: the navigation the current user may use.

The entries come from the apps' plugin.py (tillit.core.registry); this module names no app.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from tillit.core.registry import registry
from tillit.org.access import has_permission


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for entry in registry.nav:
        if entry.permission is None or has_permission(user, entry.permission):
            url = reverse(entry.url_name)
            items.append({"label": entry.label, "url": url, "active": request.path == url})
    return {"nav_items": items}
