"""Federated login (OpenID Connect) through the municipality's IdP (Entra ID, Inera IdP, Freja).

Users are matched on the ID token's verified (issuer, subject) only — never on a name or e-mail —
and are never created here: systemadministratör provisions accounts with their subject.

The ID token's signature and algorithm (key from the IdP's JWKS), issuer, audience/azp, expiry,
issued-at and nonce are all checked. The nonce is single-use across every app server: the state
holding it lives in the database-backed session and mozilla-django-oidc deletes it before the code
is exchanged, so a replayed callback finds no state and a captured token carries the wrong nonce
for any later login. Every failure — a rejected token, an IdP error — is a failed login (the login
page with a Swedish message), never a server error.
"""

from __future__ import annotations

import logging
import time

import jwt
import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_record

log = logging.getLogger(__name__)
CLOCK_SKEW_SECONDS = 60
REQUIRED_CLAIMS = ["iss", "aud", "sub", "exp", "iat"]


class TillitOIDCBackend(OIDCAuthenticationBackend):
    def get_payload_data(self, token, key):
        """Verify the signature and the registered claims with a small clock-skew leeway.

        Replaces mozilla's decoding, which has no leeway (an IdP clock a second ahead fails on
        `iat`), checks neither issuer nor audience, and honours OIDC_ALLOW_UNSECURED_JWT (`alg:
        none`), which is never acceptable here.
        """
        algorithm = jwt.get_unverified_header(token).get("alg")
        if algorithm != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation(f"ID token signed with {algorithm!r}, expected {self.OIDC_RP_SIGN_ALGO!r}")
        return jwt.decode(
            token,
            key,
            algorithms=[self.OIDC_RP_SIGN_ALGO],
            audience=settings.OIDC_RP_CLIENT_ID,
            issuer=settings.OIDC_OP_ISSUER,
            leeway=CLOCK_SKEW_SECONDS,
            options={"require": REQUIRED_CLAIMS},
        )

    def verify_token(self, token, **kwargs):
        try:
            payload = super().verify_token(token, **kwargs)  # JWKS key, get_payload_data, nonce
        except jwt.PyJWTError as exc:  # bad signature, wrong issuer/audience, expired, malformed
            raise SuspiciousOperation(f"ID token rejected: {exc}") from None
        except KeyError as exc:  # no `kid` in the token header or in a JWKS key
            raise SuspiciousOperation(f"ID token rejected: missing {exc}") from None
        self.verify_id_token_claims(payload)
        return payload

    def verify_id_token_claims(self, payload: dict) -> None:
        """OpenID Connect Core 3.1.3.7, checked here as well as by PyJWT (defence in depth)."""
        if payload.get("iss") != settings.OIDC_OP_ISSUER:
            raise SuspiciousOperation("ID token from an unexpected issuer")
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else audience
        if not isinstance(audiences, list) or settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token not issued for this client")
        if (len(audiences) > 1 or "azp" in payload) and payload.get("azp") != settings.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("ID token's authorised party is another client")
        now = time.time()
        if "exp" not in payload or float(payload["exp"]) < now - CLOCK_SKEW_SECONDS:
            raise SuspiciousOperation("ID token has expired")
        if "iat" not in payload or float(payload["iat"]) > now + CLOCK_SKEW_SECONDS:
            raise SuspiciousOperation("ID token issued in the future")
        if not isinstance(payload.get("sub"), str) or not payload["sub"]:
            raise SuspiciousOperation("ID token without subject")

    def authenticate(self, request, **kwargs):
        try:
            user = super().authenticate(request, **kwargs)
        except (SuspiciousOperation, requests.RequestException) as exc:
            # A rejected token, or the IdP refusing the code (a replayed code is `invalid_grant`) or
            # being unreachable, is a failed login shown as such; never a server error.
            log.warning("OIDC login rejected: %s", exc)
            audit_record(actor=None, action=AuditAction.LOGIN_FAILED, detail={"method": "oidc"})
            return None
        if user is not None and request is not None and settings.OIDC_SATISFIES_2FA:
            # The IdP's login (BankID, SITHS, Freja eID) is itself strong authentication.
            request.session["tillit_strong_auth"] = True
        return user

    def get_or_create_user(self, access_token, id_token, payload):
        # Match on the verified ID token, not on the userinfo response; never create (accounts are
        # provisioned with their subject).
        users = self.filter_users_by_claims(payload)
        if len(users) != 1:
            log.info("OIDC login: no active account with this issuer and subject")
            return None
        return users[0]

    def filter_users_by_claims(self, claims):
        subject = claims.get("sub")
        if not subject or claims.get("iss") != settings.OIDC_OP_ISSUER:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(oidc_issuer=settings.OIDC_OP_ISSUER, oidc_subject=subject, is_active=True)

    def get_user(self, user_id):
        # mozilla's get_user ignores is_active; a deactivated account's OIDC session must not resolve.
        user = super().get_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
