"""Typed access to the workflows that apps declare in their `workflows.toml`.

Every installed app may ship a `workflows.toml` beside its models; the engine reads them all.
Each file declares role groups (`[roles]`, local to the file) and workflows (`[workflows.<key>]`)
with states, transitions, deadlines and the facts about the workflow that code must not repeat:
whether its cases are notified to IVO, the outcome a closing records, and a hook a transition runs.
A declaration is validated when loaded, so a broken edit fails at start-up (and in the tests),
not in the middle of a case.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string

from tillit.core.roles import Role

FILENAME = "workflows.toml"


class WorkflowError(ValueError):
    """The declaration is inconsistent."""


@dataclass(frozen=True)
class State:
    code: str
    label: str
    final: bool = False
    outcome: str = ""  # the outcome that closing into this state records (e.g. "ej_utredd")


@dataclass(frozen=True)
class Transition:
    code: str
    label: str
    sources: tuple[str, ...]
    target: str
    roles: frozenset[Role]
    required: tuple[str, ...] = ()
    legal_reference: str = ""
    hook: str = ""  # dotted path of a function run after the transition, in the same transaction
    done: str = ""  # the message shown once made; `{follow_up}` is what the hook made

    def done_message(self, follow_up: Any = None) -> str:
        return self.done.format(follow_up=follow_up) if self.done else f"{self.label}: klart."

    def run_hook(self, **kwargs: Any) -> Any:
        return import_string(self.hook)(**kwargs) if self.hook else None


@dataclass(frozen=True)
class Deadline:
    """A service level: `days` from entering `from_state` (or setting `from_flag`) until reaching
    `until_state` (or setting `until_flag`)."""

    code: str
    label: str
    days: int
    working_days: bool
    service_level: bool
    legal_reference: str
    from_state: str = ""
    until_state: str = ""
    from_flag: str = ""
    until_flag: str = ""


@dataclass(frozen=True)
class Workflow:
    key: str
    label: str
    help: str
    legal_reference: str
    initial: str
    states: dict[str, State]
    transitions: tuple[Transition, ...]
    deadlines: tuple[Deadline, ...] = field(default_factory=tuple)
    default_outcome: str = ""  # recorded on closing when neither the case nor the final state sets one
    ivo_notification: str = ""  # the legal basis of an anmälan to IVO; empty: never notified to IVO
    # Roles that may read the cases in full without taking part in the work (need-to-know readers,
    # e.g. MAS following the avvikelser of a unit). Everyone else sees only what they reported.
    readers: frozenset[Role] = field(default_factory=frozenset)
    app: str = ""  # the app label whose declaration this is

    @property
    def kind(self) -> str:  # events call their workflow key "kind"
        return self.key

    @property
    def notifies_ivo(self) -> bool:
        """Whether cases of this workflow that are judged severe are notified to IVO."""
        return bool(self.ivo_notification)

    def transitions_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.sources]

    def transition(self, code: str) -> Transition:
        for t in self.transitions:
            if t.code == code:
                return t
        raise KeyError(f"{self.key}: no transition {code!r}")

    def final_states(self) -> frozenset[str]:
        return frozenset(code for code, state in self.states.items() if state.final)

    def is_final(self, state: str) -> bool:
        return self.states[state].final

    def roles_from(self, state: str) -> frozenset[Role]:
        """Roles that may make a step out of `state` (who a waiting case is waiting for)."""
        return frozenset().union(*(t.roles for t in self.transitions_from(state)))

    @property
    def work_roles(self) -> frozenset[Role]:
        """Roles that take part in the workflow: they may document and read its cases."""
        return frozenset().union(*(t.roles for t in self.transitions))

    @property
    def read_roles(self) -> frozenset[Role]:
        """Roles that may read the whole case (record, investigation, attachments, IVO, messages):
        those who work on it and the declared `readers`. A reporter outside them sees only her own
        report's status, outcome and åtgärder."""
        return self.work_roles | self.readers

    def deadlines_starting(self, *, state: str = "", flag: str = "") -> list[Deadline]:
        """The deadlines that start when a case enters `state` or gets `flag` set."""
        return [d for d in self.deadlines if (state and d.from_state == state) or (flag and d.from_flag == flag)]

    def deadlines_ending(self, *, state: str = "", flag: str = "", final: bool = False) -> list[str]:
        """Codes of the deadlines met when a case enters `state`, gets `flag` set, or is closed."""
        return [
            d.code
            for d in self.deadlines
            if final or (state and d.until_state == state) or (flag and d.until_flag == flag)
        ]

    def closing_outcome(self, state: str, current: str = "") -> str:
        """The outcome a case closed into `state` records: its own, else the state's, else the default."""
        if not self.states[state].final:
            return current
        return current or self.states[state].outcome or self.default_outcome

    def final_state_for(self, outcome: str) -> str:
        """The final state a closed case with `outcome` is in (imports and generated data)."""
        finals = [s for s in self.states.values() if s.final]
        for state in finals:
            if outcome and state.outcome == outcome:
                return state.code
        return next(s.code for s in finals if not s.outcome)


def _roles(value: str | list[str], groups: dict[str, list[str]], where: str) -> frozenset[Role]:
    names = groups.get(value) if isinstance(value, str) else value
    if names is None:
        raise WorkflowError(f"{where}: unknown role group {value!r}")
    try:
        return frozenset(Role(name) for name in names)
    except ValueError as exc:
        raise WorkflowError(f"{where}: {exc}") from None


def _build(key: str, raw: dict[str, Any], base: dict[str, Any], groups: dict[str, list[str]], app: str) -> Workflow:
    try:
        states = {
            code: State(code=code, label=s["label"], final=s.get("final", False), outcome=s.get("outcome", ""))
            for code, s in base["states"].items()
        }
        transitions = tuple(
            Transition(
                code=t["code"],
                label=t["label"],
                sources=tuple(t["from"]),
                target=t["to"],
                roles=_roles(t["roles"], groups, f"{key}.{t['code']}"),
                required=tuple(t.get("required", ())),
                legal_reference=t.get("legal_reference", ""),
                hook=t.get("hook", ""),
                done=t.get("done", ""),
            )
            for t in base.get("transitions", ())
        )
        deadlines = tuple(Deadline(**d) for d in base.get("deadlines", ()))
        workflow = Workflow(
            key=key,
            label=raw["label"],
            help=raw["help"],
            legal_reference=raw["legal_reference"],
            initial=raw.get("initial", base.get("initial")),
            states=states,
            transitions=transitions,
            deadlines=deadlines,
            default_outcome=raw.get("default_outcome", base.get("default_outcome", "")),
            ivo_notification=raw.get("ivo_notification", base.get("ivo_notification", "")),
            readers=_roles(raw.get("readers", base.get("readers", [])), groups, f"{key}.readers"),
            app=app,
        )
    except (KeyError, TypeError) as exc:
        raise WorkflowError(f"{key}: missing or unknown setting {exc}") from None
    validate(workflow)
    return workflow


def validate(wf: Workflow) -> None:
    """Raise WorkflowError naming the first inconsistency of `wf`."""
    if wf.initial not in wf.states:
        raise WorkflowError(f"{wf.key}: initial state {wf.initial!r} is not declared")
    codes = [t.code for t in wf.transitions]
    if len(codes) != len(set(codes)):
        raise WorkflowError(f"{wf.key}: duplicate transition codes")
    for t in wf.transitions:
        for state in (*t.sources, t.target):
            if state not in wf.states:
                raise WorkflowError(f"{wf.key}.{t.code}: unknown state {state!r}")
        if any(wf.states[s].final for s in t.sources):
            raise WorkflowError(f"{wf.key}.{t.code}: a final state cannot be left")
        if not t.roles:
            raise WorkflowError(f"{wf.key}.{t.code}: no role may make this transition")
        if t.hook and "." not in t.hook:
            raise WorkflowError(f"{wf.key}.{t.code}: hook {t.hook!r} is not a dotted path")
    for code, state in wf.states.items():
        if state.outcome and not state.final:
            raise WorkflowError(f"{wf.key}: state {code!r} records an outcome but is not final")
    if not wf.final_states():
        raise WorkflowError(f"{wf.key}: no final state")
    if all(wf.states[s].outcome for s in wf.final_states()):
        raise WorkflowError(f"{wf.key}: one final state must record no outcome of its own")
    for d in wf.deadlines:
        if bool(d.from_state) == bool(d.from_flag) or bool(d.until_state) == bool(d.until_flag):
            raise WorkflowError(f"{wf.key} deadline {d.code}: give exactly one start and one end")
        for state in (d.from_state, d.until_state):
            if state and state not in wf.states:
                raise WorkflowError(f"{wf.key} deadline {d.code}: unknown state {state!r}")
        if d.days <= 0:
            raise WorkflowError(f"{wf.key} deadline {d.code}: days must be positive")
    reachable, frontier = {wf.initial}, [wf.initial]
    while frontier:
        for t in wf.transitions_from(frontier.pop()):
            if t.target not in reachable:
                reachable.add(t.target)
                frontier.append(t.target)
    if unreachable := set(wf.states) - reachable:
        raise WorkflowError(f"{wf.key}: unreachable states {sorted(unreachable)}")


def load(text: str, *, app: str = "") -> dict[str, Workflow]:
    """Parse and validate one declaration; raises WorkflowError with the place that is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise WorkflowError(f"{app or 'declaration'}: {exc}") from None
    groups: dict[str, list[str]] = data.get("roles", {})
    raw_workflows: dict[str, dict[str, Any]] = data.get("workflows", {})
    workflows = {}
    for key, raw in raw_workflows.items():
        if "same_as" in raw and raw["same_as"] not in raw_workflows:
            raise WorkflowError(f"{key}: same_as {raw['same_as']!r} is not declared in the same file")
        base = raw_workflows[raw["same_as"]] if "same_as" in raw else raw
        workflows[key] = _build(key, raw, base, groups, app)
    return workflows


def load_all(sources: Iterable[tuple[str, Path]]) -> dict[str, Workflow]:
    """Load every (app label, declaration file); a key declared by two apps is an error."""
    found: dict[str, Workflow] = {}
    for app, path in sources:
        for key, wf in load(path.read_text(encoding="utf-8"), app=app).items():
            if key in found:
                raise WorkflowError(f"{key}: declared by both {found[key].app} and {app}")
            found[key] = wf
    return found


def declaration_files() -> list[tuple[str, Path]]:
    """Each installed app's `workflows.toml`, in INSTALLED_APPS order."""
    return [
        (config.label, Path(config.path) / FILENAME)
        for config in apps.get_app_configs()
        if (Path(config.path) / FILENAME).is_file()
    ]


@cache
def workflows() -> dict[str, Workflow]:
    """All declared workflows of all installed apps, by key."""
    return load_all(declaration_files())


def workflow(key: str) -> Workflow:
    return workflows()[key]


def check_hooks(declared: dict[str, Workflow], resolve: Callable[[str], Any] = import_string) -> None:
    """Every named hook must import (run at start-up, after all apps are loaded)."""
    for wf in declared.values():
        for t in wf.transitions:
            if t.hook:
                try:
                    resolve(t.hook)
                except ImportError as exc:
                    raise WorkflowError(f"{wf.key}.{t.code}: hook {t.hook!r} cannot be imported: {exc}") from None
