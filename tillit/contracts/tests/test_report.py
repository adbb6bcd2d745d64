"""The `providers` figures (docs/figures.md) and the drafted section "Utförare och
avtalsuppföljning"; a provider's own kvalitetsberättelse for its units."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tillit.contracts.figures import providers_figures
from tillit.contracts.services import follow_up_transition, measure_answer, measure_judge
from tillit.core.roles import Role
from tillit.events.models import Event
from tillit.events.services import event_report
from tillit.reports import engine
from tillit.reports.models import QualityReport
from tillit.testing.client import login
from tillit.testing.factories import UserFactory, assign

pytestmark = pytest.mark.django_db


def lex_sarah(org, unit, **fields):
    event = event_report(actor=org.user("medarbetare"), kind="lex_sarah", unit=unit, description="Rapport").event
    if fields:
        Event.objects.filter(pk=event.pk).update(**fields)
    return event


@pytest.fixture
def year_data(org, follow_up, measure):
    today = timezone.localdate()
    lex_sarah(org, org.p1a, ivo_notified_on=today, closed_on=today, outcome="missforhallande")
    lex_sarah(org, org.p1a, closed_on=today, outcome="ej_utredd")  # closed without an utredning
    lex_sarah(org, org.p1a)
    lex_sarah(org, org.p2a)
    lex_sarah(org, org.ald1)  # the municipality's own unit: no provider
    follower = org.user("avtalsuppfoljare")
    follow_up_transition(actor=follower, follow_up=follow_up, code="genomfora")
    return today.year


def test_providers_figures_per_provider_code(org, year_data):
    figures = providers_figures(scope=org.soc, year=year_data)
    assert figures["providers"] == {
        "p1": {
            "lex_sarah_reports": 3,
            "lex_sarah_investigations": 1,
            "ivo_notified": 1,
            "follow_ups": 1,
            "deficiencies": 1,
            "measures_open": 1,
            "measures_closed": 0,
        },
        "p2": {
            "lex_sarah_reports": 1,
            "lex_sarah_investigations": 0,
            "ivo_notified": 0,
            "follow_ups": 0,
            "deficiencies": 0,
            "measures_open": 0,
            "measures_closed": 0,
        },
    }
    json.dumps(figures)
    assert providers_figures(scope=org.vux, year=year_data)["providers"] == {}
    assert list(providers_figures(scope=org.p2a, year=year_data)["providers"]) == ["p2"]
    assert providers_figures(scope=org.soc, year=year_data - 1)["providers"]["p1"]["lex_sarah_reports"] == 0


def test_closed_measures_count_when_approved(org, year_data, measure):
    measure_answer(actor=org.user("utforarkontakt"), measure=measure, answer="Klart.")
    measure_judge(actor=org.user("avtalsuppfoljare"), measure=measure, approve=True)
    counts = providers_figures(scope=org.soc, year=year_data)["providers"]["p1"]
    assert (counts["measures_open"], counts["measures_closed"]) == (0, 1)


def test_the_section_is_drafted_from_the_figures_with_small_counts_suppressed(org, year_data):
    draft = engine.draft(scope=org.soc, year=year_data)
    section = next(s for s in draft.sections if s.key == "utforare")
    assert section.title == "Utförare och avtalsuppföljning"
    text = section.text
    assert f"Det har under {year_data} inkommit färre än 5 lex Sarah-utredningar från utförarna." in text
    assert "Utförarna har tagit emot färre än 5 lex Sarah-rapporter under året." in text
    assert "skyldighet att informera om och skicka in lex Sarah-utredningar" in text
    assert f"Under {year_data} genomfördes 1 avtalsuppföljning." in text
    assert "identifierades 1 brist; 0 krävda åtgärder har godkänts och 1 är ännu inte avslutad" in text
    assert "Omsorg Ett AB" not in text  # aggregates only in the text; names in the table
    table = section.tables[0]
    assert table["rows"][0][:4] == ["Omsorg Ett AB", "<5", "<5", "<5"]
    assert "Antal under 5" in table["caption"]
    assert "provider_names" not in json.dumps(engine.compute_figures(scope=org.soc, year=year_data).published)


def test_without_providers_the_section_is_guidance(org):
    draft = engine.draft(scope=org.vux, year=2025)
    section = next(s for s in draft.sections if s.key == "utforare")
    assert "Inga verksamheter inom Avdelning Vuxna drivs av privata utförare" in section.text


def test_a_provider_makes_its_own_quality_report_for_its_units(org, year_data):
    quality = UserFactory(username="p1-kvalitet", provider=org.provider1)
    assign(quality, Role.KVALITETSUTVECKLARE, org.p1a)
    client = login(Client(), quality)
    form = client.get(reverse("reports:report_list"))
    assert form.status_code == 200
    options = form.context["form"].fields["scope"].queryset
    assert list(options) == [org.p1a]
    response = client.post(reverse("reports:report_list"), {"year": year_data, "scope": org.p1a.pk})
    assert response.status_code == 302
    report = QualityReport.objects.get(scope=org.p1a)
    assert client.get(reverse("reports:report_detail", args=[report.pk])).status_code == 200
    section = report.sections.get(key="utforare")
    assert "lex Sarah" in section.text
    # The other provider's unit is never offered or accepted.
    response = client.post(reverse("reports:report_list"), {"year": year_data, "scope": org.p2a.pk})
    assert not QualityReport.objects.filter(scope=org.p2a).exists()
