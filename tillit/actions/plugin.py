"""Åtgärder register their pages and the reminder about overdue åtgärder."""

from tillit.actions.reminders import overdue_action_reminders
from tillit.core.registry import ReminderSource, register_reminder_source, register_urls

register_urls(__name__, "atgarder/", "tillit.actions.urls")
register_reminder_source(__name__, ReminderSource("actions.overdue", overdue_action_reminders))
