"""Internkontroll: the nämnd's adoption of the plan, reminders to the responsible as a control's
reporting day comes and passes, and the follow-up report per period (traffic lights and counts,
no comments) that the nämnd and ledning read."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tillit.audit.models import AuditEvent
from tillit.core.roles import Role
from tillit.internal_control.follow_up import follow_up
from tillit.internal_control.reminders import reporting_reminders
from tillit.internal_control.services import plan_adopt, plan_create, point_add, point_result_set, point_update
from tillit.testing.client import login
from tillit.testing.factories import UserFactory, assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def keeper(org):
    user = UserFactory(username="kvu_soc")
    assign(user, Role.KVALITETSUTVECKLARE, org.soc)
    return user


@pytest.fixture
def plan(org, keeper):
    plan = plan_create(actor=keeper, unit=org.soc, year=2025)
    rows = [
        ("genomford", "utan_anmarkning", date(2025, 4, 15)),
        ("genomford", "med_brister", date(2025, 6, 15)),
        ("ej_genomford", "", date(2025, 8, 15)),
        ("pagar", "", None),
    ]
    for i, (status, outcome, due) in enumerate(rows, start=1):
        point = point_add(
            actor=keeper, plan=plan, code=str(i), title=f"Punkt {i}", probability=3, consequence=i, report_due=due
        )
        point_result_set(actor=keeper, point=point, status=status, outcome=outcome, comment=f"Hemlig kommentar {i}")
    return plan


def _user(org, role, unit=None):
    user = UserFactory(username=f"{role}_soc")
    assign(user, role, unit or org.soc)
    return user


def test_adoption_is_recorded_once_and_audited(org, keeper, plan):
    adopted = plan_adopt(actor=keeper, plan=plan, reference="SN  § 12", adopted_on=date(2025, 2, 14))
    assert (adopted.adoption_reference, adopted.adopted_on) == ("SN § 12", date(2025, 2, 14))
    again = plan_adopt(actor=keeper, plan=plan, reference="SN § 12", adopted_on=date(2025, 2, 14))  # double click
    assert again.adopted_on == date(2025, 2, 14)
    with pytest.raises(ValidationError, match="redan antagen"):
        plan_adopt(actor=keeper, plan=plan, reference="SN § 13", adopted_on=date(2025, 3, 1))
    assert (
        AuditEvent.objects.filter(object_type="internal_control.controlplan", object_id=plan.pk)
        .filter(detail__adopted_on="2025-02-14")
        .count()
        == 1
    )


def test_adoption_on_the_page(client, org, keeper, plan):
    login(client, keeper)
    url = reverse("internal_control:adopt", args=[plan.pk])
    bad = client.post(url, {"reference": "", "adopted_on": "2025-02-14"})
    assert bad.status_code == 422
    assert client.post(url, {"reference": "SN § 12", "adopted_on": "2025-02-14"}).status_code == 302
    page = client.get(reverse("internal_control:plan_detail", args=[plan.pk])).content.decode()
    assert "Antagen av nämnden 2025-02-14 (SN § 12)" in page and "Registrera att planen är antagen" not in page
    reader = _user(org, Role.ENHETSCHEF)
    login(client, reader)
    assert client.post(url, {"reference": "SN § 1", "adopted_on": "2025-02-14"}).status_code == 404


def test_reminders_go_to_the_responsible_as_the_day_comes_and_passes(org, keeper, plan):
    chef = _user(org, Role.ENHETSCHEF, org.vux1)
    point = plan.points.get(code="4")
    point_update(actor=keeper, point=point, report_due=date(2025, 10, 31), responsible_user=chef)
    assert list(reporting_reminders(date(2025, 10, 1))) == []
    (soon,) = reporting_reminders(date(2025, 10, 20))
    assert soon.recipient_ids == [chef.pk] and "senast 2025-10-31" in soon.message and "Punkt" not in soon.message
    (late,) = reporting_reminders(date(2025, 11, 2))
    assert late.key != soon.key and "skulle ha rapporterats" in late.message
    point_result_set(actor=keeper, point=point, status="genomford", outcome="utan_anmarkning")
    assert list(reporting_reminders(date(2025, 11, 2))) == []


def test_a_point_without_a_responsible_user_reminds_the_plans_keepers(org, keeper, plan):
    point = plan.points.get(code="4")
    point_update(actor=keeper, point=point, report_due=date(2025, 10, 31))
    (reminder,) = reporting_reminders(date(2025, 11, 2))
    assert keeper.pk in reminder.recipient_ids


def test_the_responsible_must_read_the_plan(org, keeper, plan):
    with pytest.raises(ValidationError, match="ansvariga"):
        point_update(actor=keeper, point=plan.points.get(code="4"), responsible_user=org.user("medarbetare"))


def test_the_point_form_takes_reporting_day_and_responsible(client, org, keeper, plan):
    chef = _user(org, Role.ENHETSCHEF, org.vux1)
    login(client, keeper)
    data = {"title": "Delegation", "probability": 2, "consequence": 2, "report_due": "2025-09-30"}
    response = client.post(reverse("internal_control:point_new", args=[plan.pk]), data | {"responsible_user": chef.pk})
    assert response.status_code == 302
    point = plan.points.get(title="Delegation")
    assert point.report_due == date(2025, 9, 30) and point.responsible_user == chef


def test_follow_up_per_period(plan):
    counts = lambda report: {c.light: c.count for c in report.counts}  # noqa: E731
    first = follow_up(plan, "tertial1")
    assert [p.code for p in first.points] == ["1"] and counts(first) == {"gron": 1, "gul": 0, "rod": 0, "gra": 0}
    half = follow_up(plan, "halvar")
    assert [p.code for p in half.points] == ["1", "2"] and half.done == 2
    year = follow_up(plan, "helar")
    assert counts(year) == {"gron": 1, "gul": 1, "rod": 1, "gra": 1} and year.total == 4
    assert follow_up(plan, "okand").period == "helar"


@pytest.mark.parametrize("role", [Role.NAMND, Role.LEDNING, Role.KVALITETSUTVECKLARE, Role.AVDELNINGSCHEF])
def test_the_nämnd_and_ledning_read_the_report_without_comments(client, org, plan, role):
    login(client, _user(org, role))
    assert client.get(reverse("internal_control:report_list")).status_code == 200
    response = client.get(reverse("internal_control:follow_up", args=[plan.pk]), {"period": "tertial2"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tertial 2" in body and "3 av 3" not in body and "2 av 3 kontrollpunkter genomförda" in body
    assert "Hemlig kommentar" not in body


@pytest.mark.parametrize("role", [Role.NAMND, Role.LEDNING])
def test_aggregate_roles_do_not_read_the_plan_itself(client, org, plan, role):
    login(client, _user(org, role))
    assert client.get(reverse("internal_control:plan_detail", args=[plan.pk])).status_code == 404
    point = plan.points.get(code="1")
    assert client.get(reverse("internal_control:point_detail", args=[point.pk])).status_code == 404


@pytest.mark.parametrize("role", ["medarbetare", "utredare", "utforarkontakt", "systemadministrator", "namnd"])
def test_others_and_other_scopes_get_404(client, org, plan, role):
    """The org fixture's nämnd sits at VUX: the plan is the top unit's (SOC)."""
    login(client, org.user(role))
    assert client.get(reverse("internal_control:follow_up", args=[plan.pk])).status_code == 404


def test_the_report_takes_a_constant_number_of_queries(client, org, keeper, plan, django_assert_max_num_queries):
    for i in range(5, 15):
        point_add(actor=keeper, plan=plan, code=str(i), title=f"Punkt {i}", probability=2, consequence=2)
    login(client, _user(org, Role.NAMND))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("internal_control:follow_up", args=[plan.pk])).status_code == 200


def test_the_reminder_source_is_registered_and_sends_once(org, keeper, plan):
    from tillit.inbox.models import Notification
    from tillit.inbox.services import reminders_send

    chef = _user(org, Role.ENHETSCHEF, org.vux1)
    point_update(actor=keeper, point=plan.points.get(code="4"), report_due=date(2025, 10, 31), responsible_user=chef)
    reminders_send(today=date(2025, 11, 2))
    reminders_send(today=date(2025, 11, 2))
    sent = Notification.objects.filter(recipient=chef, message__contains="IK 2025 4")
    assert sent.count() == 1
