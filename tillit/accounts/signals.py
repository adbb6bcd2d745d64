"""Audit rows for logins, logouts and failed logins (Django's auth signals)."""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from tillit.accounts.middleware import SESSION_STARTED_KEY
from tillit.audit.models import AuditAction
from tillit.audit.services import audit_record


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_STARTED_KEY] = time.time()
    audit_record(actor=user, action=AuditAction.LOGIN, object_type="accounts.user", object_id=user.pk)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit_record(actor=user, action=AuditAction.LOGOUT, object_type="accounts.user", object_id=user.pk)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    # The typed username is not logged (it may be a mistyped personal name); a known account is
    # referenced by id only.
    username = (credentials or {}).get("username") or ""
    user = get_user_model().objects.filter(username=username).first() if username else None
    audit_record(
        actor=None,
        action=AuditAction.LOGIN_FAILED,
        object_type="accounts.user" if user else "",
        object_id=user.pk if user else "",
    )
