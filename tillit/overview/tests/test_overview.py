"""The overview (Översikt) and the signals on start pages: who sees them (aggregate-only roles see
the overview, with no personal data and small counts hidden), what they say, and that the number of
queries does not grow with the events (everything comes from the monthly aggregate and counts)."""

from __future__ import annotations

import random
from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tillit.events.models import Category
from tillit.events.services import event_report
from tillit.overview.signals import watch, window
from tillit.testing.client import login
from tillit.trends.models import EventMonthCount
from tillit.trends.selectors import months_until
from tillit.trends.tests.test_spc import _poisson

pytestmark = pytest.mark.django_db

TODAY = date(2026, 2, 15)  # the window: February 2024 – January 2026


def shift(unit, *, category="lakemedel", kind="avvikelse", seed=20261101):
    """24 months of counts with a rise in the last ten."""
    Category.objects.get_or_create(code=category, defaults={"label": category.capitalize()})
    rng = random.Random(seed)
    months = months_until(date(2026, 1, 1))
    counts = [_poisson(rng, 3) for _ in range(14)] + [_poisson(rng, 9) for _ in range(10)]
    EventMonthCount.objects.bulk_create(
        EventMonthCount(unit=unit, kind=kind, category=category, month=m, count=c)
        for m, c in zip(months, counts, strict=True)
    )


def report(org, kind, unit, n):
    for _ in range(n):
        event_report(actor=org.user("medarbetare"), kind=kind, unit=unit, description="Brukaren Anna Andersson föll.")


@pytest.fixture
def frozen():
    with time_machine.travel(date(2026, 2, 15), tick=False):
        yield


@pytest.mark.parametrize("role", ["namnd", "ledning", "kvalitetsutvecklare", "avdelningschef"])
def test_aggregate_only_and_leading_roles_see_the_overview(client, org, role, frozen):
    login(client, org.user(role))
    response = client.get(reverse("overview:overview"))
    assert response.status_code == 200
    assert "Översikt" in response.content.decode()


@pytest.mark.parametrize("role", ["medarbetare", "utforarkontakt", "enhetschef"])
def test_others_do_not(client, org, role, frozen):
    login(client, org.user(role))
    assert client.get(reverse("overview:overview")).status_code == 404


def test_the_menu_shows_oversikt_to_the_namnd(client, org, frozen):
    login(client, org.user("namnd"))
    html = client.get(reverse("home:start")).content.decode()
    assert reverse("overview:overview") in html


def test_overview_has_no_personal_data_and_hides_small_counts(client, org, frozen):
    report(org, "avvikelse", org.vux1, 3)  # small: shown as <5
    report(org, "klagomal", org.vux2, 7)
    login(client, org.user("namnd"))
    html = client.get(reverse("overview:overview")).content.decode()
    reporter = org.user("medarbetare")
    assert "Anna Andersson" not in html and reporter.display_name not in html and reporter.username not in html
    assert "&lt;5" in html  # the three avvikelser
    assert ">7<" in html or "7 (" in html  # the seven klagomål are shown
    assert "Antal under 5 visas som &lt;5" in html


def test_overview_counts_this_year_against_the_same_months_last_year(org, frozen):
    from tillit.overview.selectors import overview_for

    EventMonthCount.objects.create(unit=org.vux1, kind="avvikelse", month=date(2026, 1, 1), count=9)
    EventMonthCount.objects.create(unit=org.vux1, kind="avvikelse", month=date(2025, 1, 1), count=6)
    EventMonthCount.objects.create(unit=org.vux1, kind="avvikelse", month=date(2025, 2, 1), count=50)  # not compared
    page = overview_for(org.user("namnd"), TODAY)
    row = next(r for r in page.kinds if r.kind == "avvikelse")
    assert (page.year, page.period) == (2026, "januari")
    assert (row.this_year.value, row.last_year.value, row.change) == (9, 6, "+50 %")
    # The nämnd's scope is VUX here: its units below are the rows; 9 is not small, 6 neither.
    assert [u.name for u in page.units] == ["Boendestöd", "Missbruksvård"]
    assert str(page.units[0].cells[0][0]) == "9"


def test_query_count_does_not_grow_with_the_events(client, org, frozen, django_assert_max_num_queries):
    shift(org.vux1)
    report(org, "avvikelse", org.vux1, 2)
    login(client, org.user("namnd"))
    client.get(reverse("overview:overview"))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("overview:overview")).status_code == 200
    report(org, "avvikelse", org.vux1, 12)
    report(org, "klagomal", org.vux2, 8)
    for i in range(1, 13):
        EventMonthCount.objects.create(unit=org.vux2, kind="synpunkt", month=date(2025, i, 1), count=i)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("overview:overview")).status_code == 200


def test_a_shift_signals_in_plain_swedish_with_a_link_to_its_chart(org, frozen):
    shift(org.vux1)
    found = watch(unit_ids={org.vux1.pk}, months=window(TODAY))
    assert found.watched == 1 and len(found.signals) == 1
    signal = found.signals[0]
    assert signal.subject == "Avvikelser om läkemedel i Boendestöd"
    assert "över medianen" in signal.sentence and "i rad sedan" in signal.sentence
    assert signal.url == reverse(
        "overview:series", kwargs={"kind": "avvikelse", "unit": "VUX1", "category": "lakemedel"}
    )


def test_a_sparse_series_does_not_signal(org, frozen):
    # Median 0: every month with an event lies "above" it; such a series is too sparse to judge.
    months = months_until(date(2026, 1, 1))
    counts = [0, 0, 0, 0, 1, 2, 0, 1, 1, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0]
    EventMonthCount.objects.bulk_create(
        EventMonthCount(unit=org.vux1, kind="avvikelse", category="fall", month=m, count=c)
        for m, c in zip(months, counts, strict=True)
    )
    assert watch(unit_ids=None, months=window(TODAY)).watched == 0


def test_signals_on_the_chefs_start_page_in_scope(client, org, frozen):
    shift(org.vux1)
    shift(org.ald1, category="fall", seed=7)
    login(client, org.user("enhetschef"))  # VUX1
    html = client.get(reverse("home:start")).content.decode()
    assert "Trendsignaler" in html and "Avvikelser om läkemedel i Boendestöd" in html
    assert "Hemtjänst Norr" not in html  # ALD1: not the enhetschef's unit
    assert "serie kan visa en signal av en slump" in html or "av dem visa en signal" in html
    login(client, org.user("kvalitetsutvecklare"))  # VUX
    assert "Avvikelser om läkemedel i Boendestöd" in client.get(reverse("home:start")).content.decode()
    login(client, org.user("medarbetare"))
    assert "Trendsignaler" not in client.get(reverse("home:start")).content.decode()


def test_series_page_in_scope_only_and_suppressed_for_the_namnd(client, org, frozen):
    shift(org.vux1)
    shift(org.ald1, seed=7)
    url = reverse("overview:series", kwargs={"kind": "avvikelse", "unit": "VUX1", "category": "lakemedel"})
    login(client, org.user("enhetschef"))
    response = client.get(url)
    assert response.status_code == 200 and "<svg" in response.content.decode()
    assert "Medianen är" in response.content.decode()
    other = reverse("overview:series", kwargs={"kind": "avvikelse", "unit": "ALD1", "category": "lakemedel"})
    assert client.get(other).status_code == 404
    login(client, org.user("namnd"))
    html = client.get(url).content.decode()
    assert "Medianen är" not in html and "utan sitt exakta värde" in html
    login(client, org.user("medarbetare"))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(("role", "shown"), [("ledning", True), ("namnd", True), ("enhetschef", False)])
def test_the_overview_box_is_on_the_aggregate_roles_start_page(client, org, frozen, role, shown):
    shift(org.vux1)
    login(client, org.user(role))
    html = client.get(reverse("home:start")).content.decode()
    assert ("Visa översikten" in html) is shown
    if shown:
        assert "Avvikelser om läkemedel i Boendestöd" in html  # the signals in their scope
