"""Unit sizes (antal brukare per enhet och år): the page (kpi.manage only), the service and the import."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tillit.audit.models import AuditEvent
from tillit.kpis.importer import import_unit_denominators
from tillit.kpis.models import UnitDenominator
from tillit.kpis.services import unit_denominator_set
from tillit.testing.client import login

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["medarbetare", "enhetschef", "namnd", "ledning", "mas"])
def test_only_kpi_managers_reach_the_page(client, org, role):
    login(client, org.user(role))
    assert client.get(reverse("kpis:denominators")).status_code == 404


def test_kvalitetsutvecklare_enters_and_corrects_a_unit_size(client, org):
    login(client, org.user("kvalitetsutvecklare"))
    url = reverse("kpis:denominators")
    assert client.get(url).status_code == 200
    response = client.post(url, {"unit": org.vux1.pk, "year": 2026, "value": 120}, follow=True)
    assert "Antalet brukare för Boendestöd 2026 är sparat." in response.content.decode()
    client.post(url, {"unit": org.vux1.pk, "year": 2026, "value": 130})
    client.post(url, {"unit": org.vux1.pk, "year": 2026, "value": 130})  # double click: nothing new
    assert UnitDenominator.objects.get().value == 130
    assert AuditEvent.objects.filter(object_type="kpis.unitdenominator").count() == 2
    bad = client.post(url, {"unit": org.vux1.pk, "year": 2026, "value": 0})
    assert bad.status_code == 422


def test_a_unit_outside_scope_is_refused(org):
    with pytest.raises(PermissionDenied):
        unit_denominator_set(actor=org.user("kvalitetsutvecklare"), unit=org.ald1, year=2026, value=10)


def test_page_lists_sizes_in_one_query_whatever_their_number(client, org, django_assert_max_num_queries):
    for year in range(2000, 2030):
        unit_denominator_set(actor=None, unit=org.vux1, year=year, value=10)
        unit_denominator_set(actor=None, unit=org.vux2, year=year, value=20)
    login(client, org.user("kvalitetsutvecklare"))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("kpis:denominators"))
    assert response.content.decode().count("<tr><td>") == 60


def test_import_validates_the_whole_file_then_stores(org, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("unit_code,year,brukare\nVUX1,2026,120\nNOPE,2026,3\nVUX2,2026-03,x\nVUX1,2026,4\n")
    result = import_unit_denominators(bad)
    assert result.errors == [
        "rad 3: okänd enhet ”NOPE”",
        "rad 4: ogiltigt år ”2026-03” (skriv till exempel 2025); antalet brukare ”x” ska vara ett heltal större än noll",
        "rad 5: samma enhet och år finns redan på rad 2",
    ]
    assert not UnitDenominator.objects.exists()
    good = tmp_path / "good.csv"
    good.write_text("unit_code;year;brukare\nVUX1;2026;120\nVUX2;2026;80\n")
    assert import_unit_denominators(good).stored == 2
    assert import_unit_denominators(good).stored == 2
    assert UnitDenominator.objects.count() == 2
