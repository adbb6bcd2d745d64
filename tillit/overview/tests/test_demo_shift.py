"""The demo's real shift (läkemedelsavvikelser in Hemtjänst Norr rise from April last year) is found
by the trend signals of last year, through the monthly aggregate the demo fills."""

from __future__ import annotations

import random
from datetime import date

import pytest

from tillit.accounts.models import User
from tillit.events.demo import demo_events
from tillit.home.demo import PEOPLE, demo_org
from tillit.org.models import Unit
from tillit.trends.models import EventMonthCount
from tillit.trends.selectors import series_signals

pytestmark = pytest.mark.django_db


def test_the_demo_shift_signals_last_year():
    demo_org(rng=random.Random(1))
    staff = {str(role): User.objects.get(username=username) for username, _, _, role, _, _ in PEOPLE}
    units = list(Unit.objects.filter(code="ALD-HTN"))
    assert demo_events(rng=random.Random(1), units=units, staff=staff, today=date(2026, 11, 25), years=3)
    assert EventMonthCount.objects.filter(unit__code="ALD-HTN", category="lakemedel").exists()
    found = {(s["series"]["unit"], s["series"]["category"]): s for s in series_signals(unit_ids=None, year=2025)}
    shifted = found[("ALD-HTN", "lakemedel")]
    assert shifted["run_signal"] or shifted["crossing_signal"]
