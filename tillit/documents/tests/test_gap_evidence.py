"""A GAP answer links a styrande dokument or a process as its evidence (through the assessment
core's evidence registry): offered to those who perform the assessment, checked against what the
user may see, linked back to the document's page."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tillit.actions.models import Action
from tillit.assessments.demo import SOSFS_FILE
from tillit.assessments.importer import import_framework
from tillit.assessments.models import AssessmentTemplate, EvidenceLink
from tillit.assessments.services import answer_save, assessment_create
from tillit.documents.services import document_create, process_create
from tillit.documents.tests.helpers import make_document
from tillit.testing.client import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def gap(org):
    import_framework(SOSFS_FILE, establish=True)
    actor = org.user("kvalitetsutvecklare")
    template = AssessmentTemplate.objects.get(code="SOSFS-2011-9", version=1)
    assessment = assessment_create(
        actor=actor, template=template, unit=org.vux, title="GAP 2026", performed_on=date(2026, 3, 1),
        performer=actor,
    )  # fmt: skip
    item = template.items.filter(ref__startswith="4 kap.").exclude(item_type="kapitel").order_by("position").first()
    answer = answer_save(actor=actor, assessment=assessment, item=item, value="delvis")
    return assessment, item, answer


def test_a_document_or_a_process_is_linked_as_evidence(client, org, gap):
    assessment, item, answer = gap
    actor = org.user("kvalitetsutvecklare")
    document = make_document(org, code="RUT-1", unit=org.vux, actor=actor)
    process = process_create(actor=actor, code="P-VUX", name="Socialtjänstprocessen Vuxna", unit=org.vux)
    hidden = document_create(
        actor=None, code="RUT-ALD", title="Nycklar", doc_type="rutin", unit=org.ald1, owner=org.user("mas")
    )
    login(client, actor)
    page = client.get(reverse("assessments:assessment_detail", args=[assessment.pk])).content.decode()
    assert f'value="documents.document:{document.pk}"' in page and f'value="documents.process:{process.pk}"' in page
    assert "RUT-ALD" not in page
    url = reverse("assessments:evidence_add", args=[assessment.pk])
    post = lambda target, label="Rutinen": client.post(  # noqa: E731
        url, {"item": item.pk, f"e{item.pk}-label": label, f"e{item.pk}-target": target}
    )
    assert post(f"documents.document:{document.pk}").status_code == 302
    assert post(f"documents.process:{process.pk}", "Processen").status_code == 302
    post(f"documents.document:{hidden.pk}")  # not the user's to cite: refused
    links = list(EvidenceLink.objects.filter(answer=answer).order_by("pk"))
    assert [link.target for link in links] == [document, process]
    assert links[0].href == reverse("documents:document_detail", args=[document.pk])
    page = client.get(reverse("assessments:assessment_detail", args=[assessment.pk])).content.decode()
    assert f'href="{reverse("documents:process_detail", args=[process.pk])}"' in page


def test_a_link_or_a_target_but_not_both(client, org, gap):
    assessment, item, answer = gap
    actor = org.user("kvalitetsutvecklare")
    document = make_document(org, code="RUT-1", unit=org.vux, actor=actor)
    login(client, actor)
    url = reverse("assessments:evidence_add", args=[assessment.pk])
    response = client.post(
        url,
        {
            "item": item.pk,
            f"e{item.pk}-label": "Båda",
            f"e{item.pk}-url": "https://intranat.example.se",
            f"e{item.pk}-target": f"documents.document:{document.pk}",
        },
        follow=True,
    )
    assert "antingen en länk eller välj ett underlag" in response.content.decode()
    client.post(url, {"item": item.pk, f"e{item.pk}-label": "Länk", f"e{item.pk}-url": "https://intranat.example.se"})
    assert EvidenceLink.objects.filter(answer=answer).get().url == "https://intranat.example.se"


def test_a_gap_answer_gets_actions_on_its_own_page(client, org, gap):
    assessment, item, answer = gap
    actor = org.user("kvalitetsutvecklare")
    login(client, actor)
    page = client.get(reverse("assessments:assessment_detail", args=[assessment.pk])).content.decode()
    url = reverse("documents:gap_answer", args=[answer.pk])
    assert f'href="{url}"' in page
    page = client.get(url).content.decode()
    assert item.ref in page and "Delvis" in page and "Lägg till åtgärd" in page
    response = client.post(
        reverse("actions:action_add", args=["assessments.answer", answer.pk]),
        {
            "action_type": "ny_rutin",
            "description": "Ta fram en rutin för samverkan",
            "owner": actor.pk,
            "due_on": "2099-01-01",
        },
    )
    assert response.status_code == 302 and response["Location"] == url
    action = Action.objects.get()
    assert action.source == answer and action.unit_id == org.vux.pk
    assert action.source_reference == f"GAP 2026-03-01 {item.ref}"
    assert "Ta fram en rutin för samverkan" in client.get(url).content.decode()
    login(client, org.user("enhetschef"))  # VUX1: not the assessment's unit
    assert client.get(url).status_code == 404
