"""The inbox page: paged (an inbox of 168 reminders used to be one page), "markera alla som
lästa", only the user's own notifications, and a constant number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tillit.inbox.models import Notification
from tillit.inbox.views import PAGE_SIZE

pytestmark = pytest.mark.django_db


def _notes(user, n: int) -> None:
    Notification.objects.bulk_create(
        Notification(recipient=user, key=f"k{i}", message=f"Påminnelse {i}", url="") for i in range(n)
    )


def test_a_long_inbox_is_paged(client, org):
    chef = org.user("enhetschef")
    _notes(chef, 168)
    client.force_login(chef)
    first = client.get(reverse("inbox:inbox")).content.decode()
    assert first.count('class="card unread"') == PAGE_SIZE and "Sida 1 av 7" in first
    last = client.get(reverse("inbox:inbox"), {"sida": 7}).content.decode()
    assert last.count('class="card unread"') == 168 - 6 * PAGE_SIZE


def test_mark_all_read_marks_only_the_users_own(client, org):
    chef, other = org.user("enhetschef"), org.user("utredare")
    _notes(chef, 30)
    _notes(other, 3)
    client.force_login(chef)
    response = client.post(reverse("inbox:mark_all_read"), follow=True)
    assert "30 meddelanden markerade som lästa" in response.content.decode()
    assert not Notification.objects.filter(recipient=chef, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=other, read_at__isnull=True).count() == 3
    assert "Markera alla som lästa" not in client.get(reverse("inbox:inbox")).content.decode()


def test_inbox_query_count_does_not_grow_with_the_inbox(client, org):
    chef = org.user("enhetschef")
    client.force_login(chef)
    _notes(chef, 3)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("inbox:inbox"))
    Notification.objects.all().delete()
    _notes(chef, 60)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("inbox:inbox"))
    assert len(many) == len(few)
