"""What other apps show on a case's page. A higher app (riskanalys: "Risk för upprepning" and the
risks opened from the case) registers a panel from its plugin.py, so this app never imports it.

A panel is a template and a context function `(user, event) -> dict | None`; None hides the panel
(the user may not see it, or it does not apply to the case in its state). The context function
checks the user's access itself and shows only what she may read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RelatedPanel:
    key: str
    template: str
    context: Callable[[Any, Any], dict | None]
    order: int = 100


@dataclass(frozen=True)
class ShownPanel:
    key: str
    template: str
    context: dict


_panels: dict[str, RelatedPanel] = {}


def register_related_panel(panel: RelatedPanel) -> None:
    _panels[panel.key] = panel


def related_panels(user, event) -> list[ShownPanel]:
    """The registered panels that apply to `event` for `user`, in their order."""
    shown = []
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.key)):
        if (context := panel.context(user, event)) is not None:
            shown.append(ShownPanel(key=panel.key, template=panel.template, context=context))
    return shown
