"""The inbox registers its page and the start-page line about unread messages."""

from tillit.core.registry import NavEntry, StartItem, register_nav, register_start_item, register_urls
from tillit.inbox.selectors import unread_count

register_urls(__name__, "inkorg/", "tillit.inbox.urls")
register_nav(__name__, NavEntry("Inkorg", "inbox:inbox", None, order=40))


def _unread(user) -> dict | None:
    unread = unread_count(user)
    return {"unread": unread} if unread else None


register_start_item(
    __name__, StartItem("inbox.unread", order=20, template="inbox/partials/start_unread.html", context=_unread)
)
