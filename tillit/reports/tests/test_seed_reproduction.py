"""Seed 002 (Alingsås Socialförvaltningen, kvalitetsberättelse 2018) reproduced from CSV imports.

The fixture holds the report's published figures: 35 avvikelser (16 Unga, 15 Vuxna); 11 lex Sarah
reports in 2018 (8 Vuxna, 2 Unga, 1 Stab), 1 notified to IVO, against 20 and 5 in 2017; 31
synpunkter och klagomål (10 Unga, 7 Vuxna).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from tillit.org.models import Unit
from tillit.reports.figures import compute_figures
from tillit.reports.services import report_create
from tillit.testing.factories import UserFactory, assign

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def alingsas(db):
    call_command("import_org", str(FIXTURES / "seed002_org.csv"))
    call_command("import_events", str(FIXTURES / "seed002_events.csv"))
    return Unit.objects.get(code="ALS-SOC")


def test_figures_match_the_published_report(alingsas):
    events = compute_figures(year=2018, scope=alingsas)["events"]
    avvikelse, sarah = events["avvikelse"], events["lex_sarah"]
    assert avvikelse["count"] == 35
    assert avvikelse["by_unit"]["ALS-UNGA"] == 16 and avvikelse["by_unit"]["ALS-VUXNA"] == 15
    assert sarah["count"] == 11 and sarah["previous_year"] == 20
    assert sarah["by_unit"] == {"ALS-UNGA": 2, "ALS-VUXNA": 8, "ALS-STAB": 1}
    assert sarah["ivo_notified"] == 1 and sarah["ivo_notified_previous_year"] == 5
    assert sarah["by_outcome"]["missforhallande"] == 4 and sarah["by_outcome"]["risk_for_missforhallande"] == 2
    complaints = events["klagomal"]["count"] + events["synpunkt"]["count"]
    assert complaints == 31
    assert events["klagomal"]["by_unit"]["ALS-UNGA"] + events["synpunkt"]["by_unit"]["ALS-UNGA"] == 10
    assert events["klagomal"]["by_unit"]["ALS-VUXNA"] + events["synpunkt"]["by_unit"]["ALS-VUXNA"] == 7
    assert set(events) == {"avvikelse", "lex_sarah", "lex_maria", "klagomal", "synpunkt"}


def test_the_drafted_text_states_the_decrease(alingsas):
    author = UserFactory(username="kvalitet_alingsas", title="Kvalitetsutvecklare")
    assign(author, "kvalitetsutvecklare", alingsas)
    report = report_create(actor=author, year=2018, scope=alingsas)
    text = report.sections.get(key="lex_sarah").text
    assert "11" in text and "minskning med 9 rapporter" in text
