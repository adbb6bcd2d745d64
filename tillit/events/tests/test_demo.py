import random
from datetime import date

import pytest

from tillit.events.demo import demo_events, scale_events
from tillit.events.models import Event, EventKind
from tillit.workflow.declaration import workflow

pytestmark = pytest.mark.django_db


def test_demo_events_are_realistic_and_idempotent(org):
    units = [org.vux1, org.vux2, org.ald1, org.p1a]
    staff = {r: org.user(r) for r in ("medarbetare", "enhetschef", "utredare", "mas")}
    made = demo_events(rng=random.Random(1), units=units, staff=staff, today=date(2026, 11, 20))
    assert made > 50
    assert demo_events(rng=random.Random(1), units=units, staff=staff, today=date(2026, 11, 20)) == 0
    kinds = set(Event.objects.values_list("kind", flat=True))
    assert {EventKind.AVVIKELSE, EventKind.KLAGOMAL} <= kinds
    for event in Event.objects.all():
        assert event.state in workflow(event.kind).states
        assert (event.closed_on is not None) == workflow(event.kind).states[event.state].final
    assert Event.objects.filter(unit=org.ald1).count() > Event.objects.filter(unit=org.vux2).count()
    # Investigated cases carry causes, so the demo report's analysis by cause has data.
    with_causes = Event.objects.filter(causes__isnull=False).distinct()
    assert with_causes.exists() and not with_causes.exclude(kind__in=["avvikelse", "lex_sarah", "lex_maria"]).exists()


def test_scale_events_bulk(org):
    assert (
        scale_events(n=1200, rng=random.Random(2), units=[org.vux1, org.ald1], today=date(2026, 11, 20), batch=500)
        == 1200
    )
    assert Event.objects.count() == 1200
    assert Event.objects.values("reference").distinct().count() == 1200
