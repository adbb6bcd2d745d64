"""What an åtgärd can belong to. A domain app registers each model whose objects get actions
(an event today; a risk, an egenkontroll finding, a GAP requirement, a document revision tomorrow)
from its plugin.py, so this app never imports a domain app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class ActionSource:
    """How actions on objects of `model` are shown and who may manage them."""

    model: type[Model]
    # A short reference (e.g. "AV-2026-0042"); never case content: reminders may go by e-mail.
    reference: Callable[[Any], str]
    url: Callable[[int], str]  # the source's page, from its primary key alone (no query)
    may_manage: Callable[[Any, Any], bool]  # (actor, source): add actions, change any of them
    visible: Callable[[Any], QuerySet]  # user -> the sources the user may read
    owners: Callable[[Any], QuerySet]  # source -> the users who may be made responsible
    default_owner_id: Callable[[Any], int | None] = lambda source: None
    closed: Callable[[Any], bool] = lambda source: False  # a closed source takes no new actions
    unit_id: Callable[[Any], int] = lambda source: source.unit_id  # the action's permission scope
    # Told when an action on a source is added ("added") or completed ("completed"), in the same
    # transaction: (source, action, what) -> None (e.g. to tell the person who reported a case).
    changed: Callable[[Any, Any, str], None] = lambda source, action, what: None

    @property
    def key(self) -> str:
        return self.model._meta.label_lower


_sources: dict[str, ActionSource] = {}


def register_action_source(source: ActionSource) -> None:
    _sources[source.key] = source


def source_for_key(key: str) -> ActionSource | None:
    return _sources.get(key)


def source_for(obj: Model) -> ActionSource:
    """The registration for `obj`'s model; an unregistered model is a programming error (KeyError)."""
    return _sources[obj._meta.label_lower]
