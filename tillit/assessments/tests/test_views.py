"""The granskning pages: scope (404 outside), aggregate roles see results only, answering item by
item (htmx and plain), sampling through the form, templates, and the start-page line."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tillit.assessments.models import Answer, Assessment, AssessmentStatus, EvidenceLink, TemplateStatus
from tillit.assessments.services import answer_save
from tillit.assessments.tests.conftest import make_gap, make_review
from tillit.audit.models import AuditEvent
from tillit.testing.client import login
from tillit.testing.factories import UserFactory, assign

pytestmark = pytest.mark.django_db
SECRET_COMMENT = "Kommentar som bara läsare får se"


def client_for(org, role: str) -> Client:
    return login(Client(), org.user(role))


def soc_kvu(org):
    """A kvalitetsutvecklare for the whole förvaltning (the named one works in VUX)."""
    user = UserFactory(username="kvu-soc")
    assign(user, "kvalitetsutvecklare", org.soc)
    return user


def first_item(template):
    return template.items.exclude(item_type="kapitel").order_by("position").first()


def test_the_list_shows_what_is_in_scope_with_few_queries(org, gap, django_assert_max_num_queries):
    for n in range(5):
        make_gap(org, gap, title=f"GAP enhet 1 nr {n}")
    make_gap(org, gap, title="GAP i annan avdelning", unit=org.ald1, performer=soc_kvu(org))
    client = client_for(org, "enhetschef")
    with django_assert_max_num_queries(14):
        response = client.get(reverse("assessments:assessment_list"))
    assert response.status_code == 200
    assert "GAP enhet 1 nr 4" in response.content.decode() and "GAP i annan avdelning" not in response.content.decode()


def test_the_template_list_has_few_queries_and_hides_drafts_from_non_managers(
    org, gap, journal, django_assert_max_num_queries
):
    client = client_for(org, "kvalitetsutvecklare")
    client.post(reverse("assessments:template_new_version", args=[gap.pk]))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("assessments:template_list"))
    assert response.content.decode().count("Utkast") == 1
    assert client_for(org, "enhetschef").get(reverse("assessments:template_list")).content.decode().count("Utkast") == 0
    assert client_for(org, "medarbetare").get(reverse("assessments:template_list")).status_code == 404


@pytest.mark.parametrize(
    ("role", "unit", "detail", "results"),
    [
        ("enhetschef", "vux1", 200, 200),
        ("enhetschef", "vux2", 404, 404),
        ("avdelningschef", "vux2", 200, 200),
        ("kvalitetsutvecklare", "ald1", 404, 404),
        ("medarbetare", "vux1", 404, 404),
        ("ledning", "vux1", 404, 200),
        ("namnd", "vux2", 404, 200),
        ("namnd", "ald1", 404, 404),
    ],
)
def test_scope_and_aggregate_roles(org, gap, role, unit, detail, results):
    performer = soc_kvu(org)
    assessment = make_gap(org, gap, unit=getattr(org, unit), performer=performer)
    answer_save(
        actor=performer,
        assessment=assessment,
        item=first_item(gap),
        value="delvis",
        comment=SECRET_COMMENT,
    )
    client = client_for(org, role)
    response = client.get(reverse("assessments:assessment_detail", args=[assessment.pk]))
    assert response.status_code == detail
    if detail == 200:
        assert SECRET_COMMENT in response.content.decode()
        assert AuditEvent.objects.filter(action="read", object_type="assessments.assessment").exists()
    response = client.get(reverse("assessments:assessment_results", args=[assessment.pk]))
    assert response.status_code == results
    if results == 200:
        page = response.content.decode()
        assert SECRET_COMMENT not in page and "Delvis uppfyllt" in page
        assert ("Svaren</a>" in page) == (detail == 200)


def test_out_of_scope_writes_answer_404_and_change_nothing(org, gap):
    assessment = make_gap(org, gap, unit=org.vux2, performer=org.user("avdelningschef"))
    item = first_item(gap)
    for role in ("enhetschef", "ledning", "medarbetare"):
        client = client_for(org, role)
        response = client.post(
            reverse("assessments:answer_save", args=[assessment.pk]),
            {"item": item.pk, f"p{item.pk}-value": "uppfyllt"},
        )
        assert response.status_code == 404, role
        assert client.post(reverse("assessments:assessment_complete", args=[assessment.pk])).status_code == 404
    assert not Answer.objects.exists()
    assert Assessment.objects.get().status == AssessmentStatus.PAGAR


def test_a_sampled_review_is_created_through_the_form_and_bad_input_keeps_what_was_typed(org, journal):
    client = client_for(org, "kvalitetsutvecklare")
    url = reverse("assessments:assessment_new")
    assert "Journalgranskning IFO" in client.get(url).content.decode()  # choose a template first
    form = client.get(url, {"mall": journal.pk})
    assert "Slumpfrö" in form.content.decode()
    data = {
        "mall": journal.pk,
        "title": "Journalgranskning vår",
        "unit": org.vux1.pk,
        "performed_on": "2026-04-01",
        "performer": org.user("enhetschef").pk,
        "population": "BOU-2026-001\nAnna Andersson",
        "sample_size": "1",
        "seed": "99",
    }
    response = client.post(url, data)
    assert response.status_code == 422 and not Assessment.objects.exists()
    page = response.content.decode()
    assert "aldrig namn" in page and "BOU-2026-001" in page
    data["population"] = "\n".join(f"BOU-2026-{n:03d}" for n in range(1, 41))
    data["sample_size"], data["sample_share"] = "", "25"
    response = client.post(url, data)
    assessment = Assessment.objects.get()
    assert response.status_code == 302 and response["Location"] == assessment.get_absolute_url()
    assert (assessment.sample_size, assessment.seed, assessment.performer) == (10, 99, org.user("enhetschef"))
    assert assessment.cases.count() == 10


def test_the_performer_must_be_allowed_in_the_unit(org, gap):
    client = client_for(org, "kvalitetsutvecklare")
    response = client.post(
        reverse("assessments:assessment_new"),
        {
            "mall": gap.pk,
            "title": "GAP",
            "unit": org.vux2.pk,
            "performed_on": "2026-04-01",
            "performer": org.user("enhetschef").pk,  # enhetschef of VUX1, not VUX2
        },
    )
    assert response.status_code == 422 and not Assessment.objects.exists()
    assert "har ingen roll som får genomföra" in response.content.decode()


def test_answering_with_htmx_returns_the_item_and_its_dependents_and_a_double_click_makes_one_answer(org, journal):
    review = make_review(org, journal, population="3", size=3)
    plan, within = journal.items.order_by("position")
    case = review.cases.get(position=2)
    client = client_for(org, "kvalitetsutvecklare")
    url = reverse("assessments:answer_save", args=[review.pk])
    data = {"item": plan.pk, "case": case.pk, f"p{plan.pk}-value": "ja", f"p{plan.pk}-comment": "Plan i akten"}
    first = client.post(url, data, HTTP_HX_REQUEST="true")
    second = client.post(url, data, HTTP_HX_REQUEST="true")
    assert first.status_code == second.status_code == 200
    assert Answer.objects.count() == 1
    page = second.content.decode()
    assert f'id="punkt-{plan.pk}"' in page and "Svaret på 1 är sparat." in page
    assert f'id="punkt-{within.pk}" hx-swap-oob="true"' in page and f'name="p{within.pk}-value"' in page
    response = client.get(reverse("assessments:assessment_detail", args=[review.pk]), {"fall": 2})
    assert "Svaret på 1 är sparat." not in response.content.decode()  # the htmx response consumed it
    client.post(url, {**data, f"p{plan.pk}-value": "nej"}, HTTP_HX_REQUEST="true")
    page = client.post(url, {**data, f"p{plan.pk}-value": "nej"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Gäller inte här" in page


def test_a_plain_post_without_an_answer_keeps_the_comment(org, gap):
    assessment = make_gap(org, gap)
    item = first_item(gap)
    client = client_for(org, "kvalitetsutvecklare")
    response = client.post(
        reverse("assessments:answer_save", args=[assessment.pk]),
        {"item": item.pk, f"p{item.pk}-comment": "Det här får inte försvinna"},
    )
    assert response.status_code == 422
    assert "Det här får inte försvinna" in response.content.decode() and not Answer.objects.exists()
    response = client.post(
        reverse("assessments:answer_save", args=[assessment.pk]), {"item": item.pk, f"p{item.pk}-value": "uppfyllt"}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#punkt-{item.pk}")


def test_evidence_completion_and_results_with_a_chart(org, journal):
    review = make_review(org, journal, population="2", size=2)
    plan = journal.items.order_by("position").first()
    client = client_for(org, "kvalitetsutvecklare")
    for case in review.cases.all():
        client.post(
            reverse("assessments:answer_save", args=[review.pk]),
            {"item": plan.pk, "case": case.pk, f"p{plan.pk}-value": "nej"},
        )
    case = review.cases.get(position=1)
    response = client.post(
        reverse("assessments:evidence_add", args=[review.pk]),
        {"item": plan.pk, "case": case.pk, f"e{plan.pk}-label": "Akten", f"e{plan.pk}-url": "https://akt.example.se/1"},
    )
    assert response.status_code == 302 and EvidenceLink.objects.get().answer.case == case
    response = client.post(reverse("assessments:assessment_complete", args=[review.pk]))
    assert response["Location"] == reverse("assessments:assessment_results", args=[review.pk])
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page and "0\u00a0%" in page


def test_templates_are_established_and_versioned_by_the_kvalitetsutvecklare_only(org, gap):
    client = client_for(org, "kvalitetsutvecklare")
    response = client.post(reverse("assessments:template_new_version", args=[gap.pk]))
    draft = gap.__class__.objects.get(code=gap.code, version=2)
    assert response["Location"] == draft.get_absolute_url() and draft.status == TemplateStatus.UTKAST
    page = client.get(reverse("assessments:template_detail", args=[draft.pk])).content.decode()
    assert "Fastställ mallen" in page and "referensen ej bekräftad" in page
    assert client_for(org, "enhetschef").post(reverse("assessments:template_establish", args=[draft.pk])).status_code
    draft.refresh_from_db()
    assert draft.status == TemplateStatus.UTKAST
    client.post(reverse("assessments:template_establish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == TemplateStatus.FASTSTALLD


def test_the_start_page_shows_assessments_the_user_performs(org, gap):
    make_gap(org, gap, performer=org.user("enhetschef"))
    page = client_for(org, "enhetschef").get(reverse("home:start")).content.decode()
    assert "1 granskning pågår som du genomför" in page
    assert "pågår som du genomför" not in client_for(org, "avdelningschef").get(reverse("home:start")).content.decode()
