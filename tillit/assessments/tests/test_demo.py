"""The demo step: SOSFS 2011:9, two GAP rounds to compare, and seed 000's journalgranskning."""

from __future__ import annotations

import random
from datetime import date

import pytest

from tillit.assessments.demo import demo_step
from tillit.assessments.models import Assessment, AssessmentStatus
from tillit.assessments.selectors import assessment_results, my_open_assessments

pytestmark = pytest.mark.django_db


def test_the_demo_step_is_idempotent_and_reproduces_seed_000(org):
    today = date(2026, 5, 10)
    assert demo_step(rng=random.Random(1), today=today) == "Exempelgranskningar: 3 nya."
    assert demo_step(rng=random.Random(1), today=today) == "Exempelgranskningar finns redan."
    this_year = Assessment.objects.get(title="GAP-analys SOSFS 2011:9 2026")
    assert this_year.status == AssessmentStatus.PAGAR
    assert list(my_open_assessments(org.user("kvalitetsutvecklare"))) == [this_year]
    gap = assessment_results(this_year)
    assert gap.previous_assessment.title == "GAP-analys SOSFS 2011:9 2025" and gap.total.unanswered
    review = Assessment.objects.get(title="Journalgranskning IFO 2025")
    assert (review.sample_size, review.seed, review.population_count) == (30, 2000, 120)
    plan, within = (r.tally for r in assessment_results(review).groups[0].items)
    assert (plan.met, plan.n, within.met, within.n, within.skipped) == (8, 30, 3, 8, 22)
