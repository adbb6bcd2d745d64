"""The `gap` figures and the GAP paragraph of the ledningssystem section: the latest finished GAP
analysis in the scope, counts per result and chapter, the change since the previous analysis."""

from __future__ import annotations

from datetime import date

import pytest

from tillit.assessments.demo import SOSFS_FILE
from tillit.assessments.importer import import_framework
from tillit.assessments.models import AssessmentTemplate
from tillit.assessments.services import answer_save, assessment_complete, assessment_create
from tillit.documents.gap import gap_figures
from tillit.reports.engine import draft

pytestmark = pytest.mark.django_db


def gap_round(org, performed_on: date, answer):
    actor = org.user("kvalitetsutvecklare")
    template = AssessmentTemplate.objects.get(code="SOSFS-2011-9", version=1)
    assessment = assessment_create(
        actor=actor, template=template, unit=org.vux, title=f"GAP {performed_on}", performed_on=performed_on,
        performer=actor,
    )  # fmt: skip
    for item in template.items.order_by("position"):
        if not item.is_heading:
            answer_save(actor=actor, assessment=assessment, item=item, value=answer(item))
    assessment_complete(actor=actor, assessment=assessment, today=performed_on)
    return assessment


def test_gap_figures_and_section(org):
    import_framework(SOSFS_FILE, establish=True)
    assert gap_figures(scope=org.soc, year=2026) == {"gap": None}
    gap_round(org, date(2025, 3, 15), lambda item: "delvis")
    gap_round(org, date(2026, 3, 15), lambda item: "uppfyllt" if item.ref.startswith("4 kap.") else "ej_uppfyllt")
    gap = gap_figures(scope=org.soc, year=2026)["gap"]
    assert (gap["framework"], gap["assessed_on"], gap["unit"]) == ("SOSFS-2011-9", "2026-03-15", "VUX")
    chapter4 = next(c for c in gap["by_chapter"] if c["ref"] == "4 kap.")
    assert chapter4["counts"]["uppfyllt"] > 0 and chapter4["counts"]["ej_uppfyllt"] == 0
    assert chapter4["previous"]["delvis"] == chapter4["counts"]["uppfyllt"]
    assert gap["previous"]["assessed_on"] == "2025-03-15" and gap["previous"]["counts"]["uppfyllt"] == 0
    assert gap["counts"]["uppfyllt"] == sum(c["counts"]["uppfyllt"] for c in gap["by_chapter"])
    # The report for 2025 sees only the analysis made by then.
    assert gap_figures(scope=org.soc, year=2025)["gap"]["assessed_on"] == "2025-03-15"
    section = next(s for s in draft(scope=org.soc, year=2026).sections if s.key == "ledningssystem")
    assert "En GAP-analys mot SOSFS 2011:9" in section.text and "en ökning med" in section.text
    assert any(t["caption"].startswith("GAP-analys 2026-03-15") for t in section.tables)
