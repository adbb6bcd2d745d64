"""Egenkontroll pages: the flow from a new programme to a started round with its sample and the
results, the permission table for every role and scope relation (a denial is a 404 that changes
nothing), and a constant number of queries on the list pages."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tillit.core.registry import roles_with
from tillit.core.roles import Role
from tillit.self_inspection.models import Method, Programme, ProgrammeItem, Round
from tillit.self_inspection.services import item_add, programme_create
from tillit.self_inspection.tests.conftest import carry_out, start
from tillit.testing.client import login

pytestmark = pytest.mark.django_db


def test_from_a_new_programme_to_a_round_with_results(client, org, chef, aktgranskning):
    login(client, chef)
    assert client.get(reverse("self_inspection:programme_list")).status_code == 200
    response = client.post(reverse("self_inspection:programme_new"), {"unit": org.vux1.pk, "year": 2025})
    programme = Programme.objects.get()
    assert response["Location"] == programme.get_absolute_url()
    response = client.post(
        reverse("self_inspection:item_new", args=[programme.pk]),
        {
            "code": "AKT",
            "title": "Aktgranskning av utredningar",
            "method": Method.JOURNALGRANSKNING,
            "template": aktgranskning.pk,
            "frequency": "Två gånger per år",
            "responsible": "Enhetschef",
            "months": ["4", "10"],
        },
    )
    assert response.status_code == 302 and Round.objects.count() == 2
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "Aktgranskning av utredningar (apr 2025)" in page and "apr, okt" in page
    assert "Registrera att programmet är antaget" not in page  # recorded by avdelningschef or kvalitetsutvecklare
    april = Round.objects.order_by("due_on").first()
    response = client.post(
        reverse("self_inspection:round_start", args=[april.pk]),
        {"performed_on": "2025-04-15", "performer": chef.pk, "population": "BOU-1\n19121212-1212", "sample_size": 1},
    )
    assert response.status_code == 422 and "personnummer" in response.content.decode()
    response = client.post(
        reverse("self_inspection:round_start", args=[april.pk]),
        {
            "performed_on": "2025-04-15",
            "performer": chef.pk,
            "population": "BOU-1\nBOU-2\nBOU-3\nBOU-4",
            "sample_size": 4,
            "seed": 99,
        },
    )
    assert response["Location"] == april.get_absolute_url()
    page = client.get(april.get_absolute_url()).content.decode()
    assert "4 ärenden av 4, slumpfrö 99" in page and "Granska ärendena" in page
    carry_out(
        Round.objects.get(pk=april.pk),
        chef,
        [("ja", "ja", "ja"), ("ja", "nej", "nej"), ("nej", "", "ja"), ("ja", "ja", "ej_aktuellt")],
    )
    page = client.get(april.get_absolute_url()).content.decode()
    assert "Läs svaren" in page and "75\u00a0% (n = 4)" in page and "67\u00a0% (n = 3)" in page
    assert "Åtgärder" in page

    login(client, org.user("kvalitetsutvecklare"))
    response = client.post(reverse("self_inspection:programme_adopt", args=[programme.pk]), {"decision_reference": ""})
    assert response.status_code == 422
    response = client.post(
        reverse("self_inspection:programme_adopt", args=[programme.pk]), {"decision_reference": "SN § 88"}
    )
    assert response.status_code == 302
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "Antaget" in page and "SN § 88" in page and "Lägg till en kontroll" not in page
    assert ": Utkast" in page and ": Antaget" in page  # the history, with the states' labels


def test_the_round_page_compares_and_draws_the_rounds(client, org, chef, programme):
    april, october = Round.objects.order_by("due_on")
    carry_out(start(april, chef), chef, [("ja", "nej", "ja"), ("nej", "", "ja"), ("nej", "", "nej"), ("nej", "", "ja")])
    carry_out(
        start(october, chef), chef, [("ja", "ja", "ja"), ("ja", "ja", "ja"), ("nej", "", "nej"), ("ja", "nej", "ja")]
    )
    login(client, chef)
    page = client.get(october.get_absolute_url()).content.decode()
    assert "jämfört med omgången 2025-04-15" in page and "50 procentenheter" in page
    assert "<svg" in page and "Andel uppfyllt över omgångar" in page


HOMES = {Role.MEDARBETARE: "vux1", Role.ENHETSCHEF: "vux1", Role.UTFORARKONTAKT: "p1a"}


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_pages_follow_the_permission_table(client, org, aktgranskning, role):
    keeper = org.user("kvalitetsutvecklare")  # at VUX
    home = getattr(org, HOMES.get(role, "vux"))
    login(client, org.user(role))
    for unit in (org.vux, org.vux1, org.vux2, org.ald1, org.soc):
        programme = Programme.objects.filter(unit=unit).first() or programme_create(actor=None, unit=unit, year=2025)
        if not programme.items.exists():
            item_add(
                actor=None,
                programme=programme,
                code="AKT",
                title="Akt",
                method="journalgranskning",
                template=aktgranskning,
                months=[4],
            )
        round_ = programme.items.get().rounds.get()
        in_scope = unit.path.startswith(home.path)
        may_view = in_scope and role in roles_with("self_inspection.view")
        may_manage = in_scope and role in roles_with("self_inspection.manage")
        detail = reverse("self_inspection:programme_detail", args=[programme.pk])
        assert client.get(detail).status_code == (200 if may_view else 404), unit.code
        round_page = reverse("self_inspection:round_detail", args=[round_.pk])
        assert client.get(round_page).status_code == (200 if may_view else 404), unit.code
        before = ProgrammeItem.objects.count()
        response = client.post(
            reverse("self_inspection:item_new", args=[programme.pk]),
            {"code": f"N{unit.pk}", "title": "Ny", "method": "observation", "months": ["5"]},
        )
        assert response.status_code == (302 if may_manage else 404), unit.code
        assert ProgrammeItem.objects.count() == before + (1 if may_manage else 0)
    list_status = client.get(reverse("self_inspection:programme_list")).status_code
    assert list_status == (200 if role in roles_with("self_inspection.view") else 404)
    assert keeper is not None


def test_aggregate_roles_see_no_programme_or_round(org):
    for role in (Role.LEDNING, Role.NAMND):
        assert role not in roles_with("self_inspection.view")


def test_list_and_programme_pages_make_a_constant_number_of_queries(client, org, chef, programme, aktgranskning):
    start(Round.objects.order_by("due_on").first(), chef)
    login(client, chef)
    pages = [reverse("self_inspection:programme_list"), programme.get_absolute_url()]
    for url in pages:
        client.get(url)
    few = {}
    for url in pages:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        few[url] = len(ctx)
    for year in (2023, 2024, 2026):
        other = programme_create(actor=chef, unit=org.vux1, year=year)
        item_add(actor=chef, programme=other, code="A", title="A", method="observation", months=[1, 2, 3])
    for code in ("B", "C", "D"):
        item_add(
            actor=chef,
            programme=programme,
            code=code,
            title=code,
            method="journalgranskning",
            template=aktgranskning,
            months=[5, 6],
        )
    start(Round.objects.filter(item__code="B").first(), chef)
    for url in pages:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        assert len(ctx) == few[url], (url, [q["sql"] for q in ctx.captured_queries])


def test_a_finding_becomes_an_action_on_the_round(client, org, chef, programme):
    from datetime import timedelta

    from django.utils import timezone

    from tillit.actions.models import Action

    round_ = carry_out(start(Round.objects.order_by("due_on").first(), chef), chef, [("nej", "", "nej")] * 4)
    data = {
        "action_type": "ny_rutin",
        "description": "Rutin för utredningsplan inom sex veckor.",
        "owner": chef.pk,
        "due_on": (timezone.localdate() + timedelta(days=20)).isoformat(),
    }
    login(client, chef)
    response = client.post(reverse("actions:action_add", args=["self_inspection.round", round_.pk]), data)
    assert response.status_code == 302, response.content.decode()
    assert Action.objects.get().source == round_
    page = client.get(reverse("self_inspection:round_detail", args=[round_.pk])).content.decode()
    assert "Rutin för utredningsplan inom sex veckor." in page
    login(client, org.user("utredare"))  # reads the round, may not add actions to it
    response = client.post(reverse("actions:action_add", args=["self_inspection.round", round_.pk]), data)
    assert response.status_code == 404 and Action.objects.count() == 1 and Action.objects.count() == 1


def test_a_round_without_criteria_is_recorded_as_done(client, org, chef, programme):
    item = item_add(
        actor=chef, programme=programme, code="OBS", title="Observation av måltiden", method="observation", months=[5]
    )
    round_ = item.rounds.get()
    login(client, chef)
    page = client.get(reverse("self_inspection:round_detail", args=[round_.pk])).content.decode()
    assert "Registrera som genomförd" in page and "Dra urvalet" not in page
    url = reverse("self_inspection:round_done", args=[round_.pk])
    response = client.post(url, {"done_on": "2025-05-20", "summary": ""})
    assert response.status_code == 422
    response = client.post(url, {"done_on": "2025-05-20", "summary": "Måltiden var lugn; två brukare fick vänta."})
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.is_done and not round_.is_overdue and str(round_.done_on) == "2025-05-20"
    assert client.post(url, {"done_on": "2025-05-21", "summary": "Igen"}).status_code == 422  # once
    assert "Måltiden var lugn" in client.get(reverse("self_inspection:round_detail", args=[round_.pk])).content.decode()
