"""A risk names the process step it concerns: only steps of processes that apply to the analysis's
unit, shown on the risk and in the register, and importable as `process_step` (PROCESSKOD:N)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tillit.documents.models import Process, ProcessActivity
from tillit.risks.importer import import_risks
from tillit.risks.models import Risk
from tillit.risks.process_steps import parse_reference
from tillit.risks.services import risk_add, risk_update
from tillit.testing.client import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def steps(org):
    utr = Process.objects.create(code="UTR", name="Utredning", unit=org.soc)
    other = Process.objects.create(code="MB", name="Missbruksvård", unit=org.vux2)
    made = {
        pos: ProcessActivity.objects.create(process=utr, position=pos, name=name)
        for pos, name in [(1, "Ansökan"), (2, "Utredning"), (3, "Beslut")]
    }
    made["other"] = ProcessActivity.objects.create(process=other, position=1, name="Inskrivning")
    return made


def test_the_form_offers_the_steps_of_processes_in_scope_and_saves_one(client, org, analysis, steps):
    login(client, org.user("enhetschef"))
    page = client.get(reverse("risks:analysis_detail", args=[analysis.pk])).content.decode()
    assert "Utredning – steg 2: Utredning" in page and "Inskrivning" not in page
    url = reverse("risks:risk_new", args=[analysis.pk])
    data = {"description": "Utredningen drar ut på tiden", "probability": 2, "consequence": 3}
    response = client.post(url, data | {"process_step": steps[2].pk})
    risk = Risk.objects.get(description="Utredningen drar ut på tiden")
    assert response.status_code == 302 and risk.process_step == steps[2]
    assert client.post(url, data | {"process_step": steps["other"].pk}).status_code == 422
    detail = client.get(reverse("risks:risk_detail", args=[risk.pk])).content.decode()
    assert "steg 2: Utredning" in detail
    register = client.get(reverse("risks:register")).content.decode()
    assert "UTR:2 Utredning" in register


def test_the_services_refuse_a_step_outside_the_scope(org, analysis, steps):
    chef = org.user("enhetschef")
    with pytest.raises(ValidationError):
        risk_add(
            actor=chef,
            analysis=analysis,
            description="x",
            probability=1,
            consequence=1,
            process_step=steps["other"],
        )
    risk = analysis.risks.first()
    with pytest.raises(ValidationError):
        risk_update(actor=chef, risk=risk, process_step=steps["other"])
    assert risk_update(actor=chef, risk=risk, process_step=steps[3]).process_step == steps[3]


def test_no_process_no_field(client, org, analysis):
    login(client, org.user("enhetschef"))
    page = client.get(reverse("risks:analysis_detail", args=[analysis.pk])).content.decode()
    assert "Processteg" not in page


def test_parse_reference():
    assert parse_reference("UTR:3") == ("UTR", 3)
    assert parse_reference(" A:B:12 ") == ("A:B", 12)
    assert parse_reference("UTR") is None and parse_reference("UTR:x") is None and parse_reference(":2") is None


HEADER = "analysis_code,title,unit_code,analysed_on,reason,risk,probability,consequence,process_step"


def _write(tmp_path, *lines):
    path = tmp_path / "risker.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def test_import_takes_the_optional_process_step_column(tmp_path, org, matrix, steps):
    path = _write(
        tmp_path,
        "RA-1,Årlig,VUX1,2025-04-01,arlig,Beslut dröjer,2,3,UTR:3",
        "RA-1,Årlig,VUX1,2025-04-01,arlig,Fall i hemmet,2,2,",
    )
    result = import_risks(path)
    assert result.errors == []
    assert Risk.objects.get(description="Beslut dröjer").process_step == steps[3]
    assert Risk.objects.get(description="Fall i hemmet").process_step is None
    assert import_risks(path).unchanged == 2


def test_import_lists_an_unknown_or_foreign_step(tmp_path, org, matrix, steps):
    result = import_risks(
        _write(
            tmp_path,
            "RA-1,Årlig,VUX1,2025-04-01,arlig,Beslut dröjer,2,3,UTR:9",
            "RA-1,Årlig,VUX1,2025-04-01,arlig,Fel inskrivning,2,3,MB:1",
            "RA-1,Årlig,VUX1,2025-04-01,arlig,Fel format,2,3,UTR",
        )
    )
    assert len(result.errors) == 3 and all("okänt processteg" in e for e in result.errors)
    assert not Risk.objects.exists()
