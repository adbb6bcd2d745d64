"""Classification values are data: seeded with the old codes, edited by administrators, retired
values kept on old records but not offered for new ones."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tillit.actions.forms import ActionForm
from tillit.actions.models import ActionType
from tillit.actions.services import action_create
from tillit.audit.models import AuditEvent
from tillit.classification.defaults import DEFAULT_TERMS
from tillit.classification.models import Term
from tillit.classification.schemes import ACTION_TYPE, CAUSE, GOD_VARD_AREA
from tillit.classification.selectors import choices, label
from tillit.classification.services import term_create, term_update
from tillit.core.roles import Role
from tillit.events.forms import ClassifyForm
from tillit.events.models import GodVardArea
from tillit.events.services import event_classify, event_report
from tillit.testing.client import login

pytestmark = pytest.mark.django_db


def test_the_defaults_keep_the_codes_that_were_in_code():
    assert set(dict(choices(ACTION_TYPE))) == set(ActionType.values)
    assert set(dict(choices(GOD_VARD_AREA))) == set(GodVardArea.values)
    assert [label for _, label in choices(CAUSE)] == [label for _, label in DEFAULT_TERMS[CAUSE]]
    assert "Rutin följs inte" in dict(choices(CAUSE)).values()


def test_an_administrator_adds_renames_and_retires_and_it_is_audited(org):
    admin = org.user("kvalitetsutvecklare")
    term = term_create(actor=admin, scheme=CAUSE, label="Arbetsmiljö")
    assert term.code == "arbetsmiljo" and term.sort_order > Term.objects.get(scheme=CAUSE, code="annan").sort_order
    term_update(actor=admin, term=term, label="Arbetsmiljö och lokaler", sort_order=5, retired=True)
    term.refresh_from_db()
    assert term.code == "arbetsmiljo" and term.label == "Arbetsmiljö och lokaler" and term.retired
    rows = AuditEvent.objects.filter(object_type="classification.term", object_id=str(term.pk))
    assert rows.count() == 2
    with pytest.raises(ValidationError):
        term_create(actor=admin, scheme=CAUSE, label="Arbetsmiljö")  # same code
    with pytest.raises(ValidationError):
        term_create(actor=admin, scheme="okand", label="X")


def test_others_may_not_edit_classifications(org):
    with pytest.raises(PermissionDenied):
        term_create(actor=org.user("enhetschef"), scheme=CAUSE, label="Arbetsmiljö")


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_the_settings_page_follows_the_table(client, org, role):
    login(client, org.user(role))
    may = role in (Role.KVALITETSUTVECKLARE, Role.SYSTEMADMINISTRATOR)
    assert client.get(reverse("classification:settings")).status_code == (200 if may else 404)
    response = client.post(reverse("classification:term_add", args=[CAUSE]), {f"{CAUSE}-label": "Ny orsak"})
    assert response.status_code == (302 if may else 404)
    assert Term.objects.filter(scheme=CAUSE, code="ny_orsak").exists() is may


def test_settings_page_changes_a_value(client, org):
    term = Term.objects.get(scheme=ACTION_TYPE, code="teknik")
    login(client, org.user("systemadministrator"))
    client.post(reverse("classification:term_change", args=[term.pk]), {"label": "Teknik", "sort_order": 1})
    term.refresh_from_db()
    assert term.label == "Teknik" and term.sort_order == 1 and not term.retired
    assert "Teknik" in client.get(reverse("classification:settings")).content.decode()


def test_a_retired_area_is_not_offered_but_stays_on_an_old_case(org):
    chef = org.user("enhetschef")
    old = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x").event
    event_classify(actor=chef, event=old, category=None, god_vard_area="trygghet")
    term = Term.objects.get(scheme=GOD_VARD_AREA, code="trygghet")
    term_update(actor=org.user("kvalitetsutvecklare"), term=term, label=term.label, sort_order=1, retired=True)

    new = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="y").event
    offered = dict(ClassifyForm(event=new).fields["god_vard_area"].choices)
    assert "trygghet" not in offered and "helhetssyn" in offered
    with pytest.raises(ValidationError):
        event_classify(actor=chef, event=new, category=None, god_vard_area="trygghet")

    old.refresh_from_db()
    assert old.god_vard_area == "trygghet" and old.get_god_vard_area_display() == "Trygghet och säkerhet"
    assert "trygghet" in dict(ClassifyForm(event=old).fields["god_vard_area"].choices)
    event_classify(actor=chef, event=old, category=None, god_vard_area="trygghet")  # saving again changes nothing


def test_a_retired_action_type_is_not_offered_but_stays_on_an_old_action(org):
    chef = org.user("enhetschef")
    event = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x").event
    action = action_create(
        actor=chef, source=event, action_type="samtal_med_personal", description="d", owner=chef, due_on=date.today()
    )
    term = Term.objects.get(scheme=ACTION_TYPE, code="samtal_med_personal")
    term_update(actor=org.user("kvalitetsutvecklare"), term=term, label="Samtal", sort_order=1, retired=True)
    assert "samtal_med_personal" not in dict(ActionForm(source=event).fields["action_type"].choices)
    with pytest.raises(ValidationError):
        action_create(
            actor=chef,
            source=event,
            action_type="samtal_med_personal",
            description="d",
            owner=chef,
            due_on=date.today(),
        )
    action.refresh_from_db()
    assert action.action_type == "samtal_med_personal" and action.get_action_type_display() == "Samtal"


def test_an_unknown_code_shows_as_itself():
    assert label(GOD_VARD_AREA, "finns_inte") == "finns_inte" and label(GOD_VARD_AREA, "") == ""
