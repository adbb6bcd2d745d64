"""Riskanalys pages: who sees what (outside the scope → 404), the flow of a riskanalys before a change
with a measure, the heat map, the register with its filters and a constant number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tillit.actions.models import Action
from tillit.audit.models import AuditEvent
from tillit.risks.models import Risk, RiskAnalysis
from tillit.risks.services import risk_add
from tillit.risks.tests.conftest import make_analysis
from tillit.testing.client import login

pytestmark = pytest.mark.django_db

WORKERS = ["enhetschef", "avdelningschef", "kvalitetsutvecklare", "mas"]


def _pages(analysis: RiskAnalysis) -> list[str]:
    risk = analysis.risks.first()
    return [
        reverse("risks:analysis_detail", args=[analysis.pk]),
        reverse("risks:risk_detail", args=[risk.pk]),
    ]


@pytest.mark.parametrize("role", WORKERS)
def test_risk_workers_in_scope_see_the_analysis(client, org, analysis, role):
    login(client, org.user(role))
    assert client.get(reverse("risks:analysis_list")).status_code == 200
    for url in _pages(analysis):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Insatser missas vid övergången." in response.content.decode()


@pytest.mark.parametrize(
    "role", ["medarbetare", "utredare", "namnd", "ledning", "utforarkontakt", "systemadministrator"]
)
def test_other_roles_get_404(client, org, analysis, role):
    login(client, org.user(role))
    for url in [
        reverse("risks:analysis_list"),
        reverse("risks:register"),
        reverse("risks:analysis_new"),
        *_pages(analysis),
    ]:
        assert client.get(url).status_code == 404, url


def test_outside_the_scope_is_404_and_audited(client, org, matrix):
    other = make_analysis(org, unit=org.vux2, actor=org.user("kvalitetsutvecklare"), reason="arlig")
    risk_add(actor=org.user("kvalitetsutvecklare"), analysis=other, description="Annan", probability=1, consequence=1)
    login(client, org.user("enhetschef"))  # VUX1 only
    for url in _pages(other):
        assert client.get(url).status_code == 404
    response = client.post(
        reverse("risks:risk_new", args=[other.pk]), {"description": "X", "probability": 1, "consequence": 1}
    )
    assert response.status_code == 404
    response = client.post(reverse("risks:analysis_transition", args=[other.pk, "starta"]))
    assert response.status_code == 404
    assert other.risks.count() == 1 and RiskAnalysis.objects.get(pk=other.pk).state == "planerad"
    assert AuditEvent.objects.filter(action="permission_denied", object_type="risks.riskanalysis").exists()
    assert "Annan" not in client.get(reverse("risks:register")).content.decode()


def test_a_riskanalys_before_a_change_with_a_measure(client, org, matrix):
    chef = org.user("enhetschef")
    login(client, chef)
    assert client.get(reverse("risks:analysis_new")).status_code == 200
    form = {
        "title": "Nya scheman",
        "unit": org.vux1.pk,
        "reason": "forandring",
        "planned_change": "",
        "participants": "Enhetschef\nTvå medarbetare",
        "analysed_on": "2026-03-02",
    }
    response = client.post(reverse("risks:analysis_new"), form)
    assert response.status_code == 422 and "Beskriv den planerade förändringen" in response.content.decode()
    assert 'value="Nya scheman"' in response.content.decode()  # nothing typed is lost
    response = client.post(reverse("risks:analysis_new"), {**form, "planned_change": "Tre lag blir två."})
    analysis = RiskAnalysis.objects.get()
    assert response.status_code == 302 and analysis.participant_list == ["Enhetschef", "Två medarbetare"]
    client.post(reverse("risks:analysis_transition", args=[analysis.pk, "starta"]), {"comment": "APT"})
    response = client.post(
        reverse("risks:risk_new", args=[analysis.pk]),
        {"description": "Insatser missas.", "cause": "Ny planering.", "probability": "2", "consequence": "4"},
    )
    risk = Risk.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("risks:risk_detail", args=[risk.pk])
    page = client.get(reverse("risks:risk_detail", args=[risk.pk])).content.decode()
    assert "Åtgärder" in page and "Över gränsen för uppföljning" in page
    due = timezone.localdate() + timedelta(days=20)
    response = client.post(
        reverse("actions:action_add", args=["risks.risk", risk.pk]),
        {
            "action_type": "ny_rutin",
            "description": "Rutin för överlämning.",
            "owner": chef.pk,
            "due_on": due.isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert Action.objects.get().source == risk
    response = client.post(
        reverse("risks:risk_detail", args=[risk.pk]),
        {
            "description": "Insatser missas.",
            "probability": "2",
            "consequence": "4",
            "residual_probability": "1",
            "residual_consequence": "4",
        },
    )
    assert response.status_code == 302
    client.post(reverse("risks:analysis_transition", args=[analysis.pk, "besluta"]))
    page = client.get(reverse("risks:analysis_detail", args=[analysis.pk])).content.decode()
    assert "Beslutad" in page and "Rutin för överlämning." not in page  # measures live on the risk page
    assert "Antal risker per ruta: före åtgärder (1) / efter åtgärder (1)" in page
    assert client.get(reverse("risks:analysis_edit", args=[analysis.pk])).status_code == 200
    response = client.post(
        reverse("risks:analysis_edit", args=[analysis.pk]),
        {
            "title": "Nya scheman 2026",
            "reason": "forandring",
            "planned_change": "Tre lag blir två.",
            "analysed_on": "2026-03-02",
        },
    )
    assert response.status_code == 302 and RiskAnalysis.objects.get().title == "Nya scheman 2026"


def test_a_personnummer_is_refused_without_losing_the_text(client, org, analysis):
    login(client, org.user("enhetschef"))
    response = client.post(
        reverse("risks:risk_new", args=[analysis.pk]),
        {"description": "Gäller 19121212-1212 särskilt.", "probability": "1", "consequence": "1"},
    )
    assert response.status_code == 422 and "personnummer" in response.content.decode()
    assert "Gäller 19121212-1212 särskilt." in response.content.decode()
    assert analysis.risks.count() == 2


def test_the_register_filters_by_unit_level_and_open_measures(client, org, analysis):
    chef = org.user("kvalitetsutvecklare")
    other = make_analysis(org, unit=org.vux2, actor=chef, reason="arlig", title="Årlig")
    risk_add(actor=chef, analysis=other, description="Låg risk i VUX2.", probability=1, consequence=1)
    Action.objects.create(
        source=analysis.risks.get(number=2),
        unit=org.vux1,
        action_type="ny_rutin",
        description="Rutin",
        owner=chef,
        due_on=timezone.localdate(),
    )
    login(client, chef)
    url = reverse("risks:register")

    def shown(**query) -> list[str]:
        html = client.get(url, query).content.decode()
        return [d for d in ("Insatser missas", "Brukare känner sig otrygga", "Låg risk i VUX2") if d in html]

    assert shown() == ["Insatser missas", "Brukare känner sig otrygga", "Låg risk i VUX2"]
    assert shown(unit=org.vux2.pk) == ["Låg risk i VUX2"]
    assert shown(level="lag") == ["Låg risk i VUX2"]
    assert shown(level="medel") == [
        "Insatser missas",
        "Brukare känner sig otrygga",
    ]  # after measures 1 × 4; before 3 × 2
    assert shown(open_measures="on") == ["Brukare känner sig otrygga"]


def test_the_register_makes_a_constant_number_of_queries(client, org, analysis):
    login(client, org.user("kvalitetsutvecklare"))
    url = reverse("risks:register")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(10):
        other = make_analysis(org, actor=org.user("kvalitetsutvecklare"), reason="arlig", title=f"A{i}")
        risk = risk_add(
            actor=org.user("kvalitetsutvecklare"), analysis=other, description=f"R{i}", probability=2, consequence=2
        )
        Action.objects.create(
            source=risk,
            unit=org.vux1,
            action_type="annan",
            description="x",
            owner=org.user("mas"),
            due_on=timezone.localdate(),
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.content.decode().count("risk/") >= 12
    assert len(many) == len(few)


def test_the_analysis_page_makes_a_constant_number_of_queries(client, org, analysis):
    login(client, org.user("enhetschef"))
    url = reverse("risks:analysis_detail", args=[analysis.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(8):
        risk_add(actor=org.user("enhetschef"), analysis=analysis, description=f"R{i}", probability=2, consequence=2)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.content.decode().count("risk/") >= 10
    assert len(many) == len(few)
