"""The risk matrix screen: view, draft a new version (or the municipality's own matrix), edit the
draft's texts, colours, cells and threshold, activate; a matrix in use is never changed."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tillit.risks.forms import MatrixForm
from tillit.risks.models import RiskMatrix
from tillit.risks.services import analysis_create, matrix_default, matrix_draft, matrix_update
from tillit.risks.tests.conftest import make_analysis
from tillit.testing.client import login

pytestmark = pytest.mark.django_db


def _form_data(matrix: RiskMatrix, **changes) -> dict:
    form = MatrixForm(matrix=matrix)
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    return data | changes


@pytest.mark.parametrize("role", ["kvalitetsutvecklare", "systemadministrator"])
def test_copy_edit_activate(client, org, matrix, role):
    login(client, org.user(role))
    assert client.get(reverse("risks:matrix_list")).status_code == 200
    page = client.get(reverse("risks:matrix_detail", args=[matrix.pk]))
    assert page.status_code == 200 and "Katastrofal" in page.content.decode()

    url = reverse("risks:matrix_new_version", args=[matrix.pk])
    first, second = client.post(url), client.post(url)  # a double click makes one draft
    draft = RiskMatrix.objects.get(code=matrix.code, draft=True)
    assert first["Location"] == second["Location"] == reverse("risks:matrix_edit", args=[draft.pk])
    assert draft.version == 2 and not draft.is_default

    edit = reverse("risks:matrix_edit", args=[draft.pk])
    assert client.get(edit).status_code == 200
    data = _form_data(draft, p4_label="Nästan alltid", level_hog_colour="#FFAA00", cell_2_2="hog")
    data |= {"follow_up_score": 6}
    assert client.post(edit, data).status_code == 302
    draft.refresh_from_db()
    assert draft.probabilities[3]["label"] == "Nästan alltid"
    assert draft.data.level_by_code("hog").colour == "#ffaa00"
    assert draft.cells["2,2"] == "hog" and draft.follow_up_score == 6
    assert matrix_default() == matrix  # not in use before activation

    assert client.post(reverse("risks:matrix_activate", args=[draft.pk]), {"make_default": "1"}).status_code == 302
    draft.refresh_from_db()
    matrix.refresh_from_db()
    assert not draft.draft and draft.confirmed and draft.is_default and not matrix.is_default
    assert matrix_default() == draft
    assert client.get(edit).status_code == 404  # activated: no longer a draft


def test_bad_input_keeps_what_was_typed(client, org, matrix):
    login(client, org.user("kvalitetsutvecklare"))
    draft = matrix_draft(actor=org.user("kvalitetsutvecklare"), matrix=matrix)
    data = _form_data(draft, level_hog_colour="orange", p1_label="Sällan")
    response = client.post(reverse("risks:matrix_edit", args=[draft.pk]), data)
    assert response.status_code == 422
    body = response.content.decode()
    assert "Ange färgen som #rrggbb." in body and 'value="Sällan"' in body


def test_a_matrix_in_use_cannot_be_changed(client, org, matrix):
    make_analysis(org)
    with pytest.raises(ValidationError, match="används redan"):
        matrix_update(actor=org.user("kvalitetsutvecklare"), matrix=matrix, name="Ny")
    login(client, org.user("kvalitetsutvecklare"))
    page = client.get(reverse("risks:matrix_detail", args=[matrix.pk])).content.decode()
    assert "kan inte ändras" in page
    assert client.get(reverse("risks:matrix_edit", args=[matrix.pk])).status_code == 404


def test_the_municipality_defines_its_own_matrix(client, org, matrix):
    login(client, org.user("kvalitetsutvecklare"))
    url = reverse("risks:matrix_new_own", args=[matrix.pk])
    client.post(url, {"name": "Vår matris"})
    client.post(url, {"name": "Vår matris"})
    own = RiskMatrix.objects.get(code="var-matris")
    assert own.draft and own.version == 1 and own.name == "Vår matris"
    client.post(reverse("risks:matrix_activate", args=[own.pk]))
    own.refresh_from_db()
    assert not own.draft and not own.is_default and matrix_default() == matrix


def test_a_draft_is_not_offered_to_analyses(client, org, matrix):
    draft = matrix_draft(actor=None, matrix=matrix)
    with pytest.raises(ValidationError, match="utkast"):
        analysis_create(
            actor=org.user("enhetschef"),
            unit=org.vux1,
            title="x",
            reason="arlig",
            analysed_on=date(2026, 1, 1),
            matrix=draft,
        )
    login(client, org.user("enhetschef"))
    page = client.get(reverse("risks:analysis_new")).content.decode()
    assert f'value="{draft.pk}"' not in page


@pytest.mark.parametrize("role", ["enhetschef", "avdelningschef", "mas"])
def test_risk_readers_see_matrices_but_do_not_change_them(client, org, matrix, role):
    login(client, org.user(role))
    assert client.get(reverse("risks:matrix_list")).status_code == 200
    page = client.get(reverse("risks:matrix_detail", args=[matrix.pk])).content.decode()
    assert "Gör en ny version" not in page
    assert client.post(reverse("risks:matrix_new_version", args=[matrix.pk])).status_code == 404
    assert client.post(reverse("risks:matrix_new_own", args=[matrix.pk]), {"name": "x"}).status_code == 404
    with pytest.raises(PermissionDenied):
        matrix_draft(actor=org.user(role), matrix=matrix)
    assert not RiskMatrix.objects.filter(draft=True).exists()


@pytest.mark.parametrize("role", ["medarbetare", "utredare", "namnd", "ledning", "utforarkontakt"])
def test_other_roles_get_404(client, org, matrix, role):
    login(client, org.user(role))
    assert client.get(reverse("risks:matrix_list")).status_code == 404
    assert client.get(reverse("risks:matrix_detail", args=[matrix.pk])).status_code == 404


def test_the_matrix_list_takes_a_constant_number_of_queries(client, org, matrix, django_assert_max_num_queries):
    for _ in range(3):
        matrix_draft(actor=None, matrix=matrix_default())
        RiskMatrix.objects.filter(draft=True).update(draft=False)
    login(client, org.user("kvalitetsutvecklare"))
    with django_assert_max_num_queries(10):
        assert client.get(reverse("risks:matrix_list")).status_code == 200
