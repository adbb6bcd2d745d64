"""Behind a load balancer: login throttling sees the client's address, not the balancer's, and
failures from one address never lock a named user out from another."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from tillit.core.client_ip import client_ip
from tillit.testing.factories import PASSWORD

BALANCER, ATTACKER, COLLEAGUE = "10.0.0.2", "198.51.100.66", "203.0.113.10"


def login(client, username, password, forwarded_for):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=BALANCER,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.mark.django_db
def test_an_attacker_cannot_lock_a_named_user_out_from_another_address(client, org, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = org.user("medarbetare")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, user.username, "fel", ATTACKER)
    assert login(client, user.username, PASSWORD, ATTACKER).status_code == 429
    # Forging an address to the left of the balancer's entry changes nothing.
    assert login(client, user.username, PASSWORD, f"{COLLEAGUE}, {ATTACKER}").status_code == 429
    client.cookies.clear()
    colleague = login(client, user.username, PASSWORD, COLLEAGUE)
    assert colleague.status_code == 302 and "_auth_user_id" in client.session


@pytest.mark.django_db
def test_without_the_setting_the_balancer_address_is_the_client(client, org, settings):
    """What goes wrong when TRUSTED_PROXY_COUNT is not set behind a balancer: one lock for all."""
    settings.TRUSTED_PROXY_COUNT = 0
    user = org.user("medarbetare")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, user.username, "fel", ATTACKER)
    assert login(client, user.username, PASSWORD, COLLEAGUE).status_code == 429


@pytest.mark.parametrize(
    ("count", "remote", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "198.51.100.1", "192.0.2.1"),
        (1, "10.0.0.2", "198.51.100.1", "198.51.100.1"),
        (1, "10.0.0.2", "1.2.3.4, 198.51.100.1", "198.51.100.1"),
        (2, "10.0.0.3", "1.2.3.4, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
        (2, "10.0.0.3", "198.51.100.1", "10.0.0.3"),  # did not pass both proxies
        (1, "10.0.0.2", "", "10.0.0.2"),
        (1, "10.0.0.2", "inte-en-adress", "10.0.0.2"),
        (1, "10.0.0.2", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip(settings, count, remote, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
