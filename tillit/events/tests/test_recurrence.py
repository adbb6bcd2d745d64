"""Liknande händelser tidigare: same unit and category within the window (a service level), links
only to cases the viewer reads, the investigation prefill and the IVO anmälan's "tidigare", the
setting, and a constant number of queries on the case page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tillit.audit.models import AuditEvent
from tillit.events.models import Category, Event
from tillit.events.recurrence import recurrence_window_set, similar_earlier, window_days
from tillit.events.services import event_report
from tillit.events.services.ivo import initial_content
from tillit.testing.client import login

pytestmark = pytest.mark.django_db
DAY = date(2026, 5, 20)


@pytest.fixture
def falls(db):
    return Category.objects.get_or_create(code="fall-test", defaults={"label": "Fall (test)"})[0]


def _event(org, unit, category, reported_on: date, kind: str = "avvikelse") -> Event:
    event = event_report(actor=org.user("medarbetare"), kind=kind, unit=unit, description="x", category=category).event
    Event.objects.filter(pk=event.pk).update(reported_on=reported_on)
    event.reported_on = reported_on
    return event


def test_counts_earlier_events_in_the_same_unit_and_category_within_the_window(org, falls):
    other = Category.objects.exclude(pk=falls.pk).first()
    _event(org, org.vux1, falls, DAY - timedelta(days=10))
    _event(org, org.vux1, falls, DAY - timedelta(days=90), kind="lex_sarah")  # other kinds count too
    _event(org, org.vux1, falls, DAY - timedelta(days=91))  # outside the window
    _event(org, org.vux2, falls, DAY - timedelta(days=5))  # other unit
    _event(org, org.vux1, other, DAY - timedelta(days=5))  # other category
    event = _event(org, org.vux1, falls, DAY)
    _event(org, org.vux1, falls, DAY + timedelta(days=1))  # later: not "tidigare"
    found = similar_earlier(org.user("enhetschef"), event)
    assert (found.days, found.count) == (90, 2)
    assert found.sentence == (
        "Liknande händelser tidigare: 2 de senaste 90 dagarna (samma enhet och kategori, enligt Tillit)."
    )


def test_no_category_no_flag(org):
    event = _event(org, org.vux1, None, DAY)
    assert similar_earlier(org.user("enhetschef"), event) is None


def test_links_only_to_cases_the_viewer_reads_the_rest_counted(client, org, falls):
    sarah = _event(org, org.vux1, falls, DAY - timedelta(days=3), kind="lex_sarah")
    avvikelse = _event(org, org.vux1, falls, DAY - timedelta(days=2))
    event = _event(org, org.vux1, falls, DAY)
    login(client, org.user("mas"))  # reads avvikelser of VUX, not lex Sarah
    html = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert "Liknande händelser tidigare: 2 de senaste 90 dagarna" in html
    assert reverse("events:event_detail", args=[avvikelse.pk]) in html
    assert reverse("events:event_detail", args=[sarah.pk]) not in html and sarah.reference not in html
    assert "Ytterligare 1 händelse som du inte har behörighet att läsa" in html


def test_investigation_gets_the_prefill_and_the_ivo_anmalan_the_sentence(client, org, falls):
    _event(org, org.vux1, falls, DAY - timedelta(days=3))
    event = _event(org, org.vux1, falls, DAY, kind="lex_sarah")
    login(client, org.user("utredare"))
    html = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert 'name="topic" value="tidigare"' in html
    assert "Liknande händelser tidigare: 1 de senaste 90 dagarna (samma enhet och kategori" in html
    assert initial_content(event, org.user("utredare"))["tidigare"].startswith("Liknande händelser tidigare: 1")


def test_the_window_is_a_setting_for_configurers_and_audited(client, org, falls):
    with pytest.raises(PermissionDenied):
        recurrence_window_set(actor=org.user("enhetschef"), days=30)
    login(client, org.user("kvalitetsutvecklare"))
    assert "Liknande händelser tidigare" in client.get(reverse("events:settings")).content.decode()
    client.post(reverse("events:recurrence_window_change"), {"days": "30"})
    assert window_days() == 30
    assert AuditEvent.objects.filter(object_id="handelser:liknande_handelser", detail__days=30).exists()
    _event(org, org.vux1, falls, DAY - timedelta(days=31))
    event = _event(org, org.vux1, falls, DAY)
    assert similar_earlier(org.user("enhetschef"), event).count == 0
    client.post(reverse("events:recurrence_window_change"), {"days": "3"})  # refused: below 7
    assert window_days() == 30


def test_case_page_queries_do_not_grow_with_similar_events(client, org, falls):
    def queries_for(event) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("events:event_detail", args=[event.pk])).status_code == 200
        return len(ctx.captured_queries)

    login(client, org.user("enhetschef"))
    _event(org, org.vux1, falls, DAY - timedelta(days=1))
    few = queries_for(_event(org, org.vux1, falls, DAY))
    for i in range(25):
        _event(org, org.vux1, falls, DAY - timedelta(days=2 + i))
    many = queries_for(_event(org, org.vux1, falls, DAY + timedelta(days=1)))
    assert many == few
    html = client.get(reverse("events:event_detail", args=[Event.objects.order_by("-pk").first().pk])).content.decode()
    assert "Liknande händelser tidigare: 27" in html and "Ytterligare 17 händelser" in html
