"""The survey pages: the permission matrix, query counts on the list and results pages, the builder
flow through the screens, answering with a code over several pages (saved per page, continued
later), the open link (one answer per session) and the code list with only unused codes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tillit.core.roles import Role
from tillit.events.services import public as public_services
from tillit.surveys.answering import response_submit, token_for_code
from tillit.surveys.models import Response, SurveyMode, SurveyToken, TokenDraft
from tillit.surveys.services import tokens_generate
from tillit.surveys.tests.conftest import TODAY, build_survey
from tillit.testing.client import login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_timing_wait(monkeypatch):
    monkeypatch.setattr(public_services, "MIN_SECONDS", 0)


@pytest.fixture
def survey(org):
    """A survey of VUX (the named users' avdelning) sent to VUX1."""
    keeper = org.user("kvalitetsutvecklare")
    survey = build_survey(keeper, org.vux)
    tokens_generate(actor=keeper, survey=survey, unit=org.vux1, count=8)
    return survey


# role → (list, detail, results, distribution) status codes
MATRIX = {
    Role.MEDARBETARE: (404, 404, 404, 404),
    Role.ENHETSCHEF: (200, 200, 200, 404),
    Role.AVDELNINGSCHEF: (200, 200, 200, 200),
    Role.UTREDARE: (404, 404, 404, 404),
    Role.KVALITETSUTVECKLARE: (200, 200, 200, 200),
    Role.MAS: (200, 200, 200, 404),
    Role.LEDNING: (200, 200, 200, 404),
    Role.NAMND: (200, 200, 200, 404),
    Role.UTFORARKONTAKT: (404, 404, 404, 404),
    Role.SYSTEMADMINISTRATOR: (404, 404, 404, 404),
}


@pytest.mark.parametrize("role", list(MATRIX), ids=str)
def test_permission_matrix(client, org, survey, role):
    login(client, org.user(role))
    urls = [
        reverse("surveys:list"),
        reverse("surveys:detail", args=[survey.pk]),
        reverse("surveys:results", args=[survey.pk]),
        reverse("surveys:distribution", args=[survey.pk]),
    ]
    assert tuple(client.get(url).status_code for url in urls) == MATRIX[role]


def test_a_chef_of_another_unit_does_not_see_the_survey(client, org, survey):
    from tillit.testing.factories import UserFactory, assign

    other = UserFactory(username="ec_ald1")
    assign(other, Role.ENHETSCHEF, org.ald1)
    login(client, other)
    assert client.get(reverse("surveys:results", args=[survey.pk])).status_code == 404


def test_list_and_results_pages_take_a_bounded_number_of_queries(client, org, survey, django_assert_max_num_queries):
    keeper = org.user("kvalitetsutvecklare")
    for i in range(4):
        other = build_survey(keeper, org.vux, code=f"extra{i}")
        for _, code in tokens_generate(actor=keeper, survey=other, unit=org.vux1, count=6):
            response_submit(
                survey=other,
                answers={"samtycke": "ja", "bemotande": "4", "kon": "man"},
                today=TODAY,
                token=token_for_code(other, code),
            )
    login(client, org.user("enhetschef"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("surveys:list")).status_code == 200
    with django_assert_max_num_queries(27):
        assert client.get(reverse("surveys:results", args=[other.pk])).status_code == 200


def test_building_a_survey_through_the_pages(client, org):
    login(client, org.user("kvalitetsutvecklare"))
    response = client.post(
        reverse("surveys:new"),
        {
            "unit": org.vux.pk,
            "title": "Personalenkät",
            "code": "personal",
            "kind": "personalenkat",
            "year": 2026,
            "round": 1,
            "mode": "koder",
        },
    )
    survey_url = response.url
    survey_pk = int(survey_url.strip("/").split("/")[-1])
    client.post(reverse("surveys:section_new", args=[survey_pk]), {"title": "Start"})
    from tillit.surveys.models import Survey

    survey = Survey.objects.get(pk=survey_pk)
    section = survey.sections.get()
    response = client.post(
        reverse("surveys:question_new", args=[survey_pk]),
        {"section": section.pk, "text": "Vill du delta?", "code": "samtycke", "qtype": "samtycke"},
    )
    assert response.status_code == 302
    assert survey.questions.get().required
    page = client.get(reverse("surveys:preview", args=[survey_pk])).content.decode()
    assert "phone-preview" in page and "Ja, jag vill svara" in page and "<legend>Vill du delta?" in page


def _post_code(client, survey, code):
    url = reverse("surveys_public:answer", args=[survey.public_key])
    client.get(url)
    return client.post(url, {"code": code, "token": public_services.form_token()})


def test_answering_with_a_code_page_by_page_and_continuing_later(client, org, survey):
    keeper = org.user("kvalitetsutvecklare")
    [(_, code)] = tokens_generate(actor=keeper, survey=survey, unit=org.vux1, count=1)
    url = reverse("surveys_public:answer", args=[survey.public_key])
    assert _post_code(client, survey, "FEL-KOD-123").status_code == 422
    assert _post_code(client, survey, code).status_code == 302
    page = client.get(url).content.decode()
    assert "Sida 1 av 3" in page and "Vill du svara?" in page
    client.post(url, {"samtycke": "ja", "direction": "nasta"})
    client.post(url, {"kon": "kvinna", "direction": "nasta"})
    assert TokenDraft.objects.get().answers == {"samtycke": "ja", "kon": "kvinna"}
    # later, on another device: the same code continues where the answer was left
    client.logout()
    client.cookies.clear()
    assert _post_code(client, survey, code).status_code == 302
    page = client.get(url).content.decode()
    assert "Sida 3 av 3" in page and "Bemöts du väl?" in page
    response = client.post(
        url, {"bemotande": "5", "trygg": "nej", "varfor": "Ibland 19121212-1212", "direction": "nasta"}
    )
    assert "Tack!" in response.content.decode() and "personnummer" in response.content.decode()
    assert SurveyToken.objects.get(survey=survey, number=9).answered
    assert not TokenDraft.objects.exists()
    assert Response.objects.get().answers.count() == 5
    assert _post_code(client, survey, code).status_code == 422  # used


def test_an_open_link_takes_one_answer_per_browser_session(client, org):
    survey = build_survey(org.user("kvalitetsutvecklare"), org.vux, mode=SurveyMode.OPEN_LINK)
    url = reverse("surveys_public:answer", args=[survey.public_key])
    assert "Börja svara" in client.get(url).content.decode()
    client.post(url, {"start": "1", "token": public_services.form_token()})
    client.post(url, {"samtycke": "nej", "direction": "nasta"})
    assert Response.objects.get().declined
    assert "redan svarat" in client.get(url).content.decode()


def test_the_reminder_list_holds_only_unused_codes(client, org, survey):
    used = SurveyToken.objects.filter(survey=survey).order_by("number").first()
    used.answered = True
    used.save()
    login(client, org.user("kvalitetsutvecklare"))
    content = client.get(reverse("surveys:codes_export", args=[survey.pk, "csv"]) + "?obesvarade=1").content
    lines = content.decode("utf-8-sig").strip().splitlines()
    assert lines[0] == "lopnummer;enhet;kod;lank"
    assert [line.split(";")[0] for line in lines[1:]] == [str(n) for n in range(2, 9)]
    letters = client.get(reverse("surveys:letters", args=[survey.pk]) + "?obesvarade=1").content.decode()
    assert letters.count('class="letter"') == 7
    assert client.get(reverse("surveys:results_xlsx", args=[survey.pk])).status_code == 200


def test_a_closed_survey_takes_no_answers(client, org, survey):
    survey.closes_on = TODAY.replace(year=2025)
    survey.save()
    page = client.get(reverse("surveys_public:answer", args=[survey.public_key])).content.decode()
    assert "inte öppen" in page


def test_editing_dates_removing_a_question_and_closing(client, org, survey):
    login(client, org.user("kvalitetsutvecklare"))
    response = client.post(
        reverse("surveys:edit", args=[survey.pk]),
        {"title": survey.title, "kind": survey.kind, "opens_on": "2026-03-01", "closes_on": "2026-02-01"},
    )
    assert response.status_code == 422 and "kan inte stänga före" in response.content.decode()
    client.post(
        reverse("surveys:edit", args=[survey.pk]),
        {"title": survey.title, "kind": survey.kind, "opens_on": "2026-03-01", "closes_on": "2026-12-31"},
    )
    survey.refresh_from_db()
    assert str(survey.closes_on) == "2026-12-31"
    question = survey.questions.get(code="varfor")
    client.post(reverse("surveys:question_remove", args=[question.pk]))
    assert not survey.questions.filter(code="varfor").exists()
    client.post(reverse("surveys:status", args=[survey.pk, "stang"]))
    survey.refresh_from_db()
    assert survey.status == "stangd" and not survey.tokens.exclude(sealed_code="").exists()


def test_the_staff_reminder_button(client, org):
    keeper = org.user("kvalitetsutvecklare")
    survey = build_survey(keeper, org.vux, mode=SurveyMode.IDENTIFIED)
    from tillit.surveys.services import staff_invite

    staff_invite(actor=keeper, survey=survey, unit=org.vux1, users=[org.user("medarbetare"), org.user("enhetschef")])
    login(client, keeper)
    client.post(reverse("surveys:remind", args=[survey.pk]))
    from tillit.inbox.models import Notification

    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {"medarbetare", "enhetschef"}
    login(client, org.user("medarbetare"))
    page = client.get(reverse("surveys_public:answer", args=[survey.public_key])).content.decode()
    assert "Sida 1 av 3" in page
