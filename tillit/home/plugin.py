"""The start page is the first menu entry."""

from tillit.core.registry import NavEntry, register_nav

register_nav(__name__, NavEntry("Start", "home:start", None, order=0))
