"""Overdue provider answers: reminded to the provider's utförarkontakt (no case content), shown to
the municipality's follow-up on the start page and the contract list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from tillit.contracts.reminders import measure_reminders
from tillit.contracts.selectors import overdue_measures
from tillit.contracts.services import measure_answer
from tillit.testing.client import login

pytestmark = pytest.mark.django_db


def test_the_provider_is_reminded_before_and_after_the_deadline(org, measure, other_provider_contact):
    contact = org.user("utforarkontakt")
    assert list(measure_reminders(measure.deadline - timedelta(days=8))) == []
    soon = list(measure_reminders(measure.deadline - timedelta(days=3)))
    assert [r.recipient_ids for r in soon] == [[contact.pk]]
    late = list(measure_reminders(measure.deadline + timedelta(days=1)))
    assert late[0].key != soon[0].key and "skulle ha lämnats" in late[0].message
    assert "omsorgskontakt" not in late[0].message.lower()  # no finding or case content
    assert other_provider_contact.pk not in late[0].recipient_ids
    measure_answer(actor=contact, measure=measure, answer="Klart.")
    assert list(measure_reminders(measure.deadline + timedelta(days=1))) == []


def test_overdue_answers_are_visible_to_the_municipalitys_follow_up(org, measure, time_machine):
    time_machine.move_to(measure.deadline + timedelta(days=2))
    follower = org.user("avtalsuppfoljare")
    assert list(overdue_measures(follower)) == [measure]
    client = login(Client(), follower)
    start = client.get("/start/").content.decode()
    assert "svar efter tidsfristen" in start and f"atgard-{measure.pk}" in start
    listing = client.get(reverse("contracts:contract_list")).content.decode()
    assert "Svar efter tidsfristen" in listing
    page = client.get(reverse("contracts:follow_up_detail", args=[measure.follow_up_id])).content.decode()
    assert "Svaret är försenat" in page
    # Nobody outside the contract sees it.
    assert list(overdue_measures(org.user("kvalitetsutvecklare"))) == []
