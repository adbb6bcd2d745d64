"""The demo step: last year's brukarundersökning in hemtjänst with answers (a small unit
suppressed), the round before and riket for comparison, and this year's staff survey; idempotent;
its figures reach the kvalitetsberättelse."""

from __future__ import annotations

import random
from datetime import date

import pytest

from tillit.surveys.demo import demo_step
from tillit.surveys.figures import surveys_report_figures
from tillit.surveys.models import Survey, SurveyMode
from tillit.testing.factories import make_unit

pytestmark = pytest.mark.django_db


def test_demo_surveys(org):
    for code, name in (("ALD-HTN", "Hemtjänst Norr"), ("ALD-HTS", "Hemtjänst Söder"), ("ALD-NV1", "Hemtjänst Väster")):
        make_unit(code, name, parent=org.ald)
    today = date(2026, 5, 1)
    first = demo_step(rng=random.Random(3), today=today)
    assert first.startswith("Exempelenkäter: brukarundersökning hemtjänst 2025 (49 svar)")
    assert demo_step(rng=random.Random(3), today=today) == "Exempelenkäter finns redan."
    [survey] = surveys_report_figures(scope=org.soc, year=2025)["surveys"]  # not riket on its own
    assert (survey["survey"], survey["invited"], survey["answered"]) == ("brukarundersokning-hemtjanst", 72, 49)
    assert survey["by_unit"]["ALD-NV1"]["suppressed"]
    helhet = survey["questions"]["helhet"]
    assert helhet["previous_share"] is not None and helhet["national_share"] == 88.0
    staff = Survey.objects.get(code="personalenkat-arbetsmiljo")
    assert staff.mode == SurveyMode.IDENTIFIED and staff.tokens.filter(answered=False).exists()
