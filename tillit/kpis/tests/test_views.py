"""KPI pages: who sees what (out of scope → 404), manual entry, the chart and "Källa: Kolada"."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tillit.audit.models import AuditEvent
from tillit.kpis.demo import demo_step
from tillit.kpis.models import Kpi, KpiSource, KpiValue
from tillit.kpis.selectors import kpi_figures
from tillit.testing.client import login

pytestmark = pytest.mark.django_db


def _own_kpi(**kwargs) -> Kpi:
    return Kpi.objects.create(code="EGEN01", title="Andel i tid", source=KpiSource.MANUAL, measure="procent", **kwargs)


@pytest.mark.parametrize("role", ["medarbetare"])
def test_roles_without_kpi_view_get_404(client, org, role):
    _own_kpi()
    login(client, org.user(role))
    assert client.get(reverse("kpis:kpi_list")).status_code == 404
    assert client.get(reverse("kpis:kpi_detail", kwargs={"code": "EGEN01"})).status_code == 404
    assert AuditEvent.objects.filter(action="permission_denied", object_type="kpis.kpi").exists()


@pytest.mark.parametrize("role", ["namnd", "ledning", "enhetschef", "utforarkontakt", "kvalitetsutvecklare"])
def test_readers_and_aggregate_only_roles_see_the_list(client, org, role):
    _own_kpi()
    login(client, org.user(role))
    response = client.get(reverse("kpis:kpi_list"))
    assert response.status_code == 200
    assert "Andel i tid" in response.content.decode()


def test_unknown_kpi_is_404(client, org):
    login(client, org.user("namnd"))
    assert client.get(reverse("kpis:kpi_detail", kwargs={"code": "NOPE"})).status_code == 404


def test_a_kolada_kpi_page_shows_chart_table_gender_split_and_source(client, org):
    demo_step(rng=None, today=None)
    login(client, org.user("namnd"))
    response = client.get(reverse("kpis:kpi_detail", kwargs={"code": "U33401"}))
    html = response.content.decode()
    assert response.status_code == 200
    # over time (kommun, riket, group), women/men side by side, and the styrdiagram (I-chart) of the years
    assert html.count("<svg") == 3
    assert "Styrdiagram: " in html
    assert "Källa: Kolada (U33401)" in html
    assert "Exempeldata: påhittade värden" in html
    assert "Riket" in html and "Jämförelsegrupp" in html and "Kvinnor" in html
    assert "Grannby (demo)" in html


def test_demo_step_is_idempotent_and_marked(org):
    first = demo_step(rng=None, today=None)
    assert "påhittade" in first
    count = KpiValue.objects.count()
    assert count == 3 * 9 * 4 * 3  # KPIs × years 2017–2025 × (Exempelby, riket, two in the group) × T/K/M
    assert demo_step(rng=None, today=None) == "Exempelnyckeltal finns redan."
    assert KpiValue.objects.count() == count
    assert set(KpiValue.objects.values_list("status", flat=True)) == {"demo"}
    assert KpiValue.objects.filter(unit=org.soc).count() == 3 * 9 * 3


def test_kpi_list_query_count_does_not_grow_with_kpis(client, org):
    login(client, org.user("namnd"))
    url = reverse("kpis:kpi_list")
    _own_kpi()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    demo_step(rng=None, today=None)
    for i in range(5):
        Kpi.objects.create(code=f"X{i}", title=f"X{i}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert "9 nyckeltal" in response.content.decode()
    assert len(many) == len(few)


def test_manual_entry_in_scope_and_404_outside(client, org):
    kpi = _own_kpi()
    url = reverse("kpis:value_new", kwargs={"code": kpi.code})
    login(client, org.user("enhetschef"))  # reads KPIs but may not enter values
    assert client.get(url).status_code == 404
    login(client, org.user("kvalitetsutvecklare"))  # kpi.manage at VUX
    assert client.get(url).status_code == 200
    response = client.post(url, {"unit": org.vux1.pk, "period": "2025-03", "gender": "T", "value": "12,5"})
    assert response.status_code == 302
    value = KpiValue.objects.get(kpi=kpi, unit=org.vux1)
    assert (value.year, value.month, value.value) == (2025, 3, 12.5)
    assert AuditEvent.objects.filter(object_type="kpis.kpi", detail__origin="manuell").exists()
    # A unit outside the scope is not offered; posting it changes nothing.
    response = client.post(url, {"unit": org.ald1.pk, "period": "2025", "gender": "T", "value": "1"})
    assert response.status_code == 422
    assert not KpiValue.objects.filter(unit=org.ald1).exists()
    # Bad input keeps what was typed.
    response = client.post(url, {"unit": org.vux1.pk, "period": "mars", "gender": "T", "value": "12,5"})
    assert response.status_code == 422 and 'value="mars"' in response.content.decode()


def test_kolada_kpis_take_no_manual_values(client, org):
    Kpi.objects.create(code="U33401", title="Utredningstid", source=KpiSource.KOLADA)
    login(client, org.user("kvalitetsutvecklare"))
    assert client.get(reverse("kpis:value_new", kwargs={"code": "U33401"})).status_code == 404


def test_new_own_kpi(client, org):
    url = reverse("kpis:kpi_new")
    login(client, org.user("enhetschef"))
    assert client.get(url).status_code == 404
    login(client, org.user("kvalitetsutvecklare"))
    response = client.post(
        url, {"code": "EGEN02", "title": "Mediantid till svar på klagomål", "measure": "dagar", "direction": "lagre"}
    )
    assert response.status_code == 302
    assert Kpi.objects.get(code="EGEN02").source == KpiSource.MANUAL
    again = client.post(url, {"code": "EGEN02", "title": "Igen", "measure": "dagar", "direction": "lagre"})
    assert again.status_code == 422 and Kpi.objects.filter(code="EGEN02").count() == 1


def test_own_unit_values_are_shown_only_in_scope(client, org):
    kpi = _own_kpi()
    KpiValue.objects.create(kpi=kpi, unit=org.vux1, year=2025, value=11)
    KpiValue.objects.create(kpi=kpi, unit=org.ald1, year=2025, value=22)
    login(client, org.user("enhetschef"))  # scope: VUX1
    html = client.get(reverse("kpis:kpi_detail", kwargs={"code": kpi.code})).content.decode()
    assert org.vux1.name in html and org.ald1.name not in html


def test_kpi_figures_for_a_report_section(org):
    demo_step(rng=None, today=None)
    figures = {f["code"]: f for f in kpi_figures(unit_ids=None, year=2025)}
    assert set(figures) == {"U33401", "U21468", "U23471"}
    u = figures["U33401"]
    assert set(u["municipality"]) == {"2024", "2025"} and set(u["municipality"]["2025"]) == {"T", "K", "M"}
    assert u["riket"]["2025"]["T"] is not None
    assert u["change"] == pytest.approx(u["municipality"]["2025"]["T"] - u["municipality"]["2024"]["T"])
    assert u["source_label"] == "Kolada"
