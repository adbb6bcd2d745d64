"""The actions block of a source's page: `{% include "actions/partials/action_list.html" with panel=… %}`."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.urls import reverse

from tillit.actions.forms import ActionForm
from tillit.actions.selectors import actions_for
from tillit.actions.sources import source_for


def action_panel(user, source: Model, *, may_manage: bool | None = None) -> dict[str, Any]:
    """The source's actions and, for those who may manage them, the add form. `may_manage` may be
    passed when the page already knows it (it must equal the registration's answer)."""
    registered = source_for(source)
    if may_manage is None:
        may_manage = registered.may_manage(user, source)
    return {
        "actions": list(actions_for(source)),
        "may_manage": may_manage,
        "user_id": user.pk,
        "form": ActionForm(source=source) if may_manage and not registered.closed(source) else None,
        "add_url": reverse("actions:action_add", args=[registered.key, source.pk]),
    }
