"""OIDC login with local test keys: the good case, and wrong issuer, wrong audience, bad signature,
replayed nonce/callback, expired token and unknown subject are all rejected."""

from __future__ import annotations

import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import SESSION_KEY
from django.test import override_settings
from django.urls import reverse
from jwt.algorithms import RSAAlgorithm

from tillit.audit.models import AuditAction, AuditEvent

ISSUER = "https://idp.exempelby.se"
CLIENT = "tillit"
OIDC = {
    "OIDC_OP_ISSUER": ISSUER,
    "OIDC_ENABLED": True,
    "OIDC_RP_CLIENT_ID": CLIENT,
    "OIDC_RP_CLIENT_SECRET": "hemlighet",
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


def token(nonce: str, *, key=KEY, **claims) -> str:
    now = int(time.time())
    body = {"iss": ISSUER, "aud": CLIENT, "sub": "sub-123", "nonce": nonce, "iat": now, "exp": now + 300} | claims
    return jwt.encode(body, key, algorithm="RS256", headers={"kid": "k1"})


def start_login(client, state: str = "state-1", nonce: str = "nonce-1") -> None:
    """What the authenticate view leaves in the session before sending the user to the IdP."""
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
    assert response.status_code == 302 and response["Location"] == reverse("core:start")
    assert client.session[SESSION_KEY] == str(federated_user.pk)
    assert client.session["tillit_strong_auth"] is True
    assert client.get(reverse("core:start")).status_code == 200, "no TOTP asked after IdP login"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "claims",
    [
        {"iss": "https://evil.example.com"},
        {"aud": "another-client"},
        {"aud": [CLIENT, "another-client"], "azp": "another-client"},
        {"exp": int(time.time()) - 3600},
        {"iat": int(time.time()) + 3600},
        {"sub": "unknown-subject"},
    ],
    ids=["wrong-issuer", "wrong-audience", "wrong-azp", "expired", "future-iat", "unknown-subject"],
)
def test_bad_claims_are_rejected(client, idp, federated_user, claims):
    start_login(client)
    idp.id_token = token("nonce-1", **claims)
    response = client.get(CALLBACK, {"code": "c", "state": "state-1"})
    assert response["Location"] == FAILED
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_bad_signature_is_rejected_and_audited(client, idp, federated_user):
    start_login(client)
    idp.id_token = token("nonce-1", key=OTHER_KEY)
    response = client.get(CALLBACK, {"code": "c", "state": "state-1"})
    assert response["Location"] == FAILED and SESSION_KEY not in client.session
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, detail__method="oidc").exists()


@pytest.mark.django_db
def test_replayed_nonce_and_replayed_callback_are_rejected(client, idp, federated_user):
    start_login(client, state="state-1", nonce="nonce-1")
    idp.id_token = token("nonce-1")
    assert client.get(CALLBACK, {"code": "c", "state": "state-1"})["Location"] == reverse("core:start")
    client.post(reverse("accounts:logout"))

    # A new login flow gets a new nonce; the captured token with the old nonce no longer works.
    start_login(client, state="state-2", nonce="nonce-2")
    response = client.get(CALLBACK, {"code": "c", "state": "state-2"})
    assert response["Location"] == FAILED and SESSION_KEY not in client.session

    # Replaying the first callback: its state was used up on the server.
    response = client.get(CALLBACK, {"code": "c", "state": "state-1"})
    assert response.status_code in (302, 400) and SESSION_KEY not in client.session


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
