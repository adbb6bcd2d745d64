"""Everything the example app adds to the shell, registered here and nowhere else."""

from collections.abc import Iterator
from datetime import date

from tillit.core.registry import (
    NavEntry,
    Permission,
    Reminder,
    ReminderSource,
    register_nav,
    register_permissions,
    register_reminder_source,
    register_urls,
)
from tillit.core.roles import Role

REMINDED_USER_IDS: list[int] = []  # whom the reminder source reminds (set by the test)

register_urls(__name__, "exempel/", "tillit.testing.example_app.urls")
register_permissions(
    __name__, [Permission("exempel.view", "Se exempelgranskningar", frozenset({Role.KVALITETSUTVECKLARE}))]
)
register_nav(__name__, NavEntry("Exempel", "exempel:overview", "exempel.view", order=99))


def due_reviews(today: date) -> Iterator[Reminder]:
    yield Reminder(
        recipient_ids=REMINDED_USER_IDS,
        key=f"exempel:{today:%Y-%m}",
        message=f"Månadens exempelgranskning ska göras ({today:%Y-%m})",
        url="/exempel/",
    )


register_reminder_source(__name__, ReminderSource("exempel.monthly", due_reviews))
