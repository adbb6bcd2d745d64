"""Template context shared by every page: the navigation the current user may use."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from tillit.accounts.access import has_permission

# (label, url name, permission or None for every logged-in user). Later apps add their entries.
NAVIGATION: list[tuple[str, str, str | None]] = [
    ("Start", "core:start", None),
    ("Rapportera", "events:report", "event.report"),
    ("Mina uppgifter", "events:my_tasks", "event.view"),
    ("Händelser", "events:event_list", "event.report"),
    ("Inkorg", "inbox:inbox", None),
    ("Kvalitetsberättelse", "reports:report_list", "report.view"),
    ("Inställningar", "events:settings", "event.configure"),
    ("Organisation", "org:unit_list", "unit.view"),
    ("Användare", "accounts:user_list", "user.manage"),
    ("Behörighetsgranskning", "accounts:access_review", "access_review.manage"),
    ("Logguppföljning", "audit:log_list", "audit.view"),
    ("Integrationer", "integrations:integration_list", "integration.manage"),
]


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [
        {"label": label, "url": reverse(name), "active": request.path == reverse(name)}
        for label, name, permission in NAVIGATION
        if permission is None or has_permission(user, permission)
    ]
    return {"nav_items": items}
