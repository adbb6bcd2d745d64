"""The section "Ledningssystemet och processer och rutiner" is drafted from data (replacing the
guidance text) and the `documents` figures follow docs/figures.md."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from tillit.documents.figures import document_figures
from tillit.documents.services import (
    activity_add,
    process_create,
    read_receipt_confirm,
    read_receipts_request,
    version_create,
)
from tillit.documents.tests.helpers import faststall, make_document
from tillit.reports.engine import compute_figures, draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(org):
    chef = org.user("enhetschef")
    with time_machine.travel("2026-03-01 10:00 +0100", tick=False):
        first = make_document(org, code="RUT-1")
        faststall(first.versions.get(), chef, valid_from=date(2026, 3, 1), next_review_on=date(2026, 6, 1))
        old = make_document(org, code="RUT-2", doc_type="riktlinje")
        faststall(old.versions.get(), chef, valid_from=date(2026, 3, 1), next_review_on=date(2027, 3, 1))
        faststall(version_create(actor=chef, document=old, text="Reviderad"), chef)
        make_document(org, code="RUT-3")  # an utkast
        first.refresh_from_db()
        version = first.current_version
        read_receipts_request(actor=chef, version=version)
        read_receipt_confirm(
            actor=org.user("medarbetare"), receipt=version.read_receipts.get(user__username="medarbetare")
        )
        process = process_create(actor=chef, code="P-VUX", name="Socialtjänstprocessen Vuxna", unit=org.vux1)
        activity_add(actor=chef, process=process, name="Aktualisera", documents=[first])
        activity_add(actor=chef, process=process, name="Utreda", samverkan_with="Region")
    return org


def test_the_documents_figures(register):
    figures = document_figures(scope=register.soc, year=2026, today=date(2026, 12, 31))["documents"]
    assert figures["by_type"]["rutin"] == {"utkast": 1, "granskning": 0, "faststalld": 1, "upphavd": 0}
    assert figures["by_type"]["riktlinje"]["faststalld"] == 1
    assert (figures["new"], figures["revised"], figures["overdue_for_review"]) == (2, 1, 1)
    assert figures["processes"] == [
        {"code": "P-VUX", "name": "Socialtjänstprocessen Vuxna", "core": True, "activities": 2, "samverkan": 1,
         "without_routine": 1}
    ]  # fmt: skip
    assert figures["read_receipts"] == {"asked": 2, "confirmed": 1, "share": 0.5}
    # Another scope sees none of it; the previous year has nothing new.
    assert document_figures(scope=register.ald, year=2026)["documents"]["new"] == 0
    assert document_figures(scope=register.soc, year=2025, today=date(2026, 12, 31))["documents"]["new"] == 0


def test_the_section_is_drafted_from_data_and_published_in_the_json(register):
    with time_machine.travel("2027-01-15 10:00 +0100", tick=False):
        report = draft(scope=register.soc, year=2026)
        published = compute_figures(scope=register.soc, year=2026).published
    section = next(s for s in report.sections if s.key == "ledningssystem")
    assert section.title == "Ledningssystemet och processer och rutiner"
    assert "Beskriv" not in section.text
    assert "Socialtjänstprocessen Vuxna (2 aktiviteter)" in section.text
    assert "Under 2026 har 2 nya styrande dokument upprättats och 1 dokument reviderats." in section.text
    assert "1 dokument har passerat sitt datum för revidering." in section.text
    assert "50 % har kvitterat" in section.text
    assert section.tables[0]["rows"] == [["Socialtjänstprocessen Vuxna", "2", "1", "1"]]
    assert "documents" in published and published["documents"]["new"] == 2


def test_an_empty_register_still_drafts(org):
    section = next(s for s in draft(scope=org.soc, year=2026).sections if s.key == "ledningssystem")
    assert "Inga processer är registrerade" in section.text
