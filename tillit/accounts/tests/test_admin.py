"""User administration and the access review."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tillit.accounts.models import AccessReview, RoleAssignment, Session, User
from tillit.audit.models import AuditAction, AuditEvent
from tillit.testing.client import login
from tillit.testing.factories import PASSWORD, assign


@pytest.fixture
def admin_client(client, org):
    """The test org's administrator sits at VUX; here they administer the whole förvaltning."""
    assign(org.user("systemadministrator"), "systemadministrator", org.soc)
    return login(client, org.user("systemadministrator"))


@pytest.mark.django_db
def test_administrators_see_only_users_in_their_units(client, org):
    login(client, org.user("systemadministrator"))  # at VUX only
    listed = {u.username for u in client.get(reverse("accounts:user_list")).context["page"]}
    assert "utforarkontakt" not in listed and "medarbetare" in listed
    contact = org.user("utforarkontakt")
    assert client.get(reverse("accounts:user_detail", args=[contact.pk])).status_code == 404
    client.post(reverse("accounts:user_deactivate", args=[contact.pk]))
    assert User.objects.get(pk=contact.pk).is_active


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["user_list", "user_new", "access_review", "access_review_export"])
def test_pages_are_404_for_other_roles(client, org, name):
    login(client, org.user("enhetschef"))
    assert client.get(reverse(f"accounts:{name}")).status_code == 404


@pytest.mark.django_db
def test_create_user_assign_role_and_set_password(admin_client, org, client):
    response = admin_client.post(
        reverse("accounts:user_new"),
        {"username": "ny.person", "first_name": "Ny", "last_name": "Person", "email": "ny@example.org"},
    )
    user = User.objects.get(username="ny.person")
    assert response["Location"] == reverse("accounts:user_detail", args=[user.pk])
    assert not user.has_usable_password()

    admin_client.post(reverse("accounts:assignment_new", args=[user.pk]), {"role": "enhetschef", "unit": org.vux2.pk})
    admin_client.post(reverse("accounts:assignment_new", args=[user.pk]), {"role": "enhetschef", "unit": org.vux2.pk})
    assert RoleAssignment.objects.filter(user=user).count() == 1, "a double submit grants once"
    assert RoleAssignment.objects.get(user=user).created_by == org.user("systemadministrator")

    weak = admin_client.post(reverse("accounts:user_password", args=[user.pk]), {"password": "kort"})
    assert weak.status_code == 200 and not User.objects.get(pk=user.pk).has_usable_password()
    admin_client.post(reverse("accounts:user_password", args=[user.pk]), {"password": "Ett-langt-losenord-42"})
    assert User.objects.get(pk=user.pk).check_password("Ett-langt-losenord-42")
    assert AuditEvent.objects.filter(object_type="accounts.user", object_id=str(user.pk)).count() >= 2


@pytest.mark.django_db
def test_duplicate_username_is_a_form_error_that_keeps_the_input(admin_client, org):
    response = admin_client.post(reverse("accounts:user_new"), {"username": "medarbetare", "first_name": "Kvar"})
    assert response.status_code == 200
    assert 'value="Kvar"' in response.content.decode()


@pytest.mark.django_db
def test_oidc_identity_needs_issuer_and_subject(admin_client, org):
    user = org.user("medarbetare")
    response = admin_client.post(
        reverse("accounts:user_detail", args=[user.pk]),
        {"first_name": "A", "last_name": "B", "oidc_subject": "abc"},
    )
    assert "både OIDC-utfärdare och OIDC-subjekt" in response.content.decode()


@pytest.mark.django_db
def test_reading_a_user_is_audited(admin_client, org):
    user = org.user("medarbetare")
    assert admin_client.get(reverse("accounts:user_detail", args=[user.pk])).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.READ, object_type="accounts.user", object_id=user.pk).exists()


@pytest.mark.django_db
def test_deactivation_ends_the_users_sessions_on_the_server(admin_client, org, client_factory=None):
    from django.test import Client

    victim = org.user("medarbetare")
    other = Client()
    other.post(reverse("accounts:login"), {"username": victim.username, "password": PASSWORD})
    assert other.get(reverse("home:start")).status_code == 200
    assert Session.objects.filter(user_id=victim.pk).exists()
    admin_client.post(reverse("accounts:user_deactivate", args=[victim.pk]))
    assert not User.objects.get(pk=victim.pk).is_active
    assert not Session.objects.filter(user_id=victim.pk).exists()
    assert other.get(reverse("home:start")).status_code == 302


@pytest.mark.django_db
def test_admin_cannot_deactivate_themselves(admin_client, org):
    me = org.user("systemadministrator")
    admin_client.post(reverse("accounts:user_deactivate", args=[me.pk]))
    assert User.objects.get(pk=me.pk).is_active


@pytest.mark.django_db
def test_remove_assignment(admin_client, org):
    assignment = org.user("medarbetare").assignments.get()
    admin_client.post(reverse("accounts:assignment_delete", args=[assignment.user_id, assignment.pk]))
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert AuditEvent.objects.filter(object_type="accounts.roleassignment", detail__removed=True).exists()


@pytest.mark.django_db
def test_provider_staff_get_roles_only_in_their_providers_units(admin_client, org):
    contact = org.user("utforarkontakt")
    response = admin_client.post(
        reverse("accounts:assignment_new", args=[contact.pk]), {"role": "enhetschef", "unit": org.ald1.pk}
    )
    assert "utförarens egna enheter" in response.content.decode()
    assert contact.assignments.count() == 1


@pytest.mark.django_db
def test_access_review_lists_assignments_and_records_the_review(admin_client, org, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        page = admin_client.get(reverse("accounts:access_review"))
    assert len(page.context["assignments"]) == RoleAssignment.objects.count()
    admin_client.post(
        reverse("accounts:access_review"),
        {"year": 2026, "reviewed_on": "2026-11-20", "conclusion": "Två behörigheter togs bort."},
    )
    review = AccessReview.objects.get()
    assert review.reviewed_by == org.user("systemadministrator")
    assert review.reviewed_on == date(2026, 11, 20)
    assert review.assignment_count == RoleAssignment.objects.count()
    csv = admin_client.get(reverse("accounts:access_review_export"))
    assert "medarbetare" in csv.content.decode("utf-8-sig")


@pytest.mark.django_db
def test_user_list_query_budget(admin_client, org, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse("accounts:user_list"), {"q": ""})
    assert response.context["page"].paginator.count == User.objects.count()


@pytest.mark.django_db
def test_totp_reset_from_the_admin_page(admin_client, org):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = org.user("utredare")
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    admin_client.post(reverse("accounts:user_totp_reset", args=[user.pk]))
    assert not TOTPDevice.objects.filter(user=user).exists()
    admin_client.post(reverse("accounts:user_reactivate", args=[user.pk]))
