"""The plug-in registry: how an app adds itself to Tillit without editing any other app.

Each app may ship a `plugin.py` module; `CoreConfig.ready()` imports every installed app's
`plugin.py` (as django.contrib.admin does with `admin.py`), and the module calls the `register_*`
functions below. The shell (navigation, start page, reminders, demo data, the role table and its
rendered document) reads only this registry, so it never names an app.

Report sections are registered the same way from each app's `report_sections.py` (see
`tillit.core.reporting` and `tillit.reports.engine`), and workflows from each app's
`workflows.toml` (see `tillit.workflow`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tillit.core.roles import AGGREGATE_ONLY_ROLES, Role


class RegistryError(ValueError):
    """A registration contradicts another one or the rules of the role table."""


@dataclass(frozen=True)
class Permission:
    """A permission in the role table; granted in the units at and below a holder's assignment."""

    code: str
    label: str  # Swedish, shown in the rendered role table and on admin pages
    roles: frozenset[Role]
    personal_data: bool = False  # reading it is logged and never granted to aggregate-only roles
    legal_reference: str = ""
    # Held in a unit only by the unit's operator's own people (the municipality for its units, a
    # provider for the units it runs): reading case files, investigating, deciding, notifying IVO.
    # The rule lives in tillit.org.access.
    operator: bool = False
    # Settings that apply to the whole municipality (its categories, its service levels): never held
    # by a provider's staff, whatever their role (rule in tillit.org.access).
    municipal: bool = False
    app: str = ""  # the app that declared it (filled in by register_permissions)


@dataclass(frozen=True)
class NavEntry:
    """A menu entry, shown to users who hold `permission` somewhere (None: every logged-in user)."""

    label: str
    url_name: str
    permission: str | None
    order: int
    app: str = ""


@dataclass(frozen=True)
class StartItem:
    """A box on the start page. `context(user)` returns the template context, or None to hide it."""

    key: str
    order: int
    template: str
    context: Callable[[Any], dict[str, Any] | None]
    app: str = ""


@dataclass(frozen=True)
class Reminder:
    """One reminder to one or more users; `key` makes it idempotent (never sent twice)."""

    recipient_ids: Sequence[int]
    key: str
    message: str  # never case content: it may go out by e-mail
    url: str


@dataclass(frozen=True)
class ReminderSource:
    """Yields the reminders due on `today` (called by the background worker)."""

    key: str
    collect: Callable[[date], Iterable[Reminder]]
    app: str = ""


@dataclass(frozen=True)
class DemoStep:
    """Adds an app's part of the demo municipality; runs in `order`, must be idempotent."""

    key: str
    order: int
    run: Callable[..., str | None]  # run(*, today: date, seed: int) -> a line for the console
    app: str = ""


@dataclass(frozen=True)
class UrlMount:
    """Where an app's URLs hang in the site: `target` is a urls module path or an include() tuple."""

    prefix: str
    target: Any
    app: str = ""


@dataclass
class Registry:
    urls: list[UrlMount] = field(default_factory=list)
    permissions: dict[str, Permission] = field(default_factory=dict)
    nav: list[NavEntry] = field(default_factory=list)
    start_items: list[StartItem] = field(default_factory=list)
    reminder_sources: dict[str, ReminderSource] = field(default_factory=dict)
    demo_steps: dict[str, DemoStep] = field(default_factory=dict)


registry = Registry()


def _app_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "tillit" else parts[0]


def register_urls(module: str, prefix: str, target: Any) -> None:
    """Mount an app's URLs under `prefix` (e.g. "handelser/")."""
    if any(m.prefix == prefix for m in registry.urls):
        if any(m.prefix == prefix and m.app == _app_of(module) for m in registry.urls):
            return
        raise RegistryError(f"URL prefix {prefix!r} is taken")
    registry.urls.append(UrlMount(prefix=prefix, target=target, app=_app_of(module)))


def register_permissions(module: str, permissions: Iterable[Permission]) -> None:
    """Add an app's permissions to the role table (call with `__name__`)."""
    for p in permissions:
        if p.code in registry.permissions and registry.permissions[p.code].app != _app_of(module):
            raise RegistryError(f"permission {p.code!r} is declared twice")
        if p.personal_data and p.roles & AGGREGATE_ONLY_ROLES:
            raise RegistryError(f"{p.code}: aggregate-only roles may not read personal data")
        registry.permissions[p.code] = Permission(**{**p.__dict__, "app": _app_of(module)})


def register_nav(module: str, *entries: NavEntry) -> None:
    for entry in entries:
        if any(e.url_name == entry.url_name for e in registry.nav):
            continue  # importing a plugin twice (tests) must not duplicate the menu
        registry.nav.append(NavEntry(**{**entry.__dict__, "app": _app_of(module)}))
    registry.nav.sort(key=lambda e: (e.order, e.label))


def register_start_item(module: str, item: StartItem) -> None:
    registry.start_items = [i for i in registry.start_items if i.key != item.key]
    registry.start_items.append(StartItem(**{**item.__dict__, "app": _app_of(module)}))
    registry.start_items.sort(key=lambda i: (i.order, i.key))


def register_reminder_source(module: str, source: ReminderSource) -> None:
    registry.reminder_sources[source.key] = ReminderSource(**{**source.__dict__, "app": _app_of(module)})


def register_demo_step(module: str, step: DemoStep) -> None:
    registry.demo_steps[step.key] = DemoStep(**{**step.__dict__, "app": _app_of(module)})


def permission(code: str) -> Permission:
    """The declared permission `code`; an unknown code is a programming error (KeyError)."""
    return registry.permissions[code]


def roles_with(code: str) -> frozenset[Role]:
    """The roles that hold permission `code`."""
    return registry.permissions[code].roles


def demo_steps() -> list[DemoStep]:
    return sorted(registry.demo_steps.values(), key=lambda s: (s.order, s.key))
