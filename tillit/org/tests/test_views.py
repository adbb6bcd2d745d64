"""Organisation pages: scoped tree and unit pages; create, edit, move, close, reopen for unit.manage."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tillit.org.models import Provider, Unit
from tillit.testing.client import login
from tillit.testing.factories import assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client, org):
    user = org.user("systemadministrator")
    assign(user, "systemadministrator", org.soc)
    return login(client, user)


def test_tree_is_scoped(client, org, django_assert_max_num_queries):
    login(client, org.user("medarbetare"))
    with django_assert_max_num_queries(10):
        response = client.get(reverse("org:unit_list"))
    codes = {u.code for u in response.context["units"]}
    assert codes == {"VUX1"}
    assert client.get(reverse("org:unit_detail", args=[org.ald1.pk])).status_code == 404
    assert client.get(reverse("org:unit_detail", args=[org.vux1.pk])).status_code == 200


def test_provider_contact_sees_only_the_providers_units(client, org):
    login(client, org.user("utforarkontakt"))
    assert {u.code for u in client.get(reverse("org:unit_list")).context["units"]} == {"P1A"}


def test_admin_creates_edits_moves_closes_and_reopens(admin, org):
    response = admin.post(
        reverse("org:unit_new"), {"code": "VUX3", "name": "Boende", "level": "enhet", "parent": org.vux.pk}
    )
    unit = Unit.objects.get(code="VUX3")
    assert response["Location"] == reverse("org:unit_detail", args=[unit.pk])
    admin.post(reverse("org:unit_edit", args=[unit.pk]), {"name": "Boende Väst", "level": "enhet"})
    unit.refresh_from_db()
    assert unit.name == "Boende Väst"
    admin.post(reverse("org:unit_move", args=[unit.pk]), {"new_parent": org.ald.pk})
    unit.refresh_from_db()
    assert unit.parent == org.ald and unit.path.startswith(org.ald.path)
    admin.post(reverse("org:unit_close", args=[unit.pk]), {"closed_on": "2026-06-30"})
    unit.refresh_from_db()
    assert str(unit.closed_on) == "2026-06-30"
    admin.post(reverse("org:unit_reopen", args=[unit.pk]))
    unit.refresh_from_db()
    assert unit.closed_on is None


def test_moving_a_unit_below_itself_is_a_swedish_form_error(admin, org):
    response = admin.post(reverse("org:unit_move", args=[org.vux.pk]), {"new_parent": org.vux1.pk})
    assert response.status_code == 422
    assert "under sig själv" in response.content.decode()
    org.vux.refresh_from_db()
    assert org.vux.parent == org.soc


def test_duplicate_code_keeps_what_was_typed(admin, org):
    response = admin.post(reverse("org:unit_new"), {"code": "VUX1", "name": "Kvar här", "level": "enhet"})
    assert response.status_code == 200 and 'value="Kvar här"' in response.content.decode()


def test_others_get_404_and_nothing_changes(client, org):
    login(client, org.user("enhetschef"))
    for name in ("org:unit_edit", "org:unit_move", "org:unit_close", "org:unit_reopen"):
        response = client.post(reverse(name, args=[org.vux1.pk]), {"name": "X", "level": "enhet"})
        assert response.status_code == 404, name
    assert client.get(reverse("org:unit_new")).status_code == 404
    assert client.get(reverse("org:provider_list")).status_code == 404
    org.vux1.refresh_from_db()
    assert org.vux1.name == "Boendestöd" and org.vux1.closed_on is None


def test_providers(admin, org):
    admin.post(reverse("org:provider_list"), {"code": "attendo", "name": "Attendo Sverige AB"})
    assert Provider.objects.filter(code="attendo").exists()
    assert "Omsorg Ett AB" in admin.get(reverse("org:provider_list")).content.decode()


def test_medarbetare_gets_404_on_edit_and_nothing_changes(client, org):
    login(client, org.user("medarbetare"))
    response = client.post(reverse("org:unit_edit", args=[org.vux1.pk]), {"name": "Kapat", "level": "avdelning"})
    assert response.status_code == 404
    assert client.get(reverse("org:unit_detail", args=[org.vux2.pk])).status_code == 404
    org.vux1.refresh_from_db()
    assert (org.vux1.name, org.vux1.level) == ("Boendestöd", "enhet")


def test_list_marks_closed_units_and_indents_by_depth(admin, org):
    admin.post(reverse("org:unit_close", args=[org.vux2.pk]), {"closed_on": "2026-01-31"})
    html = admin.get(reverse("org:unit_list")).content.decode()
    assert "stängd 2026-01-31" in html and 'class="depth-2"' in html


def test_close_with_open_children_and_bad_date_are_form_errors(admin, org):
    response = admin.post(reverse("org:unit_close", args=[org.vux.pk]), {"closed_on": "2026-06-30"})
    assert response.status_code == 422 and "öppna underenheter" in response.content.decode()
    response = admin.post(reverse("org:unit_close", args=[org.vux1.pk]), {"closed_on": "inte ett datum"})
    assert response.status_code == 422
    org.vux.refresh_from_db()
    org.vux1.refresh_from_db()
    assert org.vux.closed_on is None and org.vux1.closed_on is None


def test_reopen_below_a_closed_parent_is_refused(admin, org):
    admin.post(reverse("org:unit_close", args=[org.vux1.pk]), {"closed_on": "2026-06-30"})
    admin.post(reverse("org:unit_close", args=[org.vux2.pk]), {"closed_on": "2026-06-30"})
    admin.post(reverse("org:unit_close", args=[org.vux.pk]), {"closed_on": "2026-06-30"})
    response = admin.post(reverse("org:unit_reopen", args=[org.vux1.pk]), follow=True)
    assert "Den överordnade enheten är stängd" in response.content.decode()
    org.vux1.refresh_from_db()
    assert org.vux1.closed_on is not None


def test_new_unit_needs_a_parent_in_scope(admin, org):
    response = admin.post(reverse("org:unit_new"), {"code": "ROT", "name": "Ny rot", "level": "forvaltning"})
    assert response.status_code == 200 and not Unit.objects.filter(code="ROT").exists()


def test_provider_list_shows_only_visible_units(client, org):
    user = org.user("systemadministrator")  # assigned at VUX only: ALD's provider units are out of scope
    login(client, user)
    html = client.get(reverse("org:provider_list")).content.decode()
    assert "Omsorg Ett AB" in html and "Solgården" not in html
