"""Results: the response-rate table per unit with small units suppressed (and the complement), the
share of positive answers with vet ej out of the denominator, the gender split, the previous round
and riket; the `surveys` figures; the imports (whole-file validation, idempotent)."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from tillit.surveys.answering import response_submit, token_for_code
from tillit.surveys.figures import survey_figures, surveys_report_figures
from tillit.surveys.importer import import_survey_invitations, import_survey_results
from tillit.surveys.models import ImportedInvitation, ImportedResult, Survey
from tillit.surveys.results import question_results, rate_table
from tillit.surveys.services import tokens_generate
from tillit.surveys.tests.conftest import TODAY, build_survey

pytestmark = pytest.mark.django_db


def answer(survey, code, **answers):
    return response_submit(
        survey=survey, answers={"samtycke": "ja", **answers}, today=TODAY, token=token_for_code(survey, code)
    )


@pytest.fixture
def answered(org, keeper):
    """ALD1: 20 invited, 12 answered (6 women, 6 men); P1A: 10 invited, 3 answered (suppressed), one
    declined consent (not an answer)."""
    survey = build_survey(keeper, org.soc)
    big = tokens_generate(actor=keeper, survey=survey, unit=org.ald1, count=20)
    small = tokens_generate(actor=keeper, survey=survey, unit=org.p1a, count=10)
    likert = ["5", "5", "4", "4", "3", "vet_ej", "5", "4", "2", "1", "vet_ej", "4"]
    for i, (_, code) in enumerate(big[:12]):
        answer(survey, code, kon="kvinna" if i < 6 else "man", bemotande=likert[i], trygg="ja" if i % 3 else "nej")
    for _, code in small[:3]:
        answer(survey, code, kon="kvinna", bemotande="5", trygg="ja")
    response_submit(survey=survey, answers={"samtycke": "nej"}, today=TODAY, token=token_for_code(survey, small[3][1]))
    return survey


def test_the_response_rate_table_per_unit(org, answered):
    table = rate_table(answered)
    rows = {r.code: r for r in table.units}
    assert (table.invited, table.answered, table.rate) == (30, 15, 50.0)
    assert (rows["ALD1"].invited, rows["ALD1"].answered, rows["ALD1"].rate) == (20, 12, 60.0)
    assert rows["P1A"].suppressed  # 3 answers < 5
    # the complement: with the total shown, ALD1 alone would give P1A back, so it is hidden too
    assert rows["ALD1"].suppressed
    assert table.share_of_all(rows["ALD1"]) is None


def test_share_of_all_answers_when_nothing_is_small(org, keeper):
    survey = build_survey(keeper, org.soc)
    for unit, n in ((org.ald1, 6), (org.p1a, 9)):
        for _, code in tokens_generate(actor=keeper, survey=survey, unit=unit, count=n)[:n]:
            answer(survey, code, bemotande="4")
    table = rate_table(survey)
    rows = {r.code: r for r in table.units}
    assert table.share_of_all(rows["ALD1"]) == 40.0 and table.share_of_all(rows["P1A"]) == 60.0


def test_positive_share_leaves_vet_ej_out_and_splits_by_gender(org, answered):
    results = {r.code: r for r in question_results(answered)}
    bemotande = results["bemotande"]
    # 15 answers: 2 vet ej; positive (4, 5): 5,5,4,4,5,4,4 + three 5s = 10 of 13
    assert (bemotande.share.positive, bemotande.share.n, bemotande.share.dont_know) == (10, 13, 2)
    assert bemotande.share.share == 76.9
    assert bemotande.share.interval == (49.7, 91.8)
    women, men = bemotande.by_gender["kvinna"], bemotande.by_gender["man"]
    assert (women.positive, women.n) == (7, 8)  # 5,5,4,4,3 (+ vet ej) and three 5s
    assert (men.positive, men.n) == (3, 5)


def test_previous_round_and_riket_for_the_same_question(org, keeper, answered, tmp_path):
    earlier = build_survey(keeper, org.soc, year=2025)
    for _, code in tokens_generate(actor=keeper, survey=earlier, unit=org.ald1, count=5):
        answer(earlier, code, bemotande="3")
    file = tmp_path / "riket.csv"
    file.write_text(
        "survey,year,unit_code,question,option,count,positive\n"
        "skr-aldre,2026,riket,bemotande,positivt,800,ja\n"
        "skr-aldre,2026,riket,bemotande,negativt,200,nej\n"
        "skr-aldre,2026,riket,bemotande,vet ej,100,vet_ej\n",
        encoding="utf-8",
    )
    assert not import_survey_results(file).errors
    result = next(r for r in question_results(answered) if r.code == "bemotande")
    assert (result.previous.positive, result.previous.n) == (0, 5)
    assert (result.national.share, result.national.n) == (80.0, 1000)


def test_surveys_figures_mark_suppressed_cells(org, answered):
    figures = survey_figures(answered)
    assert figures["survey"] == "hemtjanst" and figures["year"] == 2026
    assert (figures["invited"], figures["answered"], figures["response_rate"]) == (30, 15, 50.0)
    assert figures["by_unit"]["P1A"] == {"invited": 10, "answered": None, "response_rate": None, "suppressed": True}
    assert figures["by_unit"]["ALD1"]["suppressed"]  # the complement
    bemotande = figures["questions"]["bemotande"]
    assert (bemotande["n"], bemotande["positive"], bemotande["positive_share"]) == (13, 10, 76.9)
    assert bemotande["interval"] == [49.7, 91.8]
    assert surveys_report_figures(scope=org.soc, year=2026)["surveys"][0]["survey"] == "hemtjanst"
    assert surveys_report_figures(scope=org.soc, year=2025)["surveys"] == []


def test_a_question_with_few_answers_is_suppressed_in_the_figures(org, keeper):
    survey = build_survey(keeper, org.soc)
    for _, code in tokens_generate(actor=keeper, survey=survey, unit=org.ald1, count=3):
        answer(survey, code, bemotande="5")
    figures = survey_figures(survey)
    assert figures["questions"]["bemotande"] == {
        "n": None,
        "positive": None,
        "positive_share": None,
        "interval": None,
        "suppressed": True,
        "text": "Bemöts du väl?",
        "previous_share": None,
        "national_share": None,
    }
    assert figures["answered"] is None and figures["suppressed"]


INVITATIONS = "survey,year,unit_code,invited,answered\n"


def test_import_of_invitations_validates_the_whole_file_in_swedish(org, tmp_path):
    file = tmp_path / "inv.csv"
    file.write_text(
        INVITATIONS + "lss-daglig,2025,ALD1,20,9\nlss-daglig,20x5,NOPE,5,3\nlss-daglig,2025,P1A,4,7\n"
        "lss-daglig,2025,ALD1,1,1\n",
        encoding="utf-8",
    )
    result = import_survey_invitations(file)
    assert result.errors == [
        "rad 3: year ska vara ett årtal, inte ”20x5”; okänd enhet ”NOPE”",
        "rad 4: fler svar (7) än inbjudna (4)",
        "rad 5: enheten ALD1 finns redan på rad 2",
    ]
    assert not ImportedInvitation.objects.exists() and not Survey.objects.exists()


def test_import_of_invitations_is_idempotent_and_gives_the_rates(org, tmp_path, capsys):
    file = tmp_path / "inv.csv"
    file.write_text(INVITATIONS + "lss-daglig,2025,ALD1,20,9\nlss-daglig,2025,P1A,10,7\n", encoding="utf-8")
    call_command("import_survey_invitations", str(file))
    assert "Skapade 1 enkäter och 2 rader" in capsys.readouterr().out
    call_command("import_survey_invitations", str(file))
    assert "2 oförändrade" in capsys.readouterr().out
    survey = Survey.objects.get()
    assert (survey.mode, survey.status) == ("importerad", "stangd")
    table = rate_table(survey)
    assert (table.invited, table.answered, table.rate) == (30, 16, 53.3)


def test_import_of_results_is_refused_with_every_bad_line_and_then_idempotent(org, tmp_path, capsys):
    header = "survey,year,unit_code,question,option,count,positive\n"
    bad = tmp_path / "bad.csv"
    bad.write_text(
        header + "ifo,2025,ALD1,bemotande,ja,9,ja\nifo,2025,ALD1,bemotande,nej,x,kanske\n"
        "ifo,2025,ALD1,bemotande,ja,3,ja\nifo,2025,ALD1,fraga 19121212-1212,ja,1,ja\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="Inget importerades: 3 rader har fel"):
        call_command("import_survey_results", str(bad))
    err = capsys.readouterr().err
    assert "rad 3: count ska vara ett heltal 0 eller större, inte ”x”; positive ska vara ja, nej eller vet_ej" in err
    assert "rad 4: samma fråga och svarsalternativ finns redan på rad 2" in err
    assert "rad 5: personnummer i kolumnen question" in err
    assert not ImportedResult.objects.exists()
    good = tmp_path / "good.csv"
    good.write_text(
        header + "ifo,2025,ALD1,bemotande,Mycket bra,6,ja\nifo,2025,ALD1,bemotande,Dåligt,2,nej\n"
        "ifo,2025,ALD1,bemotande,Vet ej,4,vet_ej\n",
        encoding="utf-8",
    )
    for _ in range(2):
        assert not import_survey_results(good).errors
    assert ImportedResult.objects.count() == 3
    figures = survey_figures(Survey.objects.get(code="ifo"))
    assert figures["questions"]["bemotande"]["n"] == 8  # vet ej out of the denominator
    assert figures["questions"]["bemotande"]["positive_share"] == 75.0


def test_the_report_section_drafts_rates_extremes_change_and_riket(org, keeper, answered, tmp_path):
    from tillit.core.reporting import SectionContext, report_providers
    from tillit.reports import engine  # noqa: F401  (registers the providers)
    from tillit.surveys.report_sections import paragraphs, tables

    assert any(p.key == "surveys" for p in report_providers())
    figures = {
        "year": 2026,
        "scope": {"name": "Socialförvaltningen"},
        **surveys_report_figures(scope=org.soc, year=2026),
    }
    text = paragraphs(SectionContext(figures=figures, own=figures))
    assert text[0] == "Under 2026 genomfördes eller redovisades 1 enkäter och brukarundersökningar."
    assert text[1].startswith("Brukarundersökning hemtjänst 2026: 15 av 30 svarade (50,0 %).")
    assert "Högst andel positiva svar: ”Bemöts du väl?” (76,9 %)." in text[1]
    assert "Lägst: ”Känner du dig trygg?”" in text[1]
    [rates, questions] = tables(SectionContext(figures=figures, own=figures))
    assert rates["rows"] == [["ALD1", "20", "<5", "–"], ["P1A", "10", "<5", "–"]]
    assert questions["rows"][0][:4] == ["Bemöts du väl?", "13", "76,9 %", "49,7 %–91,8 %"]
    empty = {"year": 2025, "scope": {"name": "S"}, "surveys": []}
    assert "varför ingen undersökning genomfördes" in paragraphs(SectionContext(figures=empty, own=empty))[0]


def test_an_open_link_counts_answers_per_unit_from_the_unit_question(org, keeper):
    from tillit.surveys.models import QuestionType, SurveyMode
    from tillit.surveys.services import invitation_set, question_add

    survey = build_survey(keeper, org.soc, mode=SurveyMode.OPEN_LINK, open=False)
    question_add(
        actor=keeper, section=survey.sections.first(), code="enhet", text="Var bor du?", qtype=QuestionType.UNIT
    )
    from tillit.surveys.services import survey_open

    survey_open(actor=keeper, survey=survey)
    invitation_set(actor=keeper, survey=survey, unit=org.ald1, invited=10)
    invitation_set(actor=keeper, survey=survey, unit=org.p1a, invited=10)
    for unit in [org.ald1] * 6 + [org.p1a] * 5 + [org.vux1]:  # VUX1 was not invited: no unit
        response_submit(survey=survey, answers={"samtycke": "ja", "enhet": str(unit.pk)}, today=TODAY)
    rows = {r.code: (r.invited, r.answered, r.rate) for r in rate_table(survey).units}
    assert rows == {"ALD1": (10, 6, 60.0), "P1A": (10, 5, 50.0)}


def test_the_gender_split_hides_both_when_one_group_is_small(org, keeper):
    survey = build_survey(keeper, org.soc)
    codes = tokens_generate(actor=keeper, survey=survey, unit=org.ald1, count=9)
    for i, (_, code) in enumerate(codes):
        answer(survey, code, kon="kvinna" if i < 7 else "man", bemotande="4")
    result = next(r for r in question_results(survey) if r.code == "bemotande")
    assert result.share.n == 9
    assert result.by_gender == {"kvinna": None, "man": None}  # 2 men, and 7 women would give them back


def test_the_report_engine_drafts_the_section_from_the_figures(org, answered):
    from tillit.reports import engine

    draft = engine.draft(scope=org.soc, year=2026)
    assert draft.figures.published["surveys"][0]["survey"] == "hemtjanst"
    section = next(s for s in draft.sections if s.key == "brukarundersokningar")
    assert section.title == "Brukarundersökningar och enkäter"
    assert "15 av 30 svarade (50,0 %)" in section.text
    assert "Antal under 5 visas som <5" in section.text


def test_results_import_from_an_excel_workbook(org, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["survey", "year", "unit_code", "question", "option", "count", "positive"])
    sheet.append(["lss-daglig", 2025, "ALD1", "trivs", "Ja", 9, "ja"])
    sheet.append(["lss-daglig", 2025, "ALD1", "trivs", "Nej", 3, "nej"])
    workbook.save(tmp_path / "lss.xlsx")
    result = import_survey_results(tmp_path / "lss.xlsx")
    assert (result.errors, result.created) == ([], 2)
    assert survey_figures(Survey.objects.get(code="lss-daglig"))["questions"]["trivs"]["positive_share"] == 75.0


def test_the_gender_chart_draws_women_and_men_side_by_side_with_n(org, answered):
    from tillit.surveys.charts import gender_chart, gender_spec

    spec = gender_spec(question_results(answered))
    rows = {(v["fråga"], v["grupp"]): (v["andel"], v["n"]) for v in spec["data"]["values"]}
    assert rows[("Bemöts du väl?", "Kvinnor")] == (87.5, 8)
    assert rows[("Bemöts du väl?", "Män")] == (60.0, 5)
    assert "87,5 % (n=8)" in {v["etikett"] for v in spec["data"]["values"]}
    svg = gender_chart(question_results(answered))
    assert svg.startswith("<svg") and "aria-" in svg


def test_a_suppressed_gender_group_is_not_in_the_chart_spec(org, keeper):
    from tillit.surveys.charts import gender_spec
    from tillit.surveys.results import QuestionResult
    from tillit.surveys.stats import PositiveShare

    survey = build_survey(keeper, org.soc)
    for i, (_, code) in enumerate(tokens_generate(actor=keeper, survey=survey, unit=org.ald1, count=9)):
        answer(survey, code, kon="kvinna" if i < 7 else "man", bemotande="4")
    assert gender_spec(question_results(survey)) is None  # 2 men: neither group is drawn

    def result(text, women, men):
        share = PositiveShare(positive=8, negative=4, dont_know=0)
        return QuestionResult(
            code=text,
            text=text,
            qtype="likert5",
            distribution=[],
            answers=12,
            share=share,
            by_gender={"kvinna": women, "man": men},
        )

    shown = result(
        "Visas", PositiveShare(positive=5, negative=1, dont_know=0), PositiveShare(positive=3, negative=3, dont_know=0)
    )
    hidden = result("Döljs", None, None)
    small = result(
        "Liten", PositiveShare(positive=6, negative=2, dont_know=0), PositiveShare(positive=1, negative=1, dont_know=0)
    )
    values = gender_spec([shown, hidden, small])["data"]["values"]
    assert {(v["fråga"], v["grupp"]) for v in values} == {("Visas", "Kvinnor"), ("Visas", "Män")}
    assert all(v["n"] >= 5 for v in values)


def test_the_results_page_shows_the_gender_chart(client, org, keeper, answered):
    from django.urls import reverse

    from tillit.testing.client import login

    login(client, keeper)
    body = client.get(reverse("surveys:results", args=[answered.pk])).content.decode()
    assert "kvinnor och män sida vid sida" in body and "(n=8)" in body
