"""Internkontroll: results, carry-over (screen and command, the same service), import, figures and
the section "Internkontroll", pages and scope, the demo after seed 002."""

from __future__ import annotations

import random
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from tillit.core.roles import Role
from tillit.internal_control.demo import demo_step
from tillit.internal_control.figures import internal_control_figures
from tillit.internal_control.importer import REQUIRED, import_internal_control
from tillit.internal_control.models import ControlPlan, ControlPoint
from tillit.internal_control.services import plan_carry_over, plan_create, point_add, point_result_set
from tillit.reports import engine
from tillit.testing.client import login
from tillit.testing.factories import UserFactory, assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def keeper(org):
    user = UserFactory(username="kvu_soc")
    assign(user, Role.KVALITETSUTVECKLARE, org.soc)
    return user


@pytest.fixture
def plan(org, keeper):
    plan = plan_create(actor=keeper, unit=org.soc, year=2025)
    results = [("genomford", "utan_anmarkning"), ("genomford", "med_brister"), ("ej_genomford", ""), ("pagar", "")]
    for i, (status, outcome) in enumerate(results, start=1):
        point = point_add(actor=keeper, plan=plan, code=str(i), title=f"Punkt {i}", probability=3, consequence=i)
        point_result_set(actor=keeper, point=point, status=status, outcome=outcome)
    return plan


def test_a_plan_belongs_to_the_top_unit_and_its_keepers(org, keeper):
    with pytest.raises(ValidationError, match="översta enheten"):
        plan_create(actor=keeper, unit=org.vux, year=2025)
    with pytest.raises(PermissionDenied):
        plan_create(actor=org.user("kvalitetsutvecklare"), unit=org.soc, year=2025)  # assigned at VUX


def test_results_are_validated(org, keeper, plan):
    point = plan.points.get(code="4")
    with pytest.raises(ValidationError, match="utfallet"):
        point_result_set(actor=keeper, point=point, status="genomford")
    with pytest.raises(ValidationError, match="bara för en genomförd"):
        point_result_set(actor=keeper, point=point, status="pagar", outcome="med_brister")
    assert [p.light for p in plan.points.order_by("code")] == ["gron", "gul", "rod", "gra"]


def test_carry_over_takes_the_unfinished_and_the_picked_points_once(org, keeper, plan):
    picked = plan.points.get(code="2")
    target, carried = plan_carry_over(actor=keeper, plan=plan, also=[picked.pk])
    assert (target.year, target.previous) == (2026, plan)
    assert sorted(p.carried_from.code for p in carried) == ["2", "3", "4"]
    assert all(p.status == "pagar" and p.outcome == "" for p in carried)
    assert plan_carry_over(actor=keeper, plan=plan)[1] == []  # nothing twice
    with pytest.raises(ValidationError, match="Okända kontrollpunkter"):
        plan_carry_over(actor=keeper, plan=plan, also=[999999])


def test_the_command_uses_the_same_carry_over(org, plan, capsys):
    call_command("carry_over_internal_control", "--year", "2025", "--unit", "SOC")
    assert "Förde över 2 kontrollpunkter till planen för 2026." in capsys.readouterr().out
    assert ControlPlan.objects.get(year=2026).points.count() == 2
    with pytest.raises(CommandError, match="ingen internkontrollplan"):
        call_command("carry_over_internal_control", "--year", "2019", "--unit", "SOC")


def test_figures_and_section(org, keeper, plan):
    plan_carry_over(actor=keeper, plan=plan)
    figures = internal_control_figures(scope=org.soc, year=2025)
    assert figures["internal_control"] == {
        "points": 4,
        "by_status": {"genomford": 2, "ej_genomford": 1, "pagar": 1},
        "by_outcome": {"utan_anmarkning": 1, "med_brister": 1},
        "carried_over": 2,
    }
    assert internal_control_figures(scope=org.vux1, year=2025)["internal_control"]["points"] == 4  # the nämnd's plan
    draft = engine.draft(scope=org.soc, year=2025)
    assert "internal_control_points" not in draft.figures.published
    section = next(s for s in draft.sections if s.key == "internkontroll")
    assert section.title == "Internkontroll"
    assert section.text.startswith("2 av 4 kontrollpunkter i internkontrollplanen för 2025 genomfördes.")
    assert (
        "Inte genomförda: Punkt 3 (ej genomförd), Punkt 4 (pågår). De förs över till planen för 2026." in section.text
    )
    assert section.tables[0]["rows"][2] == ["3 Punkt 3", "Ej genomförd", "–", "Röd – ej genomförd"]


HEADER = ",".join(REQUIRED)


def test_import_validates_the_whole_file_and_is_idempotent(tmp_path, org, keeper):
    good = tmp_path / "ik.csv"
    good.write_text(
        "\n".join(
            [
                HEADER,
                "2025,SOC,1,Attest av fakturor,2,3,Stickprov,Årligen,Controller,genomford,utan_anmarkning,",
                "2025,SOC,2,Behörigheter,3,4,Granskning,Årligen,Systemförvaltare,ej_genomford,,Hann inte",
            ]
        ),
        encoding="utf-8",
    )
    result = import_internal_control(good)
    assert (result.errors, result.plans_created, result.created) == ([], 1, 2)
    again = import_internal_control(good)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert ControlPoint.objects.get(code="2").comment == "Hann inte"
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "\n".join(
            [
                HEADER,
                "20x5,NOPE,,,9,0,,,,klar,bra,",
                "2025,VUX,1,T,1,1,,,,genomford,,",
                "2025,SOC,1,T,1,1,,,,pagar,med_brister,",
                "2025,SOC,1,T,1,1,,,,pagar,,",
            ]
        ),
        encoding="utf-8",
    )
    errors = "\n".join(import_internal_control(bad).errors)
    for expected in (
        "rad 2: year ska vara ett årtal",
        "okänd enhet ”NOPE”",
        "probability ska vara ett heltal 1–5, inte ”9”",
        "okänd status ”klar”",
        "okänt utfall ”bra”",
        "rad 3: ”VUX” är inte nämndens översta enhet",
        "en genomförd kontroll behöver ett utfall",
        "rad 4: utfall anges bara för status genomford",
        "rad 5: kontrollpunkten 1 finns redan på rad 4",
    ):
        assert expected in errors, expected
    assert ControlPoint.objects.count() == 2


def test_pages_scope_and_carry_over_from_the_screen(client, org, keeper, plan):
    login(client, keeper)
    assert client.get(reverse("internal_control:plan_list")).status_code == 200
    assert client.get(reverse("internal_control:plan_new")).status_code == 200
    page = client.get(reverse("internal_control:plan_detail", args=[plan.pk])).content.decode()
    assert "2 av 4 kontrollpunkter genomförda." in page and "Röd – ej genomförd" in page
    point = plan.points.get(code="4")
    response = client.post(
        reverse("internal_control:point_detail", args=[point.pk]), {"status": "genomford", "outcome": "med_brister"}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("internal_control:point_new", args=[plan.pk]), {"title": "Ny punkt", "probability": 2, "consequence": 2}
    )
    assert response.status_code == 302 and plan.points.count() == 5
    response = client.post(reverse("internal_control:carry_over", args=[plan.pk]))
    target = ControlPlan.objects.get(year=2026)
    page = client.get(reverse("internal_control:plan_detail", args=[plan.pk])).content.decode()
    assert page.count("Överförd till 2026") == 2 and 'name="also"' in page
    assert page.count('name="also"') == 3  # points 1, 2 and 4: done and not carried
    assert response["Location"] == reverse("internal_control:plan_detail", args=[target.pk])
    assert sorted(target.points.values_list("title", flat=True)) == ["Ny punkt", "Punkt 3"]
    response = client.post(reverse("internal_control:plan_new"), {"unit": org.soc.pk, "year": 2027})
    assert response.status_code == 302 and ControlPlan.objects.filter(year=2027).exists()
    for role in ("enhetschef", "kvalitetsutvecklare", "medarbetare", "namnd"):  # none assigned at the nämnd's unit
        login(client, org.user(role))
        assert client.get(reverse("internal_control:plan_detail", args=[plan.pk])).status_code == 404
        assert client.get(reverse("internal_control:point_detail", args=[point.pk])).status_code == 404


def test_demo_plan_after_seed_002(org):
    today = date(2026, 5, 1)
    assert demo_step(rng=random.Random(1), today=today) == (
        "Exempelinternkontroll 2025: 8 kontrollpunkter, 1 förd över till 2026."
    )
    assert demo_step(rng=random.Random(1), today=today) == "Exempelinternkontroll finns redan."
    figures = internal_control_figures(scope=org.soc, year=2025)["internal_control"]
    assert (figures["points"], figures["by_status"]["genomford"], figures["carried_over"]) == (8, 7, 1)


def test_the_plan_page_makes_a_constant_number_of_queries(client, org, keeper, plan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, keeper)
    url = reverse("internal_control:plan_detail", args=[plan.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(5, 13):
        point_add(actor=keeper, plan=plan, code=str(i), title=f"Punkt {i}", probability=2, consequence=2)
    plan_carry_over(actor=keeper, plan=plan)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
