"""What an answer's evidence can link to in Tillit besides a web address, and the links other apps
show under an answer (e.g. its åtgärder). A domain app registers each kind of object (a styrande
dokument, a process, an egenkontroll result …) from its plugin.py, so this app never imports a
domain app."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model


@dataclass(frozen=True)
class EvidenceSource:
    """How objects of `model` are offered as evidence and linked back to."""

    model: type[Model]
    label: str  # the group's heading in the choice, e.g. "Styrande dokument"
    # (user, unit of the assessment) -> (pk, label) of the objects the user may cite there.
    choices: Callable[[Any, Any], Iterable[tuple[int, str]]]
    # (user, pk) -> the object if the user may see it, else None (checked when linking).
    get: Callable[[Any, int], Model | None]
    url: Callable[[int], str]  # the object's page, from its primary key alone (no query)

    @property
    def key(self) -> str:
        return self.model._meta.label_lower


_sources: dict[str, EvidenceSource] = {}


def register_evidence_source(source: EvidenceSource) -> None:
    _sources[source.key] = source


def evidence_source(key: str) -> EvidenceSource | None:
    return _sources.get(key)


def evidence_choices(user, unit) -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices "<key>:<pk>" for a form: one group per registered source with objects."""
    groups = []
    for source in sorted(_sources.values(), key=lambda s: s.label):
        options = [(f"{source.key}:{pk}", label) for pk, label in source.choices(user, unit)]
        if options:
            groups.append((source.label, options))
    return groups


def evidence_target(user, value: str) -> Model | None:
    """The object a choice "<key>:<pk>" names, if registered and visible to `user`."""
    key, _, pk = value.rpartition(":")
    source = evidence_source(key)
    if source is None or not pk.isdigit():
        return None
    return source.get(user, int(pk))


@dataclass(frozen=True)
class AnswerLink:
    """A link shown under an answer of templates of `kinds` (e.g. "Åtgärder" on a GAP answer, to a
    page another app owns)."""

    key: str
    label: str
    kinds: frozenset[str]
    url: Callable[[int], str]  # answer pk -> the page (no query)


_answer_links: dict[str, AnswerLink] = {}


def register_answer_link(link: AnswerLink) -> None:
    _answer_links[link.key] = link


def answer_links(kind: str) -> list[AnswerLink]:
    return [link for link in _answer_links.values() if kind in link.kinds]
