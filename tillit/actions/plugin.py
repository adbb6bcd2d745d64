"""Åtgärder register their pages and the reminders about overdue actions and due effect follow-ups.
The models that actions belong to register themselves in `tillit.actions.sources` from their own
plugin.py."""

from tillit.actions.reminders import effect_followup_reminders, overdue_action_reminders
from tillit.core.registry import ReminderSource, register_reminder_source, register_urls

register_urls(__name__, "atgarder/", "tillit.actions.urls")
register_reminder_source(__name__, ReminderSource("actions.overdue", overdue_action_reminders))
register_reminder_source(__name__, ReminderSource("actions.effect_followup", effect_followup_reminders))
