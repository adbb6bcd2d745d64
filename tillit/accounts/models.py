"""Users, their role assignments (role, unit), access reviews and server-side sessions."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models import Q

from tillit.core.roles import Role
from tillit.org.models import Provider, Unit


class User(AbstractUser):
    """A person who logs in. Provider staff carry `provider` and never see other units.

    Federated users are matched on (`oidc_issuer`, `oidc_subject`), never on a name or e-mail.
    """

    title = models.CharField("befattning", max_length=120, blank=True)
    provider = models.ForeignKey(
        Provider, verbose_name="utförare", null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    oidc_issuer = models.CharField("OIDC-utfärdare", max_length=255, blank=True)
    oidc_subject = models.CharField("OIDC-subjekt", max_length=255, blank=True)

    class Meta:
        verbose_name = "användare"
        verbose_name_plural = "användare"
        constraints = [
            models.UniqueConstraint(
                fields=["oidc_issuer", "oidc_subject"],
                condition=~Q(oidc_subject=""),
                name="user_unique_oidc_identity",
            )
        ]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class RoleAssignment(models.Model):
    """A role held by a user in a unit; it applies to that unit and every unit below it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="assignments")
    role = models.CharField("roll", max_length=32, choices=Role.choices)
    unit = models.ForeignKey(Unit, verbose_name="enhet", on_delete=models.PROTECT, related_name="assignments")
    # Provider staff only: the role applies in every unit the provider runs, wherever the units sit
    # in the municipality's tree (the unit is then one of the provider's units).
    whole_provider = models.BooleanField("gäller alla utförarens enheter", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="assignments_granted"
    )

    class Meta:
        ordering = ["user__username", "role"]
        verbose_name = "rolltilldelning"
        verbose_name_plural = "rolltilldelningar"
        constraints = [models.UniqueConstraint(fields=["user", "role", "unit"], name="assignment_unique")]

    def __str__(self) -> str:
        return f"{self.get_role_display()} – {self.unit}"


class AccessReview(models.Model):
    """The yearly record that someone reviewed who holds which role where (SoLPuL behörighetsuppföljning)."""

    year = models.PositiveSmallIntegerField("år")
    reviewed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="access_reviews")
    reviewed_on = models.DateField("granskad den")
    assignment_count = models.PositiveIntegerField("antal tilldelningar vid granskningen")
    conclusion = models.TextField("slutsats")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        verbose_name = "behörighetsgranskning"
        verbose_name_plural = "behörighetsgranskningar"


class Session(AbstractBaseSession):
    """Django's database session plus the user id, so logout and deactivation can end sessions."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    @classmethod
    def get_session_store_class(cls):  # type: ignore[override]
        from tillit.accounts.sessions import SessionStore

        return SessionStore
