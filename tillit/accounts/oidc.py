"""Federated login: match users on (issuer, subject) only."""

from __future__ import annotations

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class TillitOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        issuer = settings.OIDC_OP_ISSUER
        subject = claims.get("sub")
        if not subject or claims.get("iss", issuer) != issuer:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(oidc_issuer=issuer, oidc_subject=subject, is_active=True)
