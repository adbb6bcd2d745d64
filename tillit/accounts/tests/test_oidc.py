"""OIDC login with local test keys, driven through the real callback view: the good case, and wrong
issuer, wrong audience/azp, bad signature, algorithm confusion, replayed nonce/callback, expired
token, unknown subject and IdP errors are all rejected as failed logins (never a server error)."""

from __future__ import annotations

import json
import logging
import time

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.test import Client, override_settings
from django.urls import reverse
from jwt.algorithms import RSAAlgorithm

from tillit.accounts.sessions import SessionStore
from tillit.audit.models import AuditAction, AuditEvent

ISSUER = "https://idp.exempelby.se"
CLIENT = "tillit"
OIDC = {
    "OIDC_OP_ISSUER": ISSUER,
    "OIDC_ENABLED": True,
    "OIDC_RP_CLIENT_ID": CLIENT,
    "OIDC_RP_CLIENT_SECRET": "hemlighet-for-tester-minst-32-tecken",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{ISSUER}/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": f"{ISSUER}/token",
    "OIDC_OP_USER_ENDPOINT": f"{ISSUER}/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": f"{ISSUER}/jwks",
}
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
CALLBACK = reverse("oidc_authentication_callback")
FAILED = "/konto/logga-in/?oidc=fel"


class FakeResponse:
    def __init__(self, data: dict) -> None:
        self.data, self.status_code = data, 200

    def json(self) -> dict:
        return self.data

    def raise_for_status(self) -> None:
        pass


@pytest.fixture
def idp(monkeypatch):
    """The IdP's token and JWKS endpoints; `idp.id_token` is what the token endpoint returns."""

    class IdP:
        id_token = ""

    def post(url, **kwargs):
        assert url == OIDC["OIDC_OP_TOKEN_ENDPOINT"]
        return FakeResponse({"id_token": IdP.id_token, "access_token": "at", "token_type": "Bearer"})

    def get(url, **kwargs):
        assert url == OIDC["OIDC_OP_JWKS_ENDPOINT"], "userinfo is never needed: users match on the ID token"
        public = json.loads(RSAAlgorithm.to_jwk(KEY.public_key()))
        return FakeResponse({"keys": [{**public, "kid": "k1", "alg": "RS256", "use": "sig"}]})

    monkeypatch.setattr("mozilla_django_oidc.auth.requests.post", post)
    monkeypatch.setattr("mozilla_django_oidc.auth.requests.get", get)
    with override_settings(**OIDC):
        yield IdP


def token(nonce: str, *, key=KEY, algorithm="RS256", headers=None, drop=(), **claims) -> str:
    now = int(time.time())
    body = {"iss": ISSUER, "aud": CLIENT, "sub": "sub-123", "nonce": nonce, "iat": now, "exp": now + 300} | claims
    body = {name: value for name, value in body.items() if name not in drop}
    return jwt.encode(body, key, algorithm=algorithm, headers={"kid": "k1"} if headers is None else headers)


def start_login(client, state: str = "state-1", nonce: str = "nonce-1") -> None:
    """What the authenticate view leaves in the session before sending the user to the IdP."""
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    if cookie is not None and not cookie.value:
        # After logout the test client keeps the deleted (empty) cookie, and `client.session` would
        # then hand out a store that is never sent: start a fresh session as a browser would.
        del client.cookies[settings.SESSION_COOKIE_NAME]
    session = client.session
    session["oidc_states"] = {state: {"nonce": nonce, "code_verifier": None, "added_on": time.time()}}
    session.save()


@pytest.fixture
def federated_user(org):
    user = org.user("utredare")
    user.oidc_issuer, user.oidc_subject = ISSUER, "sub-123"
    user.save()
    return user


@pytest.mark.django_db
def test_valid_login_matches_issuer_and_subject_and_counts_as_strong(client, idp, federated_user):
    start_login(client)
    idp.id_token = token("nonce-1")
    response = client.get(CALLBACK, {"code": "c", "state": "state-1"})
    assert response.status_code == 302 and response["Location"] == reverse("home:start")
    assert client.session[SESSION_KEY] == str(federated_user.pk)
    assert client.session["tillit_strong_auth"] is True
    assert client.get(reverse("home:start")).status_code == 200, "no TOTP asked after IdP login"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "claims",
    [
        {"iss": "https://evil.example.com"},
        {"iss": ISSUER + "/"},
        {"aud": "another-client"},
        {"aud": ["another-client", "third-client"]},
        {"aud": [CLIENT, "another-client"]},
        {"aud": [CLIENT, "another-client"], "azp": "another-client"},
        {"azp": "another-client"},
        {"exp": int(time.time()) - 3600},
        {"iat": int(time.time()) + 3600},
        {"drop": ["iat"]},
        {"drop": ["sub"]},
        {"sub": "unknown-subject"},
    ],
    ids=[
        "wrong-issuer",
        "issuer-not-exact",
        "wrong-audience",
        "audience-list-without-us",
        "several-audiences-no-azp",
        "wrong-azp",
        "wrong-azp-single-audience",
        "expired",
        "future-iat",
        "no-iat",
        "no-subject",
        "unknown-subject",
    ],
)
def test_bad_claims_are_rejected(client, idp, federated_user, claims):
    start_login(client)
    idp.id_token = token("nonce-1", **claims)
    response = client.get(CALLBACK, {"code": "c", "state": "state-1"})
    assert response["Location"] == FAILED
    assert SESSION_KEY not in client.session
    assert "tillit_strong_auth" not in client.session
    assert get_user_model().objects.filter(oidc_subject="unknown-subject").count() == 0, "never created"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "claims",
    [
        lambda now: {"iat": now + 5},
        lambda now: {"exp": now - 5},
        lambda now: {"aud": [CLIENT, "another-client"], "azp": CLIENT},
        lambda now: {"aud": [CLIENT]},
    ],
    ids=["idp-clock-ahead", "just-expired", "several-audiences-with-azp", "audience-list"],
)
def test_clock_skew_and_audience_lists_within_the_rules_are_accepted(client, idp, federated_user, claims):
    start_login(client)
    idp.id_token = token("nonce-1", **claims(int(time.time())))  # times relative to when the test runs
    response = client.get(CALLBACK, {"code": "c", "state": "state-1"})
    assert response["Location"] == reverse("home:start")
    assert client.session[SESSION_KEY] == str(federated_user.pk)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "forged",
    [
        {"key": None, "algorithm": "none"},
        {"key": OIDC["OIDC_RP_CLIENT_SECRET"], "algorithm": "HS256"},
        {"headers": {}},
        {"headers": {"kid": "unknown-key"}},
    ],
    ids=["alg-none", "hs256-with-client-secret", "no-kid", "unknown-kid"],
)
def test_forged_or_unverifiable_tokens_are_rejected(client, idp, federated_user, forged):
    start_login(client)
    idp.id_token = token("nonce-1", **forged)
    response = client.get(CALLBACK, {"code": "c", "state": "state-1"})
    assert response["Location"] == FAILED and SESSION_KEY not in client.session


@pytest.mark.django_db
def test_unsecured_tokens_stay_rejected_even_if_a_setting_allows_them(client, idp, federated_user):
    start_login(client)
    idp.id_token = token("nonce-1", key=None, algorithm="none")
    with override_settings(OIDC_ALLOW_UNSECURED_JWT=True):
        response = client.get(CALLBACK, {"code": "c", "state": "state-1"})
    assert response["Location"] == FAILED and SESSION_KEY not in client.session


@pytest.mark.django_db
def test_idp_refusing_the_code_is_a_failed_login_not_a_server_error(client, idp, federated_user, monkeypatch):
    """A replayed authorisation code is refused by the IdP with invalid_grant."""

    class Refused(FakeResponse):
        url, text = OIDC["OIDC_OP_TOKEN_ENDPOINT"], '{"error": "invalid_grant"}'

        def __init__(self) -> None:
            super().__init__({"error": "invalid_grant"})
            self.status_code = 400

    monkeypatch.setattr("mozilla_django_oidc.auth.requests.post", lambda url, **kwargs: Refused())
    start_login(client)
    response = client.get(CALLBACK, {"code": "used-code", "state": "state-1"})
    assert response["Location"] == FAILED and SESSION_KEY not in client.session
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, detail__method="oidc").exists()


@pytest.mark.django_db
def test_unreachable_jwks_is_a_failed_login_not_a_server_error(client, idp, federated_user, monkeypatch):
    def down(url, **kwargs):
        raise requests.ConnectionError("IdP unreachable")

    monkeypatch.setattr("mozilla_django_oidc.auth.requests.get", down)
    start_login(client)
    idp.id_token = token("nonce-1")
    response = client.get(CALLBACK, {"code": "c", "state": "state-1"})
    assert response["Location"] == FAILED and SESSION_KEY not in client.session


@pytest.mark.django_db
def test_bad_signature_is_rejected_and_audited(client, idp, federated_user):
    start_login(client)
    idp.id_token = token("nonce-1", key=OTHER_KEY)
    response = client.get(CALLBACK, {"code": "c", "state": "state-1"})
    assert response["Location"] == FAILED and SESSION_KEY not in client.session
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, detail__method="oidc").exists()


@pytest.mark.django_db
def test_replayed_nonce_and_replayed_callback_are_rejected(client, idp, federated_user, caplog):
    start_login(client, state="state-1", nonce="nonce-1")
    idp.id_token = token("nonce-1")
    assert client.get(CALLBACK, {"code": "c", "state": "state-1"})["Location"] == reverse("home:start")
    client.post(reverse("accounts:logout"))

    # A new login flow gets a new nonce; the captured token with the old nonce no longer works.
    start_login(client, state="state-2", nonce="nonce-2")
    with caplog.at_level(logging.WARNING, logger="tillit.accounts.oidc"):
        response = client.get(CALLBACK, {"code": "c", "state": "state-2"})
    assert response["Location"] == FAILED and SESSION_KEY not in client.session
    assert "Nonce verification failed" in caplog.text

    # Replaying the first callback: its state was used up on the server (SuspiciousOperation: 400).
    response = client.get(CALLBACK, {"code": "c", "state": "state-1"})
    assert response.status_code == 400 and SESSION_KEY not in client.session


@pytest.mark.django_db
def test_replayed_callback_in_the_same_session_is_rejected(client, idp, federated_user):
    start_login(client)
    idp.id_token = token("nonce-1")
    assert client.get(CALLBACK, {"code": "c", "state": "state-1"})["Location"] == reverse("home:start")
    assert "state-1" not in client.session["oidc_states"], "state and nonce are single-use"
    response = client.get(CALLBACK, {"code": "c", "state": "state-1"})  # same code, state and token
    assert response.status_code == 400
    client.post(reverse("accounts:logout"))
    start_login(client, state="state-2", nonce="nonce-2")  # another login flow under way
    response = client.get(CALLBACK, {"code": "c", "state": "state-1"})
    assert response.status_code == 400 and SESSION_KEY not in client.session


@pytest.mark.django_db
def test_replayed_callback_with_the_captured_session_cookie_is_rejected(client, idp, federated_user):
    """State and nonce live in the database session, so no app server in the cluster accepts them twice."""
    start_login(client)
    captured_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value  # e.g. from a proxy log
    idp.id_token = token("nonce-1")
    assert client.get(CALLBACK, {"code": "c", "state": "state-1"})["Location"] == reverse("home:start")
    assert SessionStore(captured_cookie).load() == {}, "the pre-login session (and its state) is gone"

    attacker = Client()
    attacker.cookies[settings.SESSION_COOKIE_NAME] = captured_cookie
    response = attacker.get(CALLBACK, {"code": "c", "state": "state-1"})
    assert response["Location"] == FAILED and SESSION_KEY not in attacker.session


@pytest.mark.django_db
def test_same_email_without_subject_is_not_matched(client, idp, org):
    user = org.user("mas")
    user.email = "maria@exempelby.se"
    user.save()
    start_login(client)
    idp.id_token = token("nonce-1", sub="sub-mas", email="maria@exempelby.se", name=user.get_full_name())
    assert client.get(CALLBACK, {"code": "c", "state": "state-1"})["Location"] == FAILED
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_login_page_offers_the_idp_and_the_authenticate_view_redirects(client, idp):
    page = client.get(reverse("accounts:login"))
    assert reverse("oidc_authentication_init") in page.content.decode()
    response = client.get(reverse("oidc_authentication_init"))
    assert response.status_code == 302 and response["Location"].startswith(f"{ISSUER}/authorize")
    assert "nonce=" in response["Location"]
    assert "oidc_states" in client.session
    failed = client.get(FAILED)
    assert "gick inte igenom" in failed.content.decode()


@pytest.mark.django_db
def test_logout_endpoint(client, idp, federated_user):
    start_login(client)
    idp.id_token = token("nonce-1")
    client.get(CALLBACK, {"code": "c", "state": "state-1"})
    client.post(reverse("oidc_logout"))
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_deactivated_users_oidc_session_no_longer_resolves(client, idp, federated_user):
    start_login(client)
    idp.id_token = token("nonce-1")
    client.get(CALLBACK, {"code": "c", "state": "state-1"})
    get_user_model().objects.filter(pk=federated_user.pk).update(is_active=False)  # not via the service
    response = client.get(reverse("home:start"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_deactivated_user_cannot_log_in(client, idp, federated_user):
    get_user_model().objects.filter(pk=federated_user.pk).update(is_active=False)
    start_login(client)
    idp.id_token = token("nonce-1")
    assert client.get(CALLBACK, {"code": "c", "state": "state-1"})["Location"] == FAILED
    assert SESSION_KEY not in client.session
