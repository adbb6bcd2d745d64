"""The report narrative (section texts) and the personnummer guard."""

import pytest
from django.urls import reverse

from tillit.core.privacy import PLACEHOLDER
from tillit.reports.models import QualityReport
from tillit.reports.tests.test_reports import author_at_root
from tillit.reports.tests.test_views import login

pytestmark = pytest.mark.django_db


def test_section_text_is_guarded_and_what_was_typed_is_kept(client, org):
    author = author_at_root(org)
    login(client, author)
    client.post(reverse("reports:report_list"), {"year": 2025, "scope": org.soc.pk})
    report = QualityReport.objects.get()
    section = report.sections.get(key="samverkan")
    url = reverse("reports:section_edit", args=[report.pk, section.pk])
    text = "Samverkan kring brukaren 19121212-1212 har förbättrats."
    response = client.post(url, {"text": text})
    section.refresh_from_db()
    body = response.content.decode()
    assert "19121212-1212" not in section.text
    assert "Personnummer i texten" in body and "19121212-1212" in body
    client.post(url, {"text": text, "pnr_choice": "replace"})
    section.refresh_from_db()
    assert section.text == f"Samverkan kring brukaren {PLACEHOLDER} har förbättrats."
