"""The public form's token: every load carries its own nonce, so two visitors never share a key."""

import time

import pytest
import time_machine
from django.core import signing
from django.urls import reverse

from tillit.events.models import Event
from tillit.events.services.public import TOKEN_SALT, check_form_token, form_token, form_token_nonce

pytestmark = pytest.mark.django_db


def report(org, token: str, description: str) -> dict:
    return {
        "kind": "synpunkt",
        "unit": org.vux1.pk,
        "description": description,
        "anonymous": "on",
        "token": token,
    }


def test_two_visitors_loading_the_form_in_the_same_second_both_get_their_report_filed(client, org):
    with time_machine.travel(1_800_000_000, tick=False):
        first = client.get(reverse("public:report")).context["form"].initial["token"]
        second = client.get(reverse("public:report")).context["form"].initial["token"]
    assert first != second
    with time_machine.travel(1_800_000_010, tick=False):
        one = client.post(reverse("public:report"), report(org, first, "Maten var kall"))
        two = client.post(reverse("public:report"), report(org, second, "Ingen svarade i telefon"))
    assert one.context["receipt_code"] and two.context["receipt_code"]
    assert sorted(Event.objects.values_list("description", flat=True)) == ["Ingen svarade i telefon", "Maten var kall"]


def test_a_resubmitted_form_is_still_one_event(client, org):
    with time_machine.travel(1_800_000_000, tick=False):
        token = client.get(reverse("public:report")).context["form"].initial["token"]
    with time_machine.travel(1_800_000_010, tick=False):
        client.post(reverse("public:report"), report(org, token, "Bra personal"))
        client.post(reverse("public:report"), report(org, token, "Bra personal"))
    assert Event.objects.count() == 1


def test_the_nonce_is_random_signed_and_fits_the_idempotency_key():
    tokens = {form_token() for _ in range(50)}
    assert len(tokens) == 50
    nonce = form_token_nonce(next(iter(tokens)))
    assert len(f"public:{nonce}") <= 80 and len(nonce) >= 22
    forged = signing.dumps({"t": int(time.time()) - 60, "n": "x"}, salt="another")
    with pytest.raises(Exception, match="gått ut"):
        check_form_token(forged)
    legacy = signing.dumps(int(time.time()) - 60, salt=TOKEN_SALT)  # a page loaded before the upgrade
    with pytest.raises(Exception, match="gått ut"):
        check_form_token(legacy)
