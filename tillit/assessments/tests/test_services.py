"""The assessment core: versioning lock, conditions, reproducible samples, shares and comparison."""

from __future__ import annotations

import random
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tillit.assessments.models import Answer, AssessmentStatus, EvidenceLink, ItemType, TemplateStatus
from tillit.assessments.sampling import case_number_problem, draw_sample, parse_population
from tillit.assessments.selectors import assessment_results
from tillit.assessments.services import (
    ItemSpec,
    answer_save,
    assessment_complete,
    assessment_create,
    evidence_add,
    scale_ensure,
    template_create,
    template_establish,
    template_new_version,
    template_replace_items,
)
from tillit.assessments.tests.conftest import make_gap, make_review

pytestmark = pytest.mark.django_db


def answerable(template):
    return [i for i in template.items.order_by("position") if i.item_type != ItemType.KAPITEL]


# --- Templates and versions ----------------------------------------------------------------------


def test_an_established_template_cannot_change_and_a_new_version_is_a_copy(gap, kvu):
    with pytest.raises(ValidationError, match="fastställd"):
        template_replace_items(actor=kvu, template=gap, items=[ItemSpec(ref="x", text="Ny")])
    copy = template_new_version(actor=kvu, template=gap)
    assert (copy.code, copy.version, copy.status) == (gap.code, 2, TemplateStatus.UTKAST)
    old = [(i.ref, i.text, i.parent.ref if i.parent else "", i.reference_confirmed) for i in gap.items.all()]
    new = [(i.ref, i.text, i.parent.ref if i.parent else "", i.reference_confirmed) for i in copy.items.all()]
    assert old == new and len(new) == 24
    template_replace_items(actor=kvu, template=copy, items=[ItemSpec(ref="1", text="Ändrad")])  # an utkast may
    assert copy.items.count() == 1 and gap.items.count() == 24
    with pytest.raises(ValidationError, match="redan ett utkast"):
        template_new_version(actor=kvu, template=gap)


def test_an_utkast_cannot_be_used_and_only_kvalitetsutvecklare_manage_templates(org, kvu):
    scale = scale_ensure(code="gap")
    draft = template_create(
        actor=kvu, code="EGEN", version=1, title="Egen", kind="egenkontroll", scale=scale, items=[ItemSpec("1", "A")]
    )
    with pytest.raises(ValidationError, match="fastställda"):
        make_gap(org, draft)
    with pytest.raises(PermissionDenied):
        template_establish(actor=org.user("enhetschef"), template=draft)
    template_establish(actor=kvu, template=draft)
    draft.refresh_from_db()
    assert draft.is_established and draft.established_by == kvu


def test_a_condition_must_name_an_earlier_item_and_a_value_of_the_scale(kvu):
    scale = scale_ensure(code="ja_nej")
    with pytest.raises(ValidationError, match="svarsskala"):
        template_create(
            actor=kvu,
            code="J",
            version=1,
            title="J",
            kind="journalgranskning",
            scale=scale,
            items=[
                ItemSpec("1", "Plan finns"),
                ItemSpec("2", "Inom sex veckor", condition_ref="1", condition_value="x"),
            ],
        )
    with pytest.raises(ValidationError, match="villkorspunkten"):
        template_create(
            actor=kvu,
            code="J",
            version=1,
            title="J",
            kind="journalgranskning",
            scale=scale,
            items=[ItemSpec("2", "Inom sex veckor", condition_ref="1", condition_value="ja"), ItemSpec("1", "Plan")],
        )


# --- Sampling --------------------------------------------------------------------------------------


def test_the_same_seed_draws_the_same_sample_and_the_seed_is_stored(org, journal):
    cases = [f"IFO-2025-{n:03d}" for n in range(1, 121)]
    first = make_review(org, journal, population="\n".join(cases), size=30, seed=20251)
    again = make_review(org, journal, population=", ".join(cases), size=30, seed=20251)
    other = make_review(org, journal, population="\n".join(cases), size=30, seed=7)
    numbers = [c.case_number for c in first.cases.order_by("position")]
    assert first.seed == 20251 and first.sample_size == 30 and len(set(numbers)) == 30
    assert numbers == [c.case_number for c in again.cases.order_by("position")]
    assert numbers != [c.case_number for c in other.cases.order_by("position")]
    assert numbers == [cases[i] for i in random.Random(20251).sample(range(120), 30)]


def test_a_counted_population_and_a_share_give_positions_and_a_fresh_seed_is_kept(org, journal, kvu):
    review = assessment_create(
        actor=kvu,
        template=journal,
        unit=org.vux1,
        title="Urval",
        performed_on=date(2026, 1, 1),
        performer=kvu,
        population="120",
        sample_share=10,
    )
    assert review.sample_size == 12 and review.seed is not None and review.population_count == 120
    positions = [c.population_index for c in review.cases.order_by("position")]
    assert positions == [p + 1 for p in draw_sample(120, 12, review.seed)]
    assert review.cases.first().label.startswith("Ärende nr ")


@pytest.mark.parametrize(
    "value", ["19121212-1212", "191212121212", "121212+1212", "Anna Andersson", "Anna", "IFO 12", "x" * 41 + "1"]
)
def test_names_and_personnummer_are_refused_as_case_numbers(value):
    assert case_number_problem(value)
    assert parse_population(f"IFO-1\n{value}").errors


def test_case_numbers_that_are_pseudonymous_pass():
    assert parse_population("BOU-2025-0142\nVUX/2025/17\n2025.0003").errors == []
    assert parse_population("IFO-1\nIFO-1").errors == ["”IFO-1” finns två gånger"]
    assert parse_population("0").errors and parse_population("").errors


def test_a_sampled_review_needs_a_population_and_a_size(org, journal):
    with pytest.raises(ValidationError, match="personnummer"):
        make_review(org, journal, population="19121212-1212")
    with pytest.raises(ValidationError, match="storlek"):
        make_review(org, journal, size=None)


# --- Answers, conditions, results ------------------------------------------------------------------


def test_seed_000_example_conditional_criterion_counts_only_where_the_first_is_met(org, journal, kvu):
    review = make_review(org, journal, population="120", size=30, seed=1)
    plan, within = answerable(journal)
    for case in review.cases.order_by("position"):
        answer_save(actor=kvu, assessment=review, item=plan, case=case, value="ja" if case.position <= 8 else "nej")
        if case.position <= 8:
            answer_save(
                actor=kvu, assessment=review, item=within, case=case, value="ja" if case.position <= 3 else "nej"
            )
        else:
            with pytest.raises(ValidationError, match="gäller inte"):
                answer_save(actor=kvu, assessment=review, item=within, case=case, value="ja")
    results = assessment_results(review)
    first, second = results.groups[0].items
    assert (first.tally.met, first.tally.not_met, first.tally.n) == (8, 22, 30)
    assert round(first.tally.share, 3) == round(8 / 30, 3)
    assert (second.tally.met, second.tally.not_met, second.tally.not_applicable, second.tally.skipped) == (3, 5, 22, 22)
    assert second.tally.share == 3 / 8
    assert (results.total.met, results.total.n) == (11, 38)
    assessment_complete(actor=kvu, assessment=review)
    assert review.__class__.objects.get(pk=review.pk).status == AssessmentStatus.KLAR


def test_a_changed_condition_answer_makes_the_dependent_answer_not_count(org, journal, kvu):
    review = make_review(org, journal, population="1", size=1)
    plan, within = answerable(journal)
    case = review.cases.get()
    answer_save(actor=kvu, assessment=review, item=plan, case=case, value="ja")
    answer_save(actor=kvu, assessment=review, item=within, case=case, value="nej")
    answer_save(actor=kvu, assessment=review, item=plan, case=case, value="nej")
    second = assessment_results(review).groups[0].items[1].tally
    assert (second.met, second.not_met, second.skipped) == (0, 0, 1)


def test_one_answer_per_item_a_second_save_changes_it(org, gap, kvu):
    assessment = make_gap(org, gap)
    item = answerable(gap)[0]
    answer_save(actor=kvu, assessment=assessment, item=item, value="delvis", comment="Saknar beslut")
    answer_save(actor=kvu, assessment=assessment, item=item, value="uppfyllt")
    answer = Answer.objects.get()
    assert (answer.value, answer.comment) == ("uppfyllt", "")
    assert answer.get_absolute_url().endswith(f"#punkt-{item.pk}")
    assert answer.source_label == f"GAP 2026: {item.ref}" and answer.source_unit_id == org.vux1.pk


def test_answers_are_refused_outside_scope_on_headings_with_bad_values_and_when_done(org, gap, kvu):
    assessment = make_gap(org, gap)
    heading = gap.items.get(ref="3 kap.")
    item = answerable(gap)[0]
    with pytest.raises(PermissionDenied):
        answer_save(actor=org.user("medarbetare"), assessment=assessment, item=item, value="uppfyllt")
    with pytest.raises(ValidationError):
        answer_save(actor=kvu, assessment=assessment, item=heading, value="uppfyllt")
    with pytest.raises(ValidationError, match="Välj"):
        answer_save(actor=kvu, assessment=assessment, item=item, value="ja")
    with pytest.raises(ValidationError, match="saknar svar"):
        assessment_complete(actor=kvu, assessment=assessment)
    for i in answerable(gap):
        answer_save(actor=kvu, assessment=assessment, item=i, value="ej_tillampligt")
    assessment_complete(actor=kvu, assessment=assessment)
    assessment.refresh_from_db()
    with pytest.raises(ValidationError, match="klar"):
        answer_save(actor=kvu, assessment=assessment, item=item, value="uppfyllt")


def test_results_per_chapter_and_compared_with_the_previous_round_of_the_same_code(org, gap, kvu):
    last = make_gap(org, gap, title="GAP 2025", performed_on=date(2025, 3, 1))
    for i in answerable(gap):
        answer_save(actor=kvu, assessment=last, item=i, value="ej_uppfyllt" if i.ref.startswith("4") else "uppfyllt")
    assessment_complete(actor=kvu, assessment=last)
    new_version = template_new_version(actor=kvu, template=gap)
    new_version = template_establish(actor=kvu, template=new_version)
    now = make_gap(org, new_version, title="GAP 2026", performed_on=date(2026, 3, 1))
    elsewhere = make_gap(org, gap, title="GAP annan enhet", unit=org.vux2, performed_on=date(2025, 6, 1))
    assert elsewhere.pk
    for i in answerable(new_version):
        answer_save(actor=kvu, assessment=now, item=i, value="uppfyllt" if i.ref != "4 kap. 1 §" else "delvis")
    results = assessment_results(now)
    assert results.previous_assessment == last and results.has_chapters
    chapter4 = next(g for g in results.groups if g.heading.ref == "4 kap.")
    assert (chapter4.tally.met, chapter4.tally.not_met) == (5, 1) and chapter4.previous.share == 0
    assert chapter4.items[0].tally.by_value == {"delvis": 1}
    assert results.total.n == 19 and results.previous_total.met == 13


def test_evidence_is_a_url_or_an_object(org, gap, kvu):
    assessment = make_gap(org, gap)
    answer = answer_save(actor=kvu, assessment=assessment, item=answerable(gap)[0], value="uppfyllt")
    evidence_add(actor=kvu, answer=answer, label="Ledningssystemet", url="https://intranat.example.se/ls")
    link = evidence_add(actor=kvu, answer=answer, label="Granskningen i fjol", target=assessment)
    assert link.href == assessment.get_absolute_url()
    for bad in ({"url": "javascript:alert(1)"}, {"url": ""}, {"url": "https://x.se", "target": assessment}):
        with pytest.raises(ValidationError):
            evidence_add(actor=kvu, answer=answer, label="Fel", **bad)
    assert EvidenceLink.objects.count() == 2
