"""The operator (kommun, nämnd, or a private provider) recorded on the organisation and inherited."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from tillit.org.models import Unit
from tillit.org.selectors import unit_operator
from tillit.testing.client import login
from tillit.testing.factories import assign

pytestmark = pytest.mark.django_db


def test_units_inherit_the_operator_from_the_top_unit_and_a_providers_units_name_the_provider(org):
    Unit.objects.filter(pk=org.soc.pk).update(municipality="Exempelby kommun", namnd="Socialnämnden")
    operator = unit_operator(org.vux1)
    assert (operator.municipality, operator.namnd, operator.provider) == ("Exempelby kommun", "Socialnämnden", "")
    assert operator.name == "Socialnämnden, Exempelby kommun"
    private = unit_operator(org.p1a)
    assert private.name == org.p1a.provider.name
    assert private.public_body == "Socialnämnden, Exempelby kommun"
    # A unit below may name its own nämnd (e.g. a separate äldrenämnd).
    Unit.objects.filter(pk=org.ald.pk).update(namnd="Äldrenämnden")
    assert unit_operator(org.ald1).name == "Äldrenämnden, Exempelby kommun"
    assert unit_operator(Unit.objects.get(pk=org.soc.pk)).name == "Socialnämnden, Exempelby kommun"


def test_unit_manage_sets_municipality_and_namnd_on_the_unit_page(client, org):
    admin = org.user("systemadministrator")
    assign(admin, "systemadministrator", org.soc)
    login(client, admin)
    url = reverse("org:unit_detail", args=[org.soc.pk])
    assert 'name="municipality"' in client.get(url).content.decode()
    response = client.post(
        reverse("org:unit_edit", args=[org.soc.pk]),
        {"name": org.soc.name, "level": org.soc.level, "municipality": "Exempelby kommun", "namnd": "Socialnämnden"},
    )
    assert response.status_code == 302
    org.soc.refresh_from_db()
    assert (org.soc.municipality, org.soc.namnd) == ("Exempelby kommun", "Socialnämnden")
    page = client.get(reverse("org:unit_detail", args=[org.vux1.pk])).content.decode()
    assert "Exempelby kommun" in page and "(ärvs)" in page


def test_a_unit_without_unit_manage_cannot_change_the_operator(client, org):
    login(client, org.user("enhetschef"))
    response = client.post(
        reverse("org:unit_edit", args=[org.vux1.pk]),
        {"name": org.vux1.name, "level": org.vux1.level, "municipality": "Annanstad kommun"},
    )
    assert response.status_code == 404
    org.vux1.refresh_from_db()
    assert org.vux1.municipality == ""


def test_import_org_takes_optional_municipality_and_namnd_and_a_file_without_them_keeps_them(tmp_path, capsys):
    with_operator = tmp_path / "org.csv"
    with_operator.write_text(
        "code,name,parent_code,level,municipality,namnd\n"
        "F1,Socialförvaltningen,,forvaltning,Exempelby kommun,Socialnämnden\n"
        "A1,Avdelning Äldre,F1,avdelning,,\n",
        encoding="utf-8",
    )
    call_command("import_org", str(with_operator))
    f1 = Unit.objects.get(code="F1")
    assert (f1.municipality, f1.namnd) == ("Exempelby kommun", "Socialnämnden")
    assert unit_operator(Unit.objects.get(code="A1")).name == "Socialnämnden, Exempelby kommun"
    call_command("import_org", str(with_operator))
    assert "oförändrade 2" in capsys.readouterr().out
    # The existing columns stay a contract: an old file neither fails nor clears the operator.
    old = tmp_path / "old.csv"
    old.write_text("code,name,parent_code,level\nF1,Socialförvaltningen,,forvaltning\n", encoding="utf-8")
    call_command("import_org", str(old))
    f1.refresh_from_db()
    assert (f1.municipality, f1.namnd) == ("Exempelby kommun", "Socialnämnden")
