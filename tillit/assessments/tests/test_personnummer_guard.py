"""Granskning answers and evidence labels and the personnummer guard."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tillit.assessments.models import Answer
from tillit.assessments.tests.conftest import make_gap
from tillit.assessments.tests.test_views import first_item
from tillit.core.privacy import PLACEHOLDER
from tillit.testing.client import login

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("htmx", [False, True])
def test_answer_comment_is_guarded_and_what_was_typed_is_kept(org, gap, htmx):
    assessment = make_gap(org, gap)
    item = first_item(gap)
    client = login(Client(), org.user("kvalitetsutvecklare"))
    url = reverse("assessments:answer_save", args=[assessment.pk])
    data = {"item": item.pk, f"p{item.pk}-value": "delvis", f"p{item.pk}-comment": "Gäller 121212-1212"}
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.post(url, data, **extra)
    assert not Answer.objects.exists()
    body = response.content.decode()
    assert "Personnummer i texten" in body and "121212-1212" in body
    assert f'name="p{item.pk}-pnr_choice" value="replace"' in body
    client.post(url, data | {f"p{item.pk}-pnr_choice": "replace"}, **extra)
    assert Answer.objects.get().comment == f"Gäller {PLACEHOLDER}"
