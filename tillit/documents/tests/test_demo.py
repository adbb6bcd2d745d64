"""The demo step makes Exempelby's processes and routines once (idempotent)."""

from __future__ import annotations

import random
from datetime import date

import pytest

from tillit.documents.demo import demo_step
from tillit.documents.models import Document, Process, ReadReceipt
from tillit.documents.revisions import open_revision_actions
from tillit.home.demo import demo_org

pytestmark = pytest.mark.django_db


def test_demo_processes_routines_and_a_read_receipt_round():
    demo_org(rng=random.Random(1))
    today = date(2026, 11, 25)
    assert demo_step(rng=random.Random(1), today=today)
    assert set(Process.objects.values_list("name", flat=True)) == {
        "Socialtjänstprocessen Unga",
        "Socialtjänstprocessen Vuxna",
        "Familjerättsprocessen",
    }
    assert 35 <= Document.objects.count() <= 45
    assert Document.objects.filter(status="faststalld", next_review_on__lt=today).exists()  # some overdue
    assert Document.objects.filter(status="faststalld", next_review_on__gte=today).exists()
    assert ReadReceipt.objects.filter(confirmed_at__isnull=False).exists()
    assert ReadReceipt.objects.filter(confirmed_at__isnull=True).exists()
    riktlinje = Document.objects.get(code="RIK-03")
    assert riktlinje.versions.filter(state="granskning").exists()
    assert open_revision_actions(riktlinje).count() == 1  # "reviderad rutin", open until fastställd
    count = Document.objects.count()
    assert demo_step(rng=random.Random(1), today=today) is None
    assert Document.objects.count() == count
