"""Links other apps add to a case page (e.g. "Följ upp på förekommen anledning" from avtalsuppföljning),
so that events never imports the apps above it. An app registers from its plugin.py:

    register_case_link(CaseLink(key="contracts.follow_up", link=lambda user, event: ("Text", "/url/") or None))

`link(user, event)` returns (label, url), or None to show nothing; it must not read the case's content.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CaseLink:
    key: str
    link: Callable[[Any, Any], tuple[str, str] | None]


_links: dict[str, CaseLink] = {}


def register_case_link(link: CaseLink) -> None:
    _links[link.key] = link


def case_links(user, event) -> list[tuple[str, str]]:
    """The (label, url) pairs the registered apps offer `user` on `event`'s page."""
    return [found for link in sorted(_links.values(), key=lambda x: x.key) if (found := link.link(user, event))]
