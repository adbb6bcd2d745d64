"""Fixtures for the assessment tests: the shipped frameworks, established, and assessments on them."""

from __future__ import annotations

from datetime import date

import pytest

from tillit.assessments.demo import JOURNAL_FILE, SOSFS_FILE
from tillit.assessments.importer import import_framework
from tillit.assessments.models import AssessmentTemplate
from tillit.assessments.services import assessment_create


@pytest.fixture
def gap(db) -> AssessmentTemplate:
    return import_framework(SOSFS_FILE, establish=True).templates[0]


@pytest.fixture
def journal(db) -> AssessmentTemplate:
    return import_framework(JOURNAL_FILE, establish=True).templates[0]


@pytest.fixture
def kvu(org):
    return org.user("kvalitetsutvecklare")


def make_gap(org, gap, *, title="GAP 2026", unit=None, performed_on=date(2026, 3, 1), performer=None):
    performer = performer or org.user("kvalitetsutvecklare")
    return assessment_create(
        actor=performer,
        template=gap,
        unit=unit or org.vux1,
        title=title,
        performed_on=performed_on,
        performer=performer,
    )


def make_review(org, journal, *, population="30", size=30, seed=42, unit=None, performer=None):
    performer = performer or org.user("kvalitetsutvecklare")
    return assessment_create(
        actor=performer,
        template=journal,
        unit=unit or org.vux1,
        title="Journalgranskning",
        performed_on=date(2026, 3, 1),
        performer=performer,
        population=population,
        sample_size=size,
        seed=seed,
    )
