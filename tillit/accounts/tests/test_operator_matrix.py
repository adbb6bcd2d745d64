"""The operator rule in the permission matrix: provider roles × own provider / other provider /
municipal units, and the municipality's roles (even at the top unit) × a provider's units.

Only the operator (den som bedriver verksamheten) reads a case file, investigates, decides and
notifies IVO (SoL 14 kap. 6–7 §§, SOSFS 2011:5; PSL 3 kap. 5 §). Operator permissions are marked
`operator=True` in their declaration; the rule lives in tillit.org.access.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from tillit.accounts.models import User
from tillit.core.registry import registry, roles_with
from tillit.core.roles import Role
from tillit.events.models import Event, EventEntry, IvoSubmission
from tillit.events.services import event_report, event_transition
from tillit.org.access import has_permission
from tillit.testing.client import login
from tillit.testing.factories import UserFactory, assign, make_unit
from tillit.testing.org import TestOrg

# The ordinary roles a provider's own people hold inside the provider.
PROVIDER_ROLES = (
    Role.MEDARBETARE,
    Role.ENHETSCHEF,
    Role.AVDELNINGSCHEF,
    Role.UTREDARE,
    Role.KVALITETSUTVECKLARE,
    Role.MAS,
    Role.UTFORARKONTAKT,
)
MUNICIPAL_ROLES = tuple(r for r in Role if r not in {Role.UTFORARKONTAKT})


class OperatorMatrix:
    def __init__(self, org: TestOrg) -> None:
        self.org = org
        self.p1b = make_unit("P1B", "Solgården avd 2", parent=org.p1a)  # inherits provider 1
        # Provider 1 runs a second unit elsewhere in the tree (daglig verksamhet under VUX).
        self.p1c = make_unit("P1C", "Solgårdens dagverksamhet", parent=org.vux, provider=org.provider1)
        self.provider_users: dict[Role, User] = {}
        for role in PROVIDER_ROLES:
            user = UserFactory(username=f"p1-{role}", provider=org.provider1)
            assign(user, role, org.p1a)
            self.provider_users[role] = user
        self.municipal_users: dict[Role, User] = {}
        for role in MUNICIPAL_ROLES:
            user = UserFactory(username=f"soc-{role}")
            assign(user, role, org.soc)
            self.municipal_users[role] = user

    def provider_units(self):
        o = self.org
        return {
            "own": o.p1a,
            "below": self.p1b,
            "other_provider": o.p2a,
            "municipal": o.ald1,
            "municipal_parent": o.ald,
        }


@pytest.fixture
def om(org) -> OperatorMatrix:
    return OperatorMatrix(org)


def provider_expected(code: str, role: Role, relation: str) -> bool:
    municipal = registry.permissions[code].municipal
    return role in roles_with(code) and relation in {"own", "below"} and not municipal


def municipal_expected(code: str, role: Role, unit_is_provider: bool) -> bool:
    return role in roles_with(code) and not (unit_is_provider and registry.permissions[code].operator)


def test_case_reading_is_an_operator_permission():
    assert registry.permissions["event.view"].operator
    # Reporting and aggregates are not: the purchaser sees aggregates per provider and unit.
    # The municipality's own settings are never a provider's.
    assert registry.permissions["event.configure"].municipal
    assert not registry.permissions["event.report"].operator
    assert not registry.permissions["event.statistics"].operator


@pytest.mark.django_db
@pytest.mark.parametrize("role", PROVIDER_ROLES, ids=str)
def test_provider_roles_hold_permissions_in_their_own_providers_units_only(om, role):
    user = om.provider_users[role]
    for permission in registry.permissions.values():
        for relation, unit in om.provider_units().items():
            want = provider_expected(permission.code, role, relation)
            assert has_permission(user, permission.code, unit) is want, (permission.code, str(role), relation)


@pytest.mark.django_db
@pytest.mark.parametrize("role", MUNICIPAL_ROLES, ids=str)
def test_municipal_roles_at_the_top_hold_no_operator_permission_in_a_providers_units(om, role):
    user = om.municipal_users[role]
    for permission in registry.permissions.values():
        for unit, is_provider in ((om.org.p1a, True), (om.p1b, True), (om.org.p2a, True), (om.org.ald1, False)):
            want = municipal_expected(permission.code, role, is_provider)
            assert has_permission(user, permission.code, unit) is want, (permission.code, str(role), unit.code)


@pytest.mark.django_db
def test_a_whole_provider_assignment_covers_every_unit_the_provider_runs(om):
    user = UserFactory(username="p1-utredare-alla", provider=om.org.provider1)
    assignment = assign(user, Role.UTREDARE, om.org.p1a)
    assert not has_permission(user, "event.view", om.p1c)
    assignment.whole_provider = True
    assignment.save()
    user = User.objects.get(pk=user.pk)
    for unit in (om.org.p1a, om.p1b, om.p1c):
        assert has_permission(user, "event.view", unit), unit.code
    for unit in (om.org.p2a, om.org.vux1, om.org.vux):
        assert not has_permission(user, "event.view", unit), unit.code
        assert not has_permission(user, "unit.view", unit), unit.code


@pytest.mark.django_db
def test_a_provider_never_sees_another_providers_or_the_municipalitys_cases(om, client):
    org = om.org
    p2_staff = UserFactory(username="p2-medarbetare", provider=org.provider2)
    assign(p2_staff, Role.MEDARBETARE, org.p2a)
    own = event_report(actor=om.provider_users[Role.MEDARBETARE], kind="avvikelse", unit=org.p1a, description="Egen")
    other = event_report(actor=p2_staff, kind="avvikelse", unit=org.p2a, description="Annan utförare").event
    municipal = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="Kommunen")
    for role in PROVIDER_ROLES:
        login(client, om.provider_users[role])
        listing = client.get(reverse("events:event_list")).content.decode()
        assert other.reference not in listing and municipal.event.reference not in listing, str(role)
        for event in (other, municipal.event):
            assert client.get(reverse("events:event_detail", args=[event.pk])).status_code == 404, str(role)
        if role in roles_with("event.view"):
            assert own.event.reference in listing, str(role)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["avvikelse", "lex_sarah", "lex_maria", "klagomal"])
def test_municipal_roles_at_the_top_cannot_read_or_work_on_a_providers_case(om, kind):
    reporter = om.provider_users[Role.MEDARBETARE]
    event = event_report(actor=reporter, kind=kind, unit=om.org.p1a, description="Utförarens ärende").event
    for role, user in om.municipal_users.items():
        client = login(Client(), user)
        before = (Event.objects.get(pk=event.pk).state, EventEntry.objects.count())
        assert client.get(reverse("events:event_detail", args=[event.pk])).status_code == 404, str(role)
        client.post(
            reverse("events:entry_add", args=[event.pk]),
            {
                "topic": "orsaker",
                "is_fact": "fakta",
                "text": "Kommunen skriver",
                "entry_date": date.today().isoformat(),
            },
        )
        assert (Event.objects.get(pk=event.pk).state, EventEntry.objects.count()) == before, str(role)


@pytest.mark.django_db
def test_a_municipal_utredare_at_soc_cannot_investigate_or_transition_a_providers_lex_sarah(om, client):
    event = event_report(
        actor=om.provider_users[Role.MEDARBETARE], kind="lex_sarah", unit=om.org.p1a, description="Missförhållande"
    ).event
    soc_utredare = om.municipal_users[Role.UTREDARE]
    with pytest.raises(PermissionDenied):
        event_transition(actor=soc_utredare, event=event, code="motta", responsible=soc_utredare)
    login(client, soc_utredare)
    response = client.post(
        reverse("events:transition", args=[event.pk, "motta"]), {"responsible": soc_utredare.pk, "comment": ""}
    )
    assert response.status_code in (403, 404)
    event.refresh_from_db()
    assert (event.state, event.responsible_id) == ("rapporterad", None)
    assert client.get(reverse("events:ivo", args=[event.pk])).status_code == 404
    assert not IvoSubmission.objects.exists()
    # The provider's own utredare receives it.
    p1_utredare = om.provider_users[Role.UTREDARE]
    event_transition(actor=p1_utredare, event=event, code="motta", responsible=p1_utredare)
    event.refresh_from_db()
    assert event.state == "mottagen"
