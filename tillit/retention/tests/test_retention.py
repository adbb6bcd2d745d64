"""Gallring: which cases are pseudonymised, what is replaced, what stays, and that it is audited."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from tillit.audit.models import AuditAction, AuditEvent
from tillit.audit.verify import verify_chain
from tillit.events.models import (
    Attachment,
    Category,
    Event,
    EventEntry,
    EventMessage,
    EventTransition,
    IvoSubmission,
)
from tillit.events.services import event_entry_add, event_report
from tillit.reports.figures import compute_figures
from tillit.retention.models import PLACEHOLDER, Gallring, RetentionRule
from tillit.retention.selectors import add_years
from tillit.retention.services import legal_hold_place, legal_hold_release, retention_rule_set, retention_run
from tillit.retention.tasks import next_run_after

SECRET = "Anna Andersson 19121212-1212 föll i duschen"


def _case(org, *, closed: bool = True, kind: str = "avvikelse") -> Event:
    """A case with personal data everywhere it can be: fields, entry, message, attachment, IVO."""
    today = timezone.localdate()
    event = event_report(
        actor=org.user("medarbetare"),
        kind=kind,
        unit=org.vux1,
        description=SECRET,
        immediate_actions=SECRET,
        category=Category.objects.filter(retired=False).first(),
        god_vard_area="trygghet",
        contact_name="Anna Andersson",
        contact_details="070-123 45 67",
        with_receipt=True,
    ).event
    Event.objects.filter(pk=event.pk).update(responsible=org.user("enhetschef"))
    author = org.user("utredare" if kind in ("lex_sarah", "lex_maria") else "enhetschef")
    event_entry_add(actor=author, event=event, topic="vad_hande", text=SECRET, source="Anna själv")
    EventMessage.objects.create(event=event, from_reporter=True, text=SECRET)
    EventTransition.objects.create(event=event, code="x", to_state=event.state, at=timezone.now(), comment=SECRET)
    Attachment.objects.create(
        event=event,
        filename="anna-andersson.pdf",
        content_type="application/pdf",
        size=5,
        data=b"%PDF-",
        uploaded_by=org.user("enhetschef"),
    )
    IvoSubmission.objects.create(event=event, content={"handelse": SECRET, "tom": ""}, created_by=org.user("mas"))
    if closed:
        Event.objects.filter(pk=event.pk).update(
            state="avslutad", closed_on=today, outcome="utredd", conclusion=SECRET, reply=SECRET
        )
    return Event.objects.get(pk=event.pk)


def _text_of(event: Event) -> str:
    """Everything stored about the case, as one string, to search for personal data."""
    parts = [str(Event.objects.filter(pk=event.pk).values().get())]
    for model in (EventEntry, EventMessage, EventTransition, Attachment, IvoSubmission):
        parts += [str(row) for row in model.objects.filter(event=event).values()]
    return " ".join(parts)


def _later(years: int, days: int = 0):
    return add_years(timezone.localdate(), years) + timedelta(days=days)


@pytest.mark.django_db
def test_a_case_past_retention_is_pseudonymised_and_the_rest_stays(org):
    event = _case(org)
    before = Event.objects.filter(pk=event.pk).values().get()
    run = retention_run(today=_later(5))
    assert [d.event_id for d in run.gallrade] == [event.pk]
    event.refresh_from_db()
    assert SECRET not in _text_of(event) and "Anna" not in _text_of(event) and "070-123" not in _text_of(event)
    assert event.description == event.immediate_actions == event.conclusion == event.reply == PLACEHOLDER
    assert event.contact_name == event.contact_details == event.receipt_code_hash == ""
    assert event.reporter_id is None and event.responsible_id is None
    entry = event.entries.get()
    assert (entry.text, entry.author_name, entry.source) == (PLACEHOLDER, PLACEHOLDER, "")
    assert event.messages.get().text == PLACEHOLDER
    assert event.transitions.filter(comment=SECRET).count() == 0
    attachment = event.attachments.get()
    assert bytes(attachment.data) == b"" and attachment.filename == PLACEHOLDER
    assert event.ivo_submissions.get().content == {"handelse": PLACEHOLDER, "tom": ""}
    kept = (
        "kind",
        "unit_id",
        "category_id",
        "god_vard_area",
        "channel",
        "reported_on",
        "closed_on",
        "outcome",
        "state",
    )
    assert all(getattr(event, name) == before[name] for name in kept)
    gallring = Gallring.objects.get(event=event)
    assert gallring.years == 5 and gallring.legal_reference == "SoL (2001:453) 12 kap. 1 §"


@pytest.mark.django_db
def test_each_gallring_is_audited_without_personal_data_and_the_chain_verifies(org):
    event = _case(org)
    retention_run(today=_later(5))
    row = AuditEvent.objects.get(action=AuditAction.RETENTION)
    assert row.object_id == str(event.pk) and row.unit_id == org.vux1.pk
    assert "Anna" not in str(row.detail) and row.detail["entries"] == 1
    assert verify_chain().ok


@pytest.mark.django_db
def test_within_retention_open_and_held_cases_are_not_gallrade(org):
    within = _case(org)
    open_case = _case(org, closed=False)
    held = _case(org)
    hold = legal_hold_place(actor=org.user("utredare"), event=held, reason="Begäran från IVO")
    assert retention_run(today=_later(5, days=-1)).gallrade == []  # one day short of five years
    run = retention_run(today=_later(5))
    assert [d.event_id for d in run.gallrade] == [within.pk]
    assert [d.event_id for d in run.held] == [held.pk]
    for event in (open_case, held):
        assert SECRET in _text_of(event)
    # Releasing the hold lets the next run gallra it.
    legal_hold_release(actor=org.user("utredare"), hold=hold)
    assert [d.event_id for d in retention_run(today=_later(5)).gallrade] == [held.pk]


@pytest.mark.django_db
def test_later_activity_after_closing_postpones_gallring(org):
    event = _case(org)
    EventMessage.objects.filter(event=event).update(created_at=timezone.now() + timedelta(days=400))
    assert retention_run(today=_later(5)).gallrade == []
    assert [d.event_id for d in retention_run(today=_later(6, days=35)).gallrade] == [event.pk]


@pytest.mark.django_db
def test_retention_per_kind_is_data(org):
    event = _case(org, kind="klagomal")
    retention_rule_set(actor=org.user("systemadministrator"), kind="klagomal", years=2, legal_reference="Egen regel")
    assert RetentionRule.objects.get(kind="avvikelse").years == 5
    run = retention_run(today=_later(2))
    assert [(d.event_id, d.rule.legal_reference) for d in run.gallrade] == [(event.pk, "Egen regel")]
    with pytest.raises(ValidationError):
        retention_rule_set(actor=org.user("systemadministrator"), kind="klagomal", years=0, legal_reference="x")


@pytest.mark.django_db
def test_kvalitetsberattelse_figures_are_identical_before_and_after(org):
    for kind in ("avvikelse", "lex_sarah", "klagomal"):
        _case(org, kind=kind)
    _case(org, closed=False)
    year = timezone.localdate().year
    before = compute_figures(year=year, scope=org.soc)
    assert len(retention_run(today=_later(5)).gallrade) == 3
    assert compute_figures(year=year, scope=org.soc) == before


@pytest.mark.django_db
def test_second_run_changes_nothing(org):
    event = _case(org)
    retention_run(today=_later(5))
    snapshot, rows = _text_of(event), AuditEvent.objects.count()
    again = retention_run(today=_later(6))
    assert again.gallrade == [] and _text_of(event) == snapshot and AuditEvent.objects.count() == rows


@pytest.mark.django_db
def test_dry_run_lists_in_swedish_and_changes_nothing(org):
    event = _case(org)
    out = StringIO()
    call_command("run_retention", "--dry-run", f"--today={_later(5)}", stdout=out)
    assert "Skulle gallras: 1 ärende." in out.getvalue() and event.reference in out.getvalue()
    assert SECRET in _text_of(event) and not Gallring.objects.exists()


@pytest.mark.django_db
def test_command_gallrar_and_reports_held_cases(org):
    gallrad, held = _case(org), _case(org)
    call_command("legal_hold", "place", held.reference, "--reason=Tvist", "--user=utredare", stdout=StringIO())
    out = StringIO()
    call_command("run_retention", f"--today={_later(5)}", stdout=out)
    text = out.getvalue()
    assert "Gallrade: 1 ärende." in text and gallrad.reference in text
    assert "Gallras inte på grund av bevarandebeslut: 1 ärende." in text and held.reference in text


@pytest.mark.django_db
def test_a_hold_needs_a_reason_and_only_one_is_active(org):
    event = _case(org)
    with pytest.raises(ValidationError):
        legal_hold_place(actor=org.user("utredare"), event=event, reason=" ")
    legal_hold_place(actor=org.user("utredare"), event=event, reason="Rättegång")
    with pytest.raises(ValidationError):
        legal_hold_place(actor=org.user("utredare"), event=event, reason="Igen")


def test_the_daily_run_is_scheduled_for_the_next_night():
    tz = timezone.get_current_timezone()
    evening = timezone.make_aware(timezone.datetime(2026, 3, 1, 22, 0), tz)
    morning = timezone.make_aware(timezone.datetime(2026, 3, 1, 1, 0), tz)
    assert timezone.localtime(next_run_after(evening)).isoformat().startswith("2026-03-02T02:30")
    assert timezone.localtime(next_run_after(morning)).isoformat().startswith("2026-03-01T02:30")


@pytest.mark.django_db
def test_the_task_runs_the_gallring(org):
    from unittest import mock

    from tillit.retention.tasks import run_retention

    _case(org)
    with mock.patch("tillit.retention.tasks.localdate", return_value=_later(5)):
        result = run_retention.enqueue()
    assert result.return_value == {"gallrade": 1, "held": 0}
