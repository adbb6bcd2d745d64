"""factory_boy factories for the foundation models."""

from __future__ import annotations

import factory

from tillit.accounts.models import RoleAssignment, User
from tillit.core.roles import Role
from tillit.org.models import Provider, Unit, UnitLevel
from tillit.org.services import unit_create

PASSWORD = "test-losenord-123"


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    code = factory.Sequence(lambda n: f"utforare-{n}")
    name = factory.Sequence(lambda n: f"Utförare {n} AB")


def make_unit(
    code: str, name: str | None = None, *, parent: Unit | None = None, level: str = UnitLevel.ENHET, provider=None
) -> Unit:
    return unit_create(actor=None, code=code, name=name or code, level=level, parent=parent, provider=provider)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def assign(user: User, role: Role | str, unit: Unit) -> RoleAssignment:
    return RoleAssignment.objects.create(user=user, role=role, unit=unit)
