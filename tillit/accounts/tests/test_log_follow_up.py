"""Logguppföljning: access, filtering, random sample, recording a review, query count."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tillit.accounts.log_selectors import log_rows, log_sample
from tillit.audit import services
from tillit.audit.models import AuditAction, AuditEvent, LogReview
from tillit.audit.services import audit_record, log_review_record
from tillit.testing.client import login
from tillit.testing.factories import UserFactory, assign


@pytest.fixture
def admin(org):
    user = org.user("systemadministrator")
    assign(user, "systemadministrator", org.soc)
    return user


def _reads(actor, unit, n: int) -> None:
    for i in range(n):
        audit_record(actor=actor, action=AuditAction.READ, object_type="events.event", object_id=i, unit_id=unit.pk)


@pytest.mark.django_db
def test_medarbetare_gets_404_everywhere_and_the_denial_is_audited(client, org):
    user = org.user("medarbetare")
    login(client, user)
    assert client.get(reverse("accounts:log_list")).status_code == 404
    assert client.post(reverse("accounts:log_sample"), {"size": 5}).status_code == 404
    review = {"period_start": "2026-01-01", "period_end": "2026-01-31", "conclusion": "x"}
    assert client.post(reverse("accounts:log_review"), review).status_code == 404
    assert not LogReview.objects.exists()
    denials = AuditEvent.objects.filter(actor=user, action=AuditAction.PERMISSION_DENIED, object_type="audit.log")
    assert denials.count() == 3 and denials.first().detail == {"permission": "audit.view"}


@pytest.mark.django_db
def test_sample_and_review_need_post(client, admin):
    login(client, admin)
    assert client.get(reverse("accounts:log_sample")).status_code == 405
    assert client.get(reverse("accounts:log_review")).status_code == 405


@pytest.mark.django_db
def test_filters_by_user_unit_object_type_action_and_date(client, org, admin):
    chef, med = org.user("enhetschef"), org.user("medarbetare")
    _reads(chef, org.vux1, 2)
    _reads(med, org.ald1, 3)
    login(client, admin)
    url = reverse("accounts:log_list")

    def count(**params) -> int:
        return client.get(url, params).context["page"].paginator.count

    assert count(actor=chef.pk, action="read") == 2
    assert count(unit=org.ald1.pk, action="read") == 3
    assert count(object_type="events.event") == 5
    assert count(object_type="events.event", action="create") == 0
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert count(object_type="events.event", date_from=tomorrow) == 0
    assert count(object_type="events.event", date_to=tomorrow) == 5
    page = client.get(url, {"actor": med.pk})
    assert {row.actor_id for row in page.context["page"]} == {med.pk}
    read = AuditEvent.objects.filter(actor=admin, action=AuditAction.READ, object_type="audit.log").last()
    assert read.detail == {"actor": med.pk}


@pytest.mark.django_db
def test_sample_is_drawn_from_the_filter_and_reproducible_from_its_seed(org, admin):
    chef = org.user("enhetschef")
    _reads(chef, org.vux1, 30)
    rows = log_rows(admin, {"actor": chef, "action": "read"})
    first = log_sample(rows, 10, seed=42)
    assert len(first) == 10 and len({r.seq for r in first}) == 10
    assert all(r.actor_id == chef.pk and r.action == "read" for r in first)
    assert [r.seq for r in log_sample(rows, 10, seed=42)] == [r.seq for r in first]
    assert len(log_sample(rows, 50, seed=1)) == 30
    assert log_sample(rows.none(), 5, seed=1) == []


@pytest.mark.django_db
@pytest.mark.parametrize("size", [0, 51, "x"])
def test_sample_size_must_be_between_1_and_50(client, admin, size):
    login(client, admin)
    response = client.post(reverse("accounts:log_sample"), {"size": size})
    assert response.status_code == 200 and response.context["sample"] is None
    assert response.context["sample_form"].errors


@pytest.mark.django_db
def test_sample_view_shows_the_sample_and_prefills_the_review(client, org, admin):
    chef = org.user("enhetschef")
    _reads(chef, org.vux1, 8)
    login(client, admin)
    response = client.post(f"{reverse('accounts:log_sample')}?actor={chef.pk}", {"size": 5})
    sample = response.context["sample"]
    assert len(sample) == 5 and isinstance(response.context["seed"], int)
    initial = response.context["review_form"].initial["sample_seqs"]
    assert initial == ",".join(str(r.seq) for r in sample)
    assert "slumpfrö" in response.content.decode()


@pytest.mark.django_db
def test_recording_a_review_stores_it_audits_it_and_lists_it(client, org, admin):
    chef = org.user("enhetschef")
    _reads(chef, org.vux1, 3)
    login(client, admin)
    response = client.post(
        f"{reverse('accounts:log_review')}?actor={chef.pk}&date_from=2026-01-01",
        {"period_start": "2026-01-01", "period_end": "2026-01-31", "sample_seqs": "3,5", "conclusion": " Befogad. "},
    )
    assert response.status_code == 302
    review = LogReview.objects.get()
    assert review.reviewed_by == admin and review.sample_seqs == [3, 5] and review.conclusion == "Befogad."
    assert review.filters == {"actor": chef.pk, "date_from": "2026-01-01"}
    assert review.period_start == date(2026, 1, 1) and review.period_end == date(2026, 1, 31)
    row = AuditEvent.objects.get(object_type="audit.logreview", object_id=str(review.pk))
    assert row.action == AuditAction.CREATE and row.actor == admin and "Befogad" not in str(row.detail)
    page = client.get(response.url)
    assert list(page.context["reviews"]) == [review] and "Befogad." in page.content.decode()


@pytest.mark.django_db
def test_review_service_is_atomic(org, admin, monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("audit failed")

    monkeypatch.setattr(services, "audit_object", fail)
    with pytest.raises(RuntimeError):
        log_review_record(
            actor=admin,
            period_start=date(2026, 1, 1),
            period_end=date(2026, 1, 31),
            filters={},
            sample_seqs=[],
            conclusion="x",
        )
    assert not LogReview.objects.exists()


@pytest.mark.django_db
def test_list_page_query_count_does_not_grow_with_rows(client, org, admin, django_assert_max_num_queries):
    login(client, admin)
    url = reverse("accounts:log_list")
    users = [UserFactory() for _ in range(4)]
    for user, unit in zip(users, [org.vux1, org.ald1, org.vux1, org.ald1], strict=True):
        _reads(user, unit, 1)
    client.get(url)  # warm up session and caches
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for user, unit in zip(users, [org.vux1, org.ald1, org.vux1, org.ald1], strict=True):
        _reads(user, unit, 20)
    for _ in range(3):
        log_review_record(
            actor=admin,
            period_start=date(2026, 1, 1),
            period_end=date(2026, 1, 31),
            filters={},
            sample_seqs=[1],
            conclusion="ok",
        )
    with django_assert_max_num_queries(len(few)):
        page = client.get(url)
    assert len(page.context["page"].object_list) == 50
    assert client.get(url, {"sida": 2}).context["page"].number == 2
