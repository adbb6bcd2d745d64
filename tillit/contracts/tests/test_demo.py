"""The demo step: two contracts, a closed follow-up with a deficiency, the provider's answer and the
municipality's approval; idempotent; last year's kvalitetsberättelse shows the figures."""

from __future__ import annotations

import json
import random

import pytest
from django.core.management import call_command
from django.utils import timezone

from tillit.contracts.demo import demo_step
from tillit.contracts.models import Contract, FollowUp, RequiredMeasure

pytestmark = pytest.mark.django_db


def test_demo_contracts_and_follow_up(capsys, tmp_path):
    call_command("demo_data", "--no-events", "--quiet-logins")  # the organisation and the users
    today = timezone.localdate()
    assert "2 avtal" in demo_step(rng=random.Random(1), today=today)
    assert demo_step(rng=random.Random(1), today=today) == "Exempelavtal finns redan."
    assert set(Contract.objects.values_list("provider__code", flat=True)) == {"omsorgshuset", "nordvard"}
    done = FollowUp.objects.get(state="avslutad")
    assert done.findings.filter(result="brist").count() == 1
    measure = RequiredMeasure.objects.get()
    assert (measure.state, measure.answered_by.username, measure.judged_by.username) == (
        "godkand",
        "utforarkontakt",
        "avtalsuppfoljare",
    )
    assert FollowUp.objects.count() == 2
    capsys.readouterr()
    call_command("quality_report", "--year", str(done.performed_on.year), "--unit", "SOC", "--format", "json")
    figures = json.loads(capsys.readouterr().out)
    assert figures["providers"]["omsorgshuset"]["follow_ups"] == 1
    assert figures["providers"]["omsorgshuset"]["deficiencies"] == 1
    assert figures["providers"]["omsorgshuset"]["measures_closed"] == 1
