"""The series page: a phased control chart (limits frozen per phase), who may see it and who may
start a new phase (with a reason, audited), and the signals using the stored baseline."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from tillit.audit.models import AuditEvent
from tillit.testing.client import login
from tillit.trends.models import EventMonthCount, SeriesPhase
from tillit.trends.phases import PhaseStart, phased_points
from tillit.trends.selectors import event_series_key, months_ending, series_signals

pytestmark = pytest.mark.django_db
COUNTS = [4, 3, 5, 4, 4, 3, 5, 4, 4, 3, 5, 4] + [12] * 12
KEY = event_series_key("avvikelse", "VUX1", "lakemedel")


def _url(key: str = KEY) -> str:
    return f"{reverse('trends:series_detail')}?serie={key}&ar=2025"


@pytest.fixture
def series(org):
    EventMonthCount.objects.bulk_create(
        EventMonthCount(unit=org.vux1, kind="avvikelse", category="lakemedel", month=m, count=c)
        for m, c in zip(months_ending(2025), COUNTS, strict=True)
    )


def test_phases_have_their_own_frozen_limits():
    months = months_ending(2025)
    values = [float(c) for c in COUNTS]
    before = phased_points(kind="c", periods=months, values=values, sizes=None, phases=[])
    assert {p.phase for p in before} == {0} and before[0].centre == pytest.approx(sum(COUNTS) / 24)
    phased = phased_points(
        kind="c",
        periods=months,
        values=values,
        sizes=None,
        phases=[PhaseStart(date(2024, 1, 1), 12), PhaseStart(date(2025, 1, 1), 6)],
    )
    first, second = phased[0], phased[-1]
    assert (first.phase, first.centre, first.upper) == (1, 4.0, 10.0)
    assert (second.phase, second.centre) == (2, 12.0)  # the new phase's own baseline: no point outside
    assert not any(p.outside for p in phased)
    frozen = phased_points(
        kind="c", periods=months, values=values, sizes=None, phases=[PhaseStart(date(2024, 1, 1), 12)]
    )
    assert sum(p.outside for p in frozen) == 12  # one frozen phase: every month of 2025 is above
    assert [p.baseline for p in frozen].count(True) == 12


def test_points_without_a_value_or_size_are_left_out():
    months = months_ending(2025)[:4]
    points = phased_points(kind="p", periods=months, values=[1, None, 2, 3], sizes=[10, 10, 0, 10], phases=[])
    assert [p.period for p in points] == [months[0], months[3]]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("kvalitetsutvecklare", 200),
        ("enhetschef", 200),
        ("avdelningschef", 200),
        ("utredare", 200),
        ("mas", 200),
        ("systemadministrator", 200),
        ("medarbetare", 404),
        ("namnd", 404),
        ("ledning", 404),
        ("utforarkontakt", 404),
    ],
)
def test_who_sees_a_series(client, org, series, role, status):
    login(client, org.user(role))
    response = client.get(_url())
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "<svg" in html and "Faser och deras frusna baslinje" in html
        assert ("Starta en ny fas" in html) == (role == "kvalitetsutvecklare")


def test_a_series_outside_scope_or_unknown_is_404(client, org, series):
    login(client, org.user("enhetschef"))  # VUX1 only
    ald_key = event_series_key("avvikelse", "ALD1", "lakemedel")
    assert client.get(_url(ald_key)).status_code == 404
    assert client.get(_url("event:nope")).status_code == 404
    assert client.get(_url("okand:x")).status_code == 404


def test_kvalitetsutvecklare_rephases_with_a_reason_and_it_is_audited(client, org, series):
    login(client, org.user("kvalitetsutvecklare"))
    data = {"series": KEY, "starts_on": "2024-01", "baseline_months": 12, "reason": ""}
    assert client.post(_url(), data).status_code == 422
    assert not SeriesPhase.objects.exists()
    response = client.post(_url(), {**data, "reason": "Ny läkemedelsrutin"}, follow=True)
    html = response.content.decode()
    assert "En ny fas börjar 2024-01" in html and "Ny läkemedelsrutin" in html
    assert "12 värden ligger utanför gränserna" in html
    phase = SeriesPhase.objects.get()
    assert (phase.series_key, phase.created_by, phase.baseline_months) == (KEY, org.user("kvalitetsutvecklare"), 12)
    assert AuditEvent.objects.filter(object_type="trends.seriesphase", detail__series=KEY).exists()
    # The same month twice is refused (a double click makes no second phase).
    client.post(_url(), {**data, "reason": "Ny läkemedelsrutin"})
    assert SeriesPhase.objects.count() == 1
    # trend_signals uses the stored baseline.
    (row,) = series_signals(unit_ids=None, year=2025)
    assert len(row["points_outside_limits"]) == 12


def test_others_cannot_post_a_phase(client, org, series):
    login(client, org.user("enhetschef"))
    data = {"series": KEY, "starts_on": "2024-01", "baseline_months": 12, "reason": "x"}
    assert client.post(_url(), data).status_code == 404
    assert not SeriesPhase.objects.exists()


def test_series_page_query_count_does_not_grow_with_phases(client, org, series, django_assert_max_num_queries):
    login(client, org.user("kvalitetsutvecklare"))
    for month in range(1, 9):
        SeriesPhase.objects.create(
            series_key=KEY, starts_on=date(2024, month, 1), reason="x", created_by=org.user("kvalitetsutvecklare")
        )
    with django_assert_max_num_queries(16):
        assert client.get(_url()).status_code == 200


@pytest.mark.parametrize(("role", "status"), [("kvalitetsutvecklare", 200), ("enhetschef", 200), ("namnd", 404)])
def test_series_list_shows_the_series_in_scope_signals_first(client, org, series, role, status):
    EventMonthCount.objects.bulk_create(
        EventMonthCount(unit=org.ald1, kind="avvikelse", category="fall", month=m, count=c)
        for m, c in zip(months_ending(2025), COUNTS, strict=True)
    )
    login(client, org.user(role))
    with time_machine.travel(date(2025, 12, 31)):
        response = client.get(reverse("trends:series_list"))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert f"?serie={KEY.replace(':', '%3A')}" in html
        assert "ALD1" not in html  # outside the scope (VUX, VUX1)
        assert "En serie bevakas" in html  # one series in scope (VUX1 fall)


def test_series_list_query_count_does_not_grow_with_series(client, org, django_assert_max_num_queries):
    for i in range(30):
        EventMonthCount.objects.bulk_create(
            EventMonthCount(unit=org.vux1, kind="avvikelse", category=f"k{i}", month=m, count=c)
            for m, c in zip(months_ending(2025), COUNTS, strict=True)
        )
    login(client, org.user("kvalitetsutvecklare"))
    with time_machine.travel(date(2025, 12, 31)), django_assert_max_num_queries(16):
        html = client.get(reverse("trends:series_list")).content.decode()
    assert "30 serier" in html
