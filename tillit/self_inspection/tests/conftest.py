"""Fixtures for egenkontroll: the shipped demo templates, established; a programme with one
aktgranskning in VUX1 and helpers to carry a round out."""

from __future__ import annotations

import pytest

from tillit.assessments.importer import import_framework
from tillit.assessments.models import AssessmentTemplate
from tillit.assessments.services import answer_save, assessment_complete
from tillit.self_inspection.demo import TEMPLATES_FILE
from tillit.self_inspection.models import Method
from tillit.self_inspection.services import item_add, programme_create, round_start


@pytest.fixture
def aktgranskning(db) -> AssessmentTemplate:
    import_framework(TEMPLATES_FILE, establish=True)
    return AssessmentTemplate.objects.get(code="AKTGRANSKNING-BOU", version=1)


@pytest.fixture
def chef(org):
    return org.user("enhetschef")  # keeps egenkontroll and performs assessments in VUX1


@pytest.fixture
def programme(org, chef, aktgranskning):
    programme = programme_create(actor=chef, unit=org.vux1, year=2025)
    item_add(
        actor=chef,
        programme=programme,
        code="AKT",
        title="Aktgranskning av utredningar",
        method=Method.JOURNALGRANSKNING,
        template=aktgranskning,
        frequency="Två gånger per år",
        responsible="Enhetschef",
        months=[4, 10],
    )
    return programme


def start(round_, chef, *, population="BOU-1\nBOU-2\nBOU-3\nBOU-4", size=4, seed=7, performed_on=None):
    return round_start(
        actor=chef,
        round_=round_,
        performer=chef,
        performed_on=performed_on or round_.due_on.replace(day=15),
        population=population,
        sample_size=size,
        seed=seed,
    )


def carry_out(round_, chef, answers: list[tuple[str, ...]], *, complete: bool = True):
    """answers: per sampled case (in sample order) the values of criteria 1, 2, 3 (2 only where 1 = ja)."""
    assessment = round_.assessment
    items = {i.ref: i for i in assessment.template.items.all()}
    for case, values in zip(assessment.cases.order_by("position"), answers, strict=True):
        for ref, value in zip(("1", "2", "3"), values, strict=False):
            if value:
                answer_save(actor=chef, assessment=assessment, item=items[ref], case=case, value=value)
    if complete:
        assessment_complete(actor=chef, assessment=assessment, today=assessment.performed_on)
    return round_
