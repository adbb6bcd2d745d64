"""Federated login (OpenID Connect) through the municipality's IdP (Entra ID, Inera IdP, Freja).

Users are matched on the ID token's verified (issuer, subject) only — never on a name or e-mail —
and are never created here: systemadministratör provisions accounts with their subject. The ID
token's signature (mozilla-django-oidc), issuer, audience, expiry and nonce are all checked; the
nonce is single-use because the state holding it lives in the server-side session.
"""

from __future__ import annotations

import logging
import time

import jwt
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_record

log = logging.getLogger(__name__)
CLOCK_SKEW_SECONDS = 60


class TillitOIDCBackend(OIDCAuthenticationBackend):
    def verify_token(self, token, **kwargs):
        try:
            payload = super().verify_token(token, **kwargs)  # signature, algorithm, nonce, exp
        except jwt.PyJWTError as exc:  # expired, not yet valid, malformed
            raise SuspiciousOperation(f"ID token rejected: {exc}") from None
        self.verify_id_token_claims(payload)
        return payload

    def verify_id_token_claims(self, payload: dict) -> None:
        if payload.get("iss") != settings.OIDC_OP_ISSUER:
            raise SuspiciousOperation("ID token from an unexpected issuer")
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token not issued for this client")
        if len(audiences) > 1 and payload.get("azp") != settings.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("ID token's authorised party is another client")
        now = time.time()
        if "exp" not in payload or float(payload["exp"]) < now - CLOCK_SKEW_SECONDS:
            raise SuspiciousOperation("ID token has expired")
        if float(payload.get("iat", now)) > now + CLOCK_SKEW_SECONDS:
            raise SuspiciousOperation("ID token issued in the future")
        if not payload.get("sub"):
            raise SuspiciousOperation("ID token without subject")

    def authenticate(self, request, **kwargs):
        try:
            user = super().authenticate(request, **kwargs)
        except SuspiciousOperation as exc:
            # A rejected token is a failed login, shown as such; never a server error.
            log.warning("OIDC login rejected: %s", exc)
            audit_record(actor=None, action=AuditAction.LOGIN_FAILED, detail={"method": "oidc"})
            return None
        if user is not None and request is not None and settings.OIDC_SATISFIES_2FA:
            # The IdP's login (BankID, SITHS, Freja eID) is itself strong authentication.
            request.session["tillit_strong_auth"] = True
        return user

    def get_or_create_user(self, access_token, id_token, payload):
        # Match on the verified ID token, not on the userinfo response.
        users = self.filter_users_by_claims(payload)
        return users[0] if len(users) == 1 else None

    def filter_users_by_claims(self, claims):
        subject = claims.get("sub")
        if not subject or claims.get("iss") != settings.OIDC_OP_ISSUER:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(oidc_issuer=settings.OIDC_OP_ISSUER, oidc_subject=subject, is_active=True)
