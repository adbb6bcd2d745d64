"""The kvalitetsutvecklare's path: open the last full year, edit, preview, adopt, download."""

import json
from datetime import date

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from tillit.events.services import event_report
from tillit.reports.models import QualityReport
from tillit.reports.tests.test_reports import author_at_root

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    session = client.session
    session["tillit_strong_auth"] = True
    session.save()


def test_create_edit_adopt_download(client, org):
    with time_machine.travel("2025-04-01 10:00 +0200", tick=False):
        event_report(actor=org.user("medarbetare"), kind="klagomal", unit=org.vux1, description="x")
    author = author_at_root(org)
    login(client, author)
    page = client.get(reverse("reports:report_list"))
    assert page.context["form"].initial["year"] == date.today().year - 1
    response = client.post(reverse("reports:report_list"), {"year": 2025, "scope": org.soc.pk})
    report = QualityReport.objects.get()
    assert response.url == reverse("reports:report_detail", args=[report.pk])
    client.post(reverse("reports:report_list"), {"year": 2025, "scope": org.soc.pk})  # double click
    assert QualityReport.objects.count() == 1
    section = report.sections.get(key="samverkan")
    url = reverse("reports:section_edit", args=[report.pk, section.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"text": "Vi samverkar med regionen om trygg hemgång."})
    detail = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "trygg hemgång" in detail
    client.post(reverse("reports:refresh", args=[report.pk]))
    client.post(
        reverse("reports:adopt", args=[report.pk]),
        {"decision_date": date.today().isoformat(), "decision_reference": "SN § 12"},
    )
    report.refresh_from_db()
    assert report.adopted
    pdf = client.get(reverse("reports:download", args=[report.pk, "pdf"]))
    assert pdf.content == bytes(report.pdf)
    docx = client.get(reverse("reports:download", args=[report.pk, "docx"]))
    assert docx.content == bytes(report.docx)
    figures = json.loads(client.get(reverse("reports:download", args=[report.pk, "json"])).content)
    assert figures["events"]["klagomal"]["count"] == 1
    assert client.get(reverse("reports:download", args=[report.pk, "html"])).status_code == 200
    assert client.get(url).status_code == 404  # adopted: no more editing


def test_namnd_reads_but_cannot_create(client, org):
    author = author_at_root(org)
    from tillit.reports.services import report_create

    report = report_create(actor=author, year=2025, scope=org.vux)
    login(client, org.user("namnd"))  # nämnd sits at VUX in the test organisation
    assert client.get(reverse("reports:report_detail", args=[report.pk])).status_code == 200
    assert client.get(reverse("reports:report_list")).context["form"] is None
    client.post(reverse("reports:report_list"), {"year": 2024, "scope": org.vux.pk})
    assert QualityReport.objects.count() == 1
    login(client, org.user("medarbetare"))
    assert client.get(reverse("reports:report_detail", args=[report.pk])).status_code == 404


def test_command_line(org, tmp_path, capsys):
    with time_machine.travel("2025-04-01 10:00 +0200", tick=False):
        event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x")
    call_command("quality_report", year=2025, unit="SOC", format="json", output=str(tmp_path / "f.json"))
    assert json.loads((tmp_path / "f.json").read_text())["events"]["avvikelse"]["count"] == 1
    call_command("quality_report", year=2025, format="pdf", output=str(tmp_path / "r.pdf"))
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    call_command("quality_report", year=2025, format="docx", output=str(tmp_path / "r.docx"))
    assert (tmp_path / "r.docx").read_bytes().startswith(b"PK")
