"""The case a follow-up på förekommen anledning starts from: a klagomål or a lex Sarah / lex Maria
case in one of the contract's units (contracts may import events; events never imports contracts).
Only its reference is kept on the follow-up; its content is not read here."""

from __future__ import annotations

from django.http import Http404

from tillit.contracts.access import contract_unit_ids
from tillit.contracts.event_links import SOURCE_KINDS
from tillit.events.models import Event


def case_for_follow_up(contract, event_id: int) -> Event:
    event = (
        Event.objects.filter(pk=event_id, kind__in=SOURCE_KINDS, unit_id__in=contract_unit_ids(contract))
        .only("pk", "reference", "kind", "unit_id")
        .first()
    )
    if event is None:
        raise Http404
    return event
