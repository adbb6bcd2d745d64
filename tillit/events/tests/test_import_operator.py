"""import_events: an imported event belongs to the operator of its unit (a provider's unit: the
provider's own people read and work on it, the municipality does not), and imported history is
not notified to the purchaser as if it had just been reported."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tillit.core.roles import Role
from tillit.events.models import Event, PurchaserNotice
from tillit.events.selectors import events_readable
from tillit.events.services import may_work_on
from tillit.testing.factories import UserFactory, assign, make_unit

pytestmark = pytest.mark.django_db

HEADER = "external_id,kind,unit_code,reported_on,occurred_on,category,outcome,severe,ivo_notified_on,closed_on,channel,summary"


def test_imported_events_belong_to_the_operator_of_their_unit(tmp_path, org):
    make_unit("P1B", "Solgården avd 2", parent=org.p1a)  # inherits provider 1
    path = tmp_path / "events.csv"
    path.write_text(
        f"{HEADER}\n"
        "P-1,lex_sarah,P1B,2025-04-10,,,missforhallande,true,2025-04-20,2025-06-01,,Historik hos utföraren\n"
        "P-2,avvikelse,P1A,2025-05-01,,,,,,,,Öppen avvikelse hos utföraren\n"
        "M-1,lex_sarah,VUX1,2025-04-11,,,,,,,,Kommunens\n",
        encoding="utf-8",
    )
    call_command("import_events", str(path))
    imported = {e.external_id: e for e in Event.objects.all()}
    p1_utredare = UserFactory(username="p1-utredare", provider=org.provider1)
    assign(p1_utredare, Role.UTREDARE, org.p1a)
    p1_chef = UserFactory(username="p1-enhetschef", provider=org.provider1)
    assign(p1_chef, Role.ENHETSCHEF, org.p1a)
    soc_utredare = UserFactory(username="soc-utredare")
    assign(soc_utredare, Role.UTREDARE, org.soc)

    assert set(events_readable(p1_utredare).values_list("external_id", flat=True)) == {"P-1", "P-2"}
    assert may_work_on(p1_chef, imported["P-2"])
    assert set(events_readable(soc_utredare).values_list("external_id", flat=True)) == {"M-1"}
    assert not may_work_on(soc_utredare, imported["P-2"])
    # History is not a new report: nothing is notified to the purchaser by the import.
    assert not PurchaserNotice.objects.exists()
