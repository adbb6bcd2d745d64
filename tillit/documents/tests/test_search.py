"""Searching documents: full-text with Swedish stemming on PostgreSQL, `icontains` on SQLite; both
find a document by its code, a word of its title or of its current text, and nothing else."""

from __future__ import annotations

import pytest
from django.db import connection

from tillit.documents.models import Document
from tillit.documents.selectors import search_documents
from tillit.documents.tests.helpers import faststall, make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(org):
    chef = org.user("enhetschef")
    faststall(
        make_document(
            org, code="RUT-FALL", title="Fallprevention", text="Riskbedömning vid inflyttning"
        ).versions.get(),
        chef,
    )
    faststall(
        make_document(org, code="RUT-LAK", title="Läkemedelshantering", text="Signeringslistor").versions.get(), chef
    )
    make_document(org, code="RUT-NY", title="Nyckelhantering", text="Nyckelboken")  # a draft: no current text


def codes(q: str) -> set[str]:
    return set(search_documents(Document.objects.all(), q).values_list("code", flat=True))


def test_code_title_and_current_text_are_searched(register):
    assert codes("RUT-LAK") == {"RUT-LAK"}
    assert codes("Fallprevention") == {"RUT-FALL"}
    assert codes("inflyttning") == {"RUT-FALL"}
    assert codes("Nyckelboken") == set()  # only a draft has it
    assert codes("Nyckelhantering") == {"RUT-NY"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_postgresql_stems_swedish_words(register):
    assert codes("signeringslista") == {"RUT-LAK"}  # a singular finds the plural
    assert codes("riskbedömningen") == {"RUT-FALL"}


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite fallback")
def test_sqlite_finds_parts_of_words(register):
    assert codes("prevention") == {"RUT-FALL"}
