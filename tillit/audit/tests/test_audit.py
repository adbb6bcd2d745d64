"""The audit trail: rows for each action, append-only triggers, tamper evidence via verify_audit."""

from __future__ import annotations

import itertools

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from tillit.audit.models import AuditAction, AuditEvent
from tillit.audit.services import audit_record
from tillit.audit.triggers import triggers_lifted
from tillit.events.services import event_report
from tillit.testing.client import login
from tillit.testing.factories import PASSWORD

TABLE = AuditEvent._meta.db_table


def verify() -> tuple[int, str]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("verify_audit", stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code), err.getvalue()
    return 0, out.getvalue()


@pytest.mark.django_db
def test_rows_for_create_read_transition_export_login_failure_and_denial(client, org):
    chef = org.user("enhetschef")
    client.post(reverse("accounts:login"), {"username": "enhetschef", "password": "fel"})
    client.post(reverse("accounts:login"), {"username": "enhetschef", "password": PASSWORD})
    event = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x").event
    client.get(reverse("events:event_detail", args=[event.pk]))
    client.post(reverse("events:transition", args=[event.pk, "motta"]), {"responsible": chef.pk})
    client.get(reverse("events:export", args=["csv"]))
    outside = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.ald1, description="y").event
    client.get(reverse("events:event_detail", args=[outside.pk]))
    client.post(reverse("accounts:logout"))
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    # "retention" rows are written by the gallring run (tillit/retention/tests).
    assert {a.value for a in AuditAction} <= actions | {"change", "retention"}
    read = AuditEvent.objects.get(action=AuditAction.READ, object_id=str(event.pk))
    assert read.actor == chef and read.unit_id == org.vux1.pk
    assert "x" not in str(read.detail), "no free text in the log"


@pytest.mark.django_db
def test_chain_links_every_row(org):
    rows = list(AuditEvent.objects.order_by("seq"))
    assert rows and all(b.prev_hash == a.row_hash for a, b in itertools.pairwise(rows))
    assert verify()[0] == 0


@pytest.mark.django_db(transaction=True)
def test_update_and_delete_are_rejected_by_the_database():
    row = audit_record(actor=None, action=AuditAction.CREATE, object_type="x", detail={})
    for sql in (f"UPDATE {TABLE} SET action = 'read' WHERE id = %s", f"DELETE FROM {TABLE} WHERE id = %s"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [row.pk])
    assert AuditEvent.objects.get(pk=row.pk).action == AuditAction.CREATE


@pytest.mark.django_db(transaction=True)
def test_tampering_with_a_row_is_found_and_named():
    rows = [audit_record(actor=None, action=AuditAction.CREATE, object_type="x", detail={"n": i}) for i in range(5)]
    assert verify() == (0, verify()[1]) and "5 rader" in verify()[1]
    with triggers_lifted(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET object_type = 'y' WHERE id = %s", [rows[2].pk])
    code, message = verify()
    assert code == 1 and f"seq={rows[2].seq}" in message


@pytest.mark.django_db(transaction=True)
def test_deleting_a_row_is_found():
    rows = [audit_record(actor=None, action=AuditAction.CREATE, object_type="x", detail={}) for _ in range(4)]
    with triggers_lifted(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [rows[1].pk])
    code, message = verify()
    assert code == 1 and f"seq={rows[1].seq}" in message


@pytest.mark.django_db(transaction=True)
def test_deleting_the_last_rows_is_found():
    rows = [audit_record(actor=None, action=AuditAction.CREATE, object_type="x", detail={}) for _ in range(3)]
    with triggers_lifted(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [rows[-1].pk])
    assert verify()[0] == 1


@pytest.mark.django_db
def test_log_page_needs_audit_permission(client, org):
    login(client, org.user("enhetschef"))
    assert client.get(reverse("accounts:log_list")).status_code == 404


@pytest.mark.django_db
def test_log_follow_up_filter_sample_and_record(client, org, django_assert_max_num_queries):
    from tillit.audit.models import LogReview
    from tillit.testing.factories import assign

    admin = org.user("systemadministrator")
    assign(admin, "systemadministrator", org.soc)
    chef = org.user("enhetschef")
    event = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x").event
    for _ in range(3):
        audit_record(
            actor=chef, action=AuditAction.READ, object_type="events.event", object_id=event.pk, unit_id=org.vux1.pk
        )
    login(client, admin)
    url = reverse("accounts:log_list")
    with django_assert_max_num_queries(25):
        page = client.get(url, {"actor": chef.pk, "action": "read"})
    assert page.context["page"].paginator.count == 3
    sample = client.post(f"{reverse('accounts:log_sample')}?actor={chef.pk}&action=read", {"size": 2})
    assert len(sample.context["sample"]) == 2
    seqs = sample.context["review_form"].initial["sample_seqs"]
    response = client.post(
        f"{reverse('accounts:log_review')}?actor={chef.pk}&action=read",
        {
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "sample_seqs": seqs,
            "conclusion": "Åtkomsten var befogad.",
        },
    )
    assert response.status_code == 302
    review = LogReview.objects.get()
    assert review.filters == {"actor": chef.pk, "action": "read"} and len(review.sample_seqs) == 2
    assert AuditEvent.objects.filter(object_type="audit.logreview", action=AuditAction.CREATE).exists()
    assert AuditEvent.objects.filter(object_type="audit.log", action=AuditAction.READ, actor=admin).exists()
    bad = client.post(
        reverse("accounts:log_review"), {"period_start": "2026-12-31", "period_end": "2026-01-01", "conclusion": "x"}
    )
    assert bad.status_code == 200 and "efter dess slut" in bad.content.decode()
