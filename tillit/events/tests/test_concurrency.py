"""Two simultaneous submissions of the same form (a double click racing itself) make one event."""

import threading

import pytest
from django.db import connection

from tillit.events.models import Event
from tillit.events.services import event_report


@pytest.mark.django_db(transaction=True)
def test_concurrent_double_submit_creates_one_event(org):
    reporter = org.user("medarbetare")
    barrier = threading.Barrier(2)
    results, errors = [], []

    def submit():
        try:
            barrier.wait(timeout=10)
            results.append(
                event_report(actor=reporter, kind="avvikelse", unit=org.vux1, description="x", idempotency_key="same")
            )
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert Event.objects.filter(idempotency_key="same").count() == 1
    assert sorted(r.created for r in results) == [False, True]
    assert len({r.event.pk for r in results}) == 1
