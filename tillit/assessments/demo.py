"""Demo granskningar: SOSFS 2011:9 as a GAP framework with last year's and this year's analysis in the
förvaltning, and a journalgranskning in IFO with the conditional criteria from seed 000 (of 30
reviewed case files 8 had an utredningsplan; of those 8, 3 were made within six weeks).

Idempotent: templates by code and version, assessments by title and unit."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from django.db import transaction

from tillit.accounts.models import RoleAssignment
from tillit.assessments.importer import import_framework
from tillit.assessments.models import Assessment, AssessmentTemplate
from tillit.assessments.services import answer_save, assessment_complete, assessment_create
from tillit.core.roles import Role
from tillit.org.models import Unit

FRAMEWORKS = Path(__file__).resolve().parent / "frameworks"
SOSFS_FILE = FRAMEWORKS / "sosfs_2011_9.csv"
JOURNAL_FILE = FRAMEWORKS / "journalgranskning_ifo.csv"
JOURNAL_SEED = 2000  # shown on the page: the same seed draws the same sample


def _answer_all(assessment: Assessment, actor, rng: random.Random, weights: dict[str, int], share: float = 1.0):
    items = [i for i in assessment.template.items.order_by("position") if not i.is_heading]
    codes, w = list(weights), list(weights.values())
    for item in items[: round(len(items) * share)]:
        answer_save(actor=actor, assessment=assessment, item=item, value=rng.choices(codes, w)[0])


@transaction.atomic
def demo_step(*, rng: random.Random, today: date) -> str | None:
    staff = (
        RoleAssignment.objects.filter(role=Role.KVALITETSUTVECKLARE, user__is_active=True)
        .select_related("user", "unit")
        .order_by("user__username")
        .first()
    )
    if staff is None:
        return None
    actor, root = staff.user, staff.unit  # in the demo: the förvaltning
    import_framework(SOSFS_FILE, establish=True)
    import_framework(JOURNAL_FILE, establish=True)
    made = 0
    gap = AssessmentTemplate.objects.get(code="SOSFS-2011-9", version=1)
    for year, open_share in ((today.year - 1, None), (today.year, 0.6)):
        title = f"GAP-analys SOSFS 2011:9 {year}"
        if Assessment.objects.filter(title=title, unit=root).exists():
            continue
        performed_on = date(year, 3, 15) if year < today.year else today - timedelta(days=7)
        assessment = assessment_create(
            actor=actor, template=gap, unit=root, title=title, performed_on=performed_on, performer=actor
        )
        if open_share is None:  # last year: finished, weaker than this year
            _answer_all(assessment, actor, rng, {"uppfyllt": 4, "delvis": 4, "ej_uppfyllt": 2})
            assessment_complete(actor=actor, assessment=assessment, today=performed_on)
        else:
            _answer_all(assessment, actor, rng, {"uppfyllt": 6, "delvis": 3, "ej_uppfyllt": 1}, share=open_share)
        made += 1

    ifo = Unit.objects.filter(code="BOU-UTR", path__startswith=root.path).first() or root
    title = f"Journalgranskning IFO {today.year - 1}"
    if not Assessment.objects.filter(title=title, unit=ifo).exists():
        journal = AssessmentTemplate.objects.get(code="JOURNAL-IFO", version=1)
        performed_on = date(today.year - 1, 11, 20)
        assessment = assessment_create(
            actor=actor,
            template=journal,
            unit=ifo,
            title=title,
            performed_on=performed_on,
            performer=actor,
            population="120",
            sample_size=30,
            seed=JOURNAL_SEED,
        )
        plan, within = journal.items.order_by("position")[:2]
        for case in assessment.cases.order_by("position"):
            has_plan = case.position <= 8
            answer_save(actor=actor, assessment=assessment, item=plan, case=case, value="ja" if has_plan else "nej")
            if has_plan:
                value = "ja" if case.position <= 3 else "nej"
                answer_save(actor=actor, assessment=assessment, item=within, case=case, value=value)
        assessment_complete(actor=actor, assessment=assessment, today=performed_on)
        made += 1
    return f"Exempelgranskningar: {made} nya." if made else "Exempelgranskningar finns redan."
