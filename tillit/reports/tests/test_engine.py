"""The report engine asks the registered providers: a provider registered here (no app edited)
shows in a created report, its figures JSON and its adopted snapshot; the figures are computed
once per report however many avdelningar there are; report kinds keep their reports apart."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from tillit.core import reporting
from tillit.core.registry import RegistryError
from tillit.core.reporting import ReportProvider, SectionContext, SectionSpec, register_report_provider
from tillit.events.services import event_report
from tillit.org.models import UnitLevel
from tillit.reports import engine
from tillit.reports.document import build_document
from tillit.reports.models import QualityReport
from tillit.reports.services import report_adopt, report_create, report_export
from tillit.reports.tests.test_reports import author_at_root
from tillit.testing.factories import make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def providers(monkeypatch):
    """The registry as the apps left it, restored after the test."""
    monkeypatch.setattr(reporting, "_providers", dict(reporting._providers))
    reporting._providers.pop("risks", None)  # the test's own provider drafts the Riskanalys section
    return reporting._providers


def widget_figures(*, scope, year):
    return {"widgets": {"count": 7, "scope": scope.code, "year": year}, "widgets_internal": {"secret": 1}}


def widget_paragraphs(ctx: SectionContext) -> list[str]:
    return [f"Under {ctx.year} räknades {ctx.own['count']} widgetar inom {ctx.scope_name}."]


WIDGETS = ReportProvider(
    key="widgets",
    order=50,
    figures=widget_figures,
    internal=frozenset({"widgets_internal"}),
    sections=[
        SectionSpec(
            "widgets",
            "Widgetar",
            order=85,  # between Lex Maria (80) and Personal (90)
            paragraphs=widget_paragraphs,
            tables=lambda ctx: [{"caption": "Widgetar", "header": ["", "Antal"], "rows": [["Alla", "7"]]}],
            figures=lambda figures: figures["widgets"],
        ),
        SectionSpec(  # replaces the reports app's guidance text for Riskanalys
            "riskanalys", "Riskanalys", order=30, paragraphs=lambda ctx: ["Två riskanalyser gjordes."]
        ),
        SectionSpec(  # another report kind: never in a kvalitetsberättelse
            "psb_only", "Patientsäkerhet", order=86, paragraphs=lambda ctx: ["x"], report_kinds=frozenset({"psb"})
        ),
    ],
)


def test_a_provider_registered_in_a_test_shows_in_the_report_and_the_figures(org, providers):
    register_report_provider("tillit.widgets.report_sections", WIDGETS)
    author = author_at_root(org)
    report = report_create(actor=author, year=2025, scope=org.soc)
    keys = list(report.sections.values_list("key", flat=True))
    assert keys.index("lex_maria") < keys.index("widgets") < keys.index("personal")
    assert "psb_only" not in keys
    assert report.sections.get(key="widgets").text == "Under 2025 räknades 7 widgetar inom Socialförvaltningen."
    assert report.sections.get(key="riskanalys").text == "Två riskanalyser gjordes."

    figures = json.loads(report_export(report=report, fmt="json"))
    assert figures["widgets"] == {"count": 7, "scope": "SOC", "year": 2025}
    assert "widgets_internal" not in figures and "avdelningar" not in figures  # internal figures stay inside
    assert set(figures) >= {"schema_version", "year", "scope", "units", "events", "actions_by_type"}

    widgets = next(s for s in build_document(report, with_charts=False).sections if s.key == "widgets")
    assert widgets.tables[0]["caption"] == "Widgetar"
    with time_machine.travel("2026-03-01 10:00 +0100", tick=False):
        report = report_adopt(actor=author, report=report, decision_date=date(2026, 2, 20), decision_reference="SN § 1")
    stored = {s["key"]: s for s in report.snapshot["sections"]}
    assert stored["widgets"]["figures"] == {"count": 7, "scope": "SOC", "year": 2025}
    assert stored["widgets"]["tables"][0]["rows"] == [["Alla", "7"]]
    assert report.snapshot["figures"]["widgets"]["count"] == 7


def test_the_adopted_snapshot_stores_each_sections_figures(org):
    with time_machine.travel("2025-03-10 10:00 +0100", tick=False):
        event_report(actor=org.user("medarbetare"), kind="lex_sarah", unit=org.vux1, description="x")
    author = author_at_root(org)
    report = report_create(actor=author, year=2025, scope=org.soc)
    with time_machine.travel("2026-03-01 10:00 +0100", tick=False):
        report = report_adopt(actor=author, report=report, decision_date=date(2026, 2, 20), decision_reference="SN § 2")
    stored = {s["key"]: s for s in report.snapshot["sections"]}
    assert stored["lex_sarah"]["figures"]["events"]["lex_sarah"]["count"] == 1
    assert stored["avdelning:VUX"]["figures"]["events"]["lex_sarah"] == {"count": 1, "previous_year": 0}
    assert stored["avdelning:ALD"]["figures"]["events"]["lex_sarah"] == {"count": 0, "previous_year": 0}
    # The stored table is the published one: the single report is a small count (tillit.core.suppression).
    assert stored["lex_sarah"]["tables"][0]["rows"][0] == ["Lex Sarah-rapporter", "0", "<5"]
    assert report.snapshot["order"] == [s["key"] for s in report.snapshot["sections"]]


def test_report_adopted_before_sections_stored_tables_still_shows_them(org):
    author = author_at_root(org)
    report = report_create(actor=author, year=2025, scope=org.soc)
    with time_machine.travel("2026-03-01 10:00 +0100", tick=False):
        report = report_adopt(actor=author, report=report, decision_date=date(2026, 2, 20), decision_reference="SN § 3")
    for section in report.snapshot["sections"]:  # the snapshot's shape before this change
        del section["tables"], section["figures"]
    report.save()
    sarah = next(s for s in build_document(report, with_charts=False).sections if s.key == "lex_sarah")
    assert sarah.tables[0]["caption"] == "Lex Sarah-rapporter 2024–2025"


def test_figures_are_computed_once_per_report(org, providers):
    for code in ("FUN", "IFO", "STAB"):
        make_unit(code, f"Avdelning {code}", parent=org.soc, level=UnitLevel.AVDELNING)
    calls: dict[str, int] = {}

    def counted(provider):
        def figures(**kwargs):
            calls[provider.key] = calls.get(provider.key, 0) + 1
            return provider.figures(**kwargs)

        return dataclasses.replace(provider, figures=figures)

    for key, provider in list(providers.items()):
        if provider.figures is not None:
            providers[key] = counted(provider)
    report = report_create(actor=author_at_root(org), year=2025, scope=org.soc)
    assert sum(1 for key in report.sections.values_list("key", flat=True) if key.startswith("avdelning:")) == 5
    assert set(calls.values()) == {1} and {"events", "actions"} <= set(calls)  # each provider once


def test_the_number_of_queries_does_not_grow_with_the_avdelningar(org):
    with CaptureQueriesContext(connection) as two:
        engine.draft(scope=org.soc, year=2025)
    for code in ("FUN", "IFO", "STAB", "EKO"):
        make_unit(code, f"Avdelning {code}", parent=org.soc, level=UnitLevel.AVDELNING)
    with CaptureQueriesContext(connection) as six:
        drafted = engine.draft(scope=org.soc, year=2025)
    assert len([s for s in drafted.sections if s.key.startswith("avdelning:")]) == 6
    assert len(six.captured_queries) == len(two.captured_queries)


def test_one_report_per_kind_year_and_scope(org):
    report = report_create(actor=author_at_root(org), year=2025, scope=org.soc)
    assert report.kind == "kvalitetsberattelse"
    other = QualityReport.objects.create(kind="psb", year=2025, scope=org.soc, created_by=report.created_by)
    assert other.pk != report.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        QualityReport.objects.create(kind="kvalitetsberattelse", year=2025, scope=org.soc, created_by=report.created_by)


def test_a_second_app_may_not_take_a_drafted_sections_key(providers):
    clash = ReportProvider(key="clash", sections=[SectionSpec("lex_sarah", "Lex Sarah", order=1, paragraphs=list)])
    with pytest.raises(RegistryError, match="lex_sarah"):
        register_report_provider("tillit.clash.report_sections", clash)
