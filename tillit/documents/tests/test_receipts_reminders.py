"""Läskvittenser (asked once per person, confirmed once, listed on the start page) and the review
reminders to the owner before and after the review date."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tillit.core.roles import Role
from tillit.documents.selectors import my_open_receipts, receipt_overview
from tillit.documents.services import read_receipt_confirm, read_receipts_request, version_create
from tillit.documents.tests.helpers import faststall, make_document
from tillit.inbox.models import Notification
from tillit.inbox.services import reminders_send
from tillit.testing.client import login
from tillit.testing.factories import UserFactory, assign

pytestmark = pytest.mark.django_db


def test_staff_of_the_units_are_asked_once_and_confirm(org, client):
    chef = org.user("enhetschef")
    document = make_document(org, applies_to=[org.vux])
    version = faststall(document.versions.get(), chef)
    asked = read_receipts_request(actor=chef, version=version)
    # VUX and below: medarbetare, enhetschef (VUX1), avdelningschef, utredare, kvalitetsutvecklare, mas
    # (VUX); not the nämnd, the ledning or the systemadministratör; not the utförarkontakt (P1A).
    usernames = set(version.read_receipts.values_list("user__username", flat=True))
    assert usernames == {"medarbetare", "enhetschef", "avdelningschef", "utredare", "kvalitetsutvecklare", "mas"}
    assert asked == 6
    newcomer = UserFactory(username="ny")
    assign(newcomer, Role.MEDARBETARE, org.vux2)
    assert read_receipts_request(actor=chef, version=version) == 1  # only the newcomer
    staff = org.user("medarbetare")
    receipt = my_open_receipts(staff).get()
    login(client, staff)
    assert "Att läsa och kvittera" in client.get(reverse("home:start")).content.decode()
    response = client.post(reverse("documents:receipt_confirm", args=[receipt.pk]))
    assert response.status_code == 302
    client.post(reverse("documents:receipt_confirm", args=[receipt.pk]))  # a double click
    receipt.refresh_from_db()
    assert receipt.confirmed_at is not None
    assert not my_open_receipts(staff).exists()
    overview = receipt_overview(version)
    assert (len(overview["confirmed"]), len(overview["waiting"]), overview["share"]) == (1, 6, 14)


def test_only_the_owner_or_a_manager_asks_and_only_for_the_current_version(org):
    chef = org.user("enhetschef")
    document = make_document(org)
    draft = document.versions.get()
    with pytest.raises(ValidationError):
        read_receipts_request(actor=chef, version=draft)
    version = faststall(draft, chef)
    with pytest.raises(PermissionDenied):
        read_receipts_request(actor=org.user("medarbetare"), version=version)
    read_receipts_request(actor=chef, version=version)
    receipt = version.read_receipts.get(user=org.user("medarbetare"))
    with pytest.raises(PermissionDenied):
        read_receipt_confirm(actor=chef, receipt=receipt)


def test_a_new_faststalld_version_takes_the_old_receipts_off_the_start_page(org):
    chef = org.user("enhetschef")
    document = make_document(org)
    first = faststall(document.versions.get(), chef)
    read_receipts_request(actor=chef, version=first)
    staff = org.user("medarbetare")
    assert my_open_receipts(staff).count() == 1
    faststall(version_create(actor=chef, document=document, text="Ny text"), chef)
    assert my_open_receipts(staff).count() == 0


def test_review_reminders_before_and_after_the_date(org):
    chef = org.user("enhetschef")
    document = make_document(org)
    faststall(document.versions.get(), chef, next_review_on=date(2026, 9, 30))
    with time_machine.travel("2026-08-30 09:00 +0200", tick=False):
        reminders_send()
    assert not Notification.objects.filter(key__startswith=f"document:{document.pk}:").exists()
    with time_machine.travel("2026-08-31 09:00 +0200", tick=False):
        reminders_send()
        reminders_send()
    soon = Notification.objects.get(key=f"document:{document.pk}:snart:20260930")
    assert soon.recipient == chef and "ska revideras senast 2026-09-30" in soon.message
    assert soon.url == reverse("documents:document_detail", args=[document.pk])
    with time_machine.travel("2026-10-01 09:00 +0200", tick=False):
        reminders_send()
    late = Notification.objects.get(key=f"document:{document.pk}:forsenad:20260930")
    assert late.recipient == chef and "skulle ha gjorts" in late.message


def test_no_reminder_for_a_draft_or_an_upphavd_document(org):
    make_document(org)
    with time_machine.travel("2030-01-01 09:00 +0100", tick=False):
        reminders_send()
    assert not Notification.objects.filter(key__startswith="document:").exists()


def test_staff_who_have_not_confirmed_are_reminded_once_after_the_service_level(org, settings):
    settings.READ_RECEIPT_REMINDER_DAYS = 7
    chef = org.user("enhetschef")
    with time_machine.travel("2026-03-02 09:00 +0100", tick=False):
        document = make_document(org)
        version = faststall(document.versions.get(), chef)
        read_receipts_request(actor=chef, version=version)
    staff = org.user("medarbetare")
    mine = version.read_receipts.get(user=staff)
    confirmed = version.read_receipts.exclude(user=staff).first()
    read_receipt_confirm(actor=confirmed.user, receipt=confirmed)
    with time_machine.travel("2026-03-08 09:00 +0100", tick=False):
        reminders_send()
    assert not Notification.objects.filter(key__startswith="read_receipt:").exists()
    with time_machine.travel("2026-03-09 09:00 +0100", tick=False):
        reminders_send()
        reminders_send()
    note = Notification.objects.get(key=f"read_receipt:{mine.pk}")
    assert note.recipient == staff and "kvittera att du har läst version 1" in note.message
    assert note.url == reverse("documents:document_detail", args=[document.pk])
    assert not Notification.objects.filter(key=f"read_receipt:{confirmed.pk}").exists()
    assert (
        Notification.objects.filter(key__startswith="read_receipt:").count()
        == version.read_receipts.filter(confirmed_at__isnull=True).count()
    )
