"""Small counts in the published kvalitetsberättelse (issue 9 item 8): tables and drafted sentences
show "<5" / "färre än 5", with the complement; the raw JSON is for the report's editors only."""

from __future__ import annotations

import json

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tillit.events.services import event_report
from tillit.reports.document import build_document, render_html
from tillit.reports.services import report_create
from tillit.reports.tests.test_reports import author_at_root
from tillit.testing.client import login
from tillit.testing.factories import UserFactory, assign

pytestmark = pytest.mark.django_db


def file(org, kind, unit, n):
    with time_machine.travel("2025-03-10 10:00 +0100", tick=False):
        for _ in range(n):
            event_report(actor=org.user("medarbetare"), kind=kind, unit=unit, description="x")


@pytest.fixture
def report(org):
    file(org, "avvikelse", org.vux1, 3)  # VUX: 3 — small
    file(org, "avvikelse", org.ald1, 1)
    file(org, "avvikelse", org.p1a, 8)  # ALD: 9 — shown alone it would give the 3 back (12 − 9)
    file(org, "lex_sarah", org.vux1, 2)
    author = author_at_root(org)
    report = report_create(actor=author, year=2025, scope=org.soc)
    report.author = author
    return report


def test_rendered_table_suppresses_the_small_cell_and_its_complement(report):
    doc = build_document(report, with_charts=False)
    avvikelser = next(s for s in doc.sections if s.key == "avvikelser")
    table = avvikelser.tables[0]
    rows = {row[0]: row[1:] for row in table["rows"]}
    assert rows["Avdelning Vuxna"] == ["<5"] and rows["Äldreomsorg"] == ["<5"] and rows["Totalt"] == ["12"]
    assert "visas som <5" in table["caption"]
    html = render_html(doc)
    assert "<td>&lt;5</td>" in html and "<td>12</td>" in html


def test_drafted_sentences_do_not_give_small_counts(report):
    sarah = report.sections.get(key="lex_sarah").text
    assert "Under 2025 har färre än 5 lex Sarah-rapporter inkommit." in sarah
    assert "2 lex Sarah" not in sarah and "jämfört med föregående år." not in sarah.split("\n\n")[0]
    avvikelser = report.sections.get(key="avvikelser").text
    assert "Avdelning Vuxna (<5)" in avvikelser and "Äldreomsorg (<5)" in avvikelser
    assert "(3)" not in avvikelser and "(9)" not in avvikelser


def test_raw_json_only_for_the_reports_editors(org, report):
    editor = login(Client(), report.author)
    figures = json.loads(editor.get(reverse("reports:download", args=[report.pk, "json"])).content)
    assert figures["events"]["lex_sarah"]["count"] == 2  # raw, as docs/figures.md says
    namnd = UserFactory(username="namnd_soc")
    assign(namnd, "namnd", org.soc)
    reader = login(Client(), namnd)
    assert reader.get(reverse("reports:report_detail", args=[report.pk])).status_code == 200
    assert reader.get(reverse("reports:download", args=[report.pk, "json"])).status_code == 404
    assert reader.get(reverse("reports:download", args=[report.pk, "html"])).status_code == 200


def test_charts_draw_no_count_the_tables_hide():
    """The published charts used to draw every count, so a bar showed what the table suppressed."""
    from tillit.events.report_sections import category_chart, monthly_chart, unit_chart

    figures = {
        "units": {"A": "Avdelning A", "B": "Avdelning B", "C": "Avdelning C"},
        "events": {
            "lex_sarah": {
                "count": 14,
                "by_unit": {"A": 9, "B": 3, "C": 2},
                "by_category": {"Fall": 6, "Mat": 2, "Läkemedel": 6},
            },
        },
        "monthly": [
            {"kind": "lex_sarah", "month": "2025-01", "count": 9},
            {"kind": "lex_sarah", "month": "2025-02", "count": 5},
            {"kind": "lex_sarah", "month": "2025-03", "count": 2},
        ],
    }
    units = {v["unit"]: v["count"] for v in unit_chart(figures).to_dict()["data"]["values"]}
    assert units == {"Avdelning A": 9}  # B (3) and C (2) are both below the threshold
    categories = {v["category"] for v in category_chart(figures).to_dict()["data"]["values"]}
    assert len(categories) == 1 and "Mat" not in categories  # Mat (2) and, as complement, one of the sixes
    months = {v["month"] for v in monthly_chart(figures).to_dict()["data"]["values"]}
    assert months == {"2025-01"}  # 2 is small, and 5 goes with it as its complement
