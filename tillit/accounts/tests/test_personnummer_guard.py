"""The access review's conclusion and the personnummer guard."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tillit.accounts.models import AccessReview
from tillit.accounts.tests.test_admin import admin_client  # noqa: F401 (fixture)
from tillit.core.privacy import PLACEHOLDER

pytestmark = pytest.mark.django_db


def test_access_review_conclusion_is_guarded(admin_client):  # noqa: F811
    url = reverse("accounts:access_review")
    data = {"year": 2026, "reviewed_on": "2026-11-20", "conclusion": "Behörighet för 121212-1212 togs bort."}
    body = admin_client.post(url, data).content.decode()
    assert not AccessReview.objects.exists() and "Personnummer i texten" in body and "121212-1212" in body
    admin_client.post(url, data | {"pnr_choice": "replace"})
    assert AccessReview.objects.get().conclusion == f"Behörighet för {PLACEHOLDER} togs bort."
