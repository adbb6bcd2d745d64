"""Writes to users, role assignments, two-factor devices and access reviews.

Each function is atomic and writes its audit row; the detail holds ids and field names only.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from tillit.accounts.models import AccessReview, RoleAssignment, User
from tillit.accounts.sessions import end_sessions_for
from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object, audit_record
from tillit.core.roles import Role
from tillit.org.access import unit_provider_id
from tillit.org.models import Provider, Unit

USER_FIELDS = ("first_name", "last_name", "email", "title", "provider", "oidc_issuer", "oidc_subject")


@transaction.atomic
def user_create(
    *,
    actor,
    username: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    title: str = "",
    provider: Provider | None = None,
    password: str | None = None,
    oidc_issuer: str = "",
    oidc_subject: str = "",
) -> User:
    """Create an account; without a password it can only log in through OIDC (or after a reset)."""
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        title=title,
        provider=provider,
        oidc_issuer=oidc_issuer,
        oidc_subject=oidc_subject,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit_object(actor=actor, action=AuditAction.CREATE, obj=user)
    return user


@transaction.atomic
def user_update(*, actor, user: User, **values) -> User:
    """Change the fields in USER_FIELDS that differ; unchanged input writes nothing."""
    unknown = set(values) - set(USER_FIELDS)
    if unknown:
        raise TypeError(f"unknown user fields: {sorted(unknown)}")
    changed = [name for name, value in values.items() if getattr(user, name) != value]
    if not changed:
        return user
    for name in changed:
        setattr(user, name, values[name])
    user.full_clean(exclude=["password"])
    user.save(update_fields=changed)
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=user, detail={"fields": sorted(changed)})
    return user


@transaction.atomic
def user_set_password(*, actor, user: User, password: str) -> User:
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=user, detail={"fields": ["password"]})
    return user


@transaction.atomic
def user_deactivate(*, actor, user: User) -> User:
    """Deactivate and end every session on the server at once (not at the next request)."""
    if actor is not None and actor.pk == user.pk:
        raise ValidationError("Du kan inte inaktivera ditt eget konto.")
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit_object(actor=actor, action=AuditAction.CHANGE, obj=user, detail={"fields": ["is_active"]})
    end_sessions_for(user.pk)
    return user


@transaction.atomic
def user_reactivate(*, actor, user: User) -> User:
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit_object(actor=actor, action=AuditAction.CHANGE, obj=user, detail={"fields": ["is_active"]})
    return user


@transaction.atomic
def assignment_add(*, actor, user: User, role: Role | str, unit: Unit, whole_provider: bool = False) -> RoleAssignment:
    """Grant `role` in `unit` (and below); with `whole_provider` (provider staff) in every unit the
    provider runs. Granting an existing assignment returns it unchanged."""
    if role not in Role.values:
        raise ValidationError("Okänd roll.")
    operator = unit_provider_id(unit)
    if user.provider_id is not None and operator != user.provider_id:
        raise ValidationError("Utförarens personal kan bara få roller i utförarens egna enheter.")
    # A municipal role in a provider's unit stays possible (e.g. contract follow-up of that
    # provider), but never gives the provider's case work: the operator rule in tillit.org.access.
    if whole_provider and user.provider_id is None:
        raise ValidationError("Bara utförarens personal kan få en roll i alla utförarens enheter.")
    existing = RoleAssignment.objects.filter(user=user, role=role, unit=unit).first()
    if existing:
        if existing.whole_provider != whole_provider:
            existing.whole_provider = whole_provider
            existing.save(update_fields=["whole_provider"])
            audit_object(
                actor=actor,
                action=AuditAction.CHANGE,
                obj=existing,
                detail={"user": user.pk, "role": str(role), "whole_provider": whole_provider},
            )
        return existing
    try:
        with transaction.atomic():
            assignment = RoleAssignment.objects.create(
                user=user, role=role, unit=unit, whole_provider=whole_provider, created_by=actor
            )
    except IntegrityError:  # a concurrent double submit created it first
        return RoleAssignment.objects.get(user=user, role=role, unit=unit)
    detail = {"user": user.pk, "role": str(role)} | ({"whole_provider": True} if whole_provider else {})
    audit_object(actor=actor, action=AuditAction.CREATE, obj=assignment, detail=detail)
    return assignment


@transaction.atomic
def assignment_remove(*, actor, assignment: RoleAssignment) -> None:
    detail = {"user": assignment.user_id, "role": assignment.role}
    audit_record(
        actor=actor,
        action=AuditAction.CHANGE,
        object_type="accounts.roleassignment",
        object_id=assignment.pk,
        unit_id=assignment.unit_id,
        detail={**detail, "removed": True},
    )
    assignment.delete()


@transaction.atomic
def access_review_record(*, actor, year: int, reviewed_on: date, conclusion: str) -> AccessReview:
    """Record the yearly review of who holds which role where, with the count reviewed."""
    if not conclusion.strip():
        raise ValidationError("Skriv en slutsats av granskningen.")
    review = AccessReview.objects.create(
        year=year,
        reviewed_by=actor,
        reviewed_on=reviewed_on,
        assignment_count=RoleAssignment.objects.filter(user__is_active=True).count(),
        conclusion=conclusion.strip(),
    )
    audit_object(actor=actor, action=AuditAction.CREATE, obj=review)
    return review


# --- Two-factor (TOTP) ------------------------------------------------------------------------


def totp_new_key() -> str:
    """A fresh 160-bit secret (hex) to show during enrolment; kept in the session until confirmed."""
    return default_key()


def totp_matches(*, key: str, token: str) -> bool:
    try:
        totp = TOTP(bytes.fromhex(key))
        return totp.verify(int(token), tolerance=1)
    except ValueError:
        return False


@transaction.atomic
def totp_device_enroll(*, user: User, key: str, token: str) -> TOTPDevice | None:
    """Create the user's confirmed device when `token` is valid for `key`; None when it is not.

    Enrolment happens only while the user has no confirmed device (a lost phone is reset by
    systemadministratör), so a stolen password alone cannot replace someone's second factor.
    """
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists() or not totp_matches(key=key, token=token):
        return None
    device = TOTPDevice.objects.create(user=user, name="Autentiseringsapp", key=key, confirmed=True)
    audit_record(
        actor=user, action=AuditAction.CREATE, object_type="otp_totp.totpdevice", object_id=device.pk, detail={}
    )
    return device


def totp_verify(*, user: User, token: str) -> TOTPDevice | None:
    """A confirmed device that accepts `token` (django-otp throttles repeated failures per device)."""
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(token):
            audit_record(
                actor=user,
                action=AuditAction.LOGIN,
                object_type="accounts.user",
                object_id=user.pk,
                detail={"factor": "totp"},
            )
            return device
    audit_record(
        actor=user,
        action=AuditAction.LOGIN_FAILED,
        object_type="accounts.user",
        object_id=user.pk,
        detail={"factor": "totp"},
    )
    return None


@transaction.atomic
def totp_reset(*, actor, user: User) -> int:
    """Remove a user's devices (lost phone); they enrol again at the next login."""
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    end_sessions_for(user.pk)
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=user, detail={"fields": ["totp_devices"]})
    return deleted
