"""Typed access to the event workflows declared in `workflows.toml`.

The declaration is validated when loaded, so a broken edit fails at start-up (and in the tests),
not in the middle of a case.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from tillit.core.roles import Role

DECLARATION = Path(__file__).with_name("workflows.toml")


class WorkflowError(ValueError):
    """The declaration is inconsistent."""


@dataclass(frozen=True)
class State:
    code: str
    label: str
    final: bool = False


@dataclass(frozen=True)
class Transition:
    code: str
    label: str
    sources: tuple[str, ...]
    target: str
    roles: frozenset[Role]
    required: tuple[str, ...] = ()
    legal_reference: str = ""


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
    kind: str
    label: str
    help: str
    legal_reference: str
    initial: str
    states: dict[str, State]
    transitions: tuple[Transition, ...]
    deadlines: tuple[Deadline, ...] = field(default_factory=tuple)

    def transitions_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.sources]

    def transition(self, code: str) -> Transition:
        for t in self.transitions:
            if t.code == code:
                return t
        raise KeyError(f"{self.kind}: no transition {code!r}")

    def final_states(self) -> frozenset[str]:
        return frozenset(code for code, state in self.states.items() if state.final)


def _roles(value: str | list[str], groups: dict[str, list[str]], where: str) -> frozenset[Role]:
    names = groups.get(value) if isinstance(value, str) else value
    if names is None:
        raise WorkflowError(f"{where}: unknown role group {value!r}")
    try:
        return frozenset(Role(name) for name in names)
    except ValueError as exc:
        raise WorkflowError(f"{where}: {exc}") from None


def _build(kind: str, raw: dict[str, Any], base: dict[str, Any], groups: dict[str, list[str]]) -> Workflow:
    states = {
        code: State(code=code, label=s["label"], final=s.get("final", False)) for code, s in base["states"].items()
    }
    transitions = tuple(
        Transition(
            code=t["code"],
            label=t["label"],
            sources=tuple(t["from"]),
            target=t["to"],
            roles=_roles(t["roles"], groups, f"{kind}.{t['code']}"),
            required=tuple(t.get("required", ())),
            legal_reference=t.get("legal_reference", ""),
        )
        for t in base.get("transitions", ())
    )
    deadlines = tuple(Deadline(**d) for d in base.get("deadlines", ()))
    workflow = Workflow(
        kind=kind,
        label=raw["label"],
        help=raw["help"],
        legal_reference=raw["legal_reference"],
        initial=raw["initial"],
        states=states,
        transitions=transitions,
        deadlines=deadlines,
    )
    _validate(workflow)
    return workflow


def _validate(wf: Workflow) -> None:
    if wf.initial not in wf.states:
        raise WorkflowError(f"{wf.kind}: initial state {wf.initial!r} is not declared")
    codes = [t.code for t in wf.transitions]
    if len(codes) != len(set(codes)):
        raise WorkflowError(f"{wf.kind}: duplicate transition codes")
    for t in wf.transitions:
        for state in (*t.sources, t.target):
            if state not in wf.states:
                raise WorkflowError(f"{wf.kind}.{t.code}: unknown state {state!r}")
        if any(wf.states[s].final for s in t.sources):
            raise WorkflowError(f"{wf.kind}.{t.code}: a final state cannot be left")
        if not t.roles:
            raise WorkflowError(f"{wf.kind}.{t.code}: no role may make this transition")
    for d in wf.deadlines:
        if bool(d.from_state) == bool(d.from_flag) or bool(d.until_state) == bool(d.until_flag):
            raise WorkflowError(f"{wf.kind} deadline {d.code}: give exactly one start and one end")
        for state in (d.from_state, d.until_state):
            if state and state not in wf.states:
                raise WorkflowError(f"{wf.kind} deadline {d.code}: unknown state {state!r}")
        if d.days <= 0:
            raise WorkflowError(f"{wf.kind} deadline {d.code}: days must be positive")
    reachable, frontier = {wf.initial}, [wf.initial]
    while frontier:
        for t in wf.transitions_from(frontier.pop()):
            if t.target not in reachable:
                reachable.add(t.target)
                frontier.append(t.target)
    if unreachable := set(wf.states) - reachable:
        raise WorkflowError(f"{wf.kind}: unreachable states {sorted(unreachable)}")


def load(text: str) -> dict[str, Workflow]:
    """Parse and validate a declaration; raises WorkflowError with the place that is wrong."""
    data = tomllib.loads(text)
    groups: dict[str, list[str]] = data.get("roles", {})
    raw_workflows: dict[str, dict[str, Any]] = data["workflows"]
    workflows = {}
    for kind, raw in raw_workflows.items():
        base = raw_workflows[raw["same_as"]] if "same_as" in raw else raw
        workflows[kind] = _build(kind, raw, base, groups)
    return workflows


@cache
def workflows() -> dict[str, Workflow]:
    return load(DECLARATION.read_text(encoding="utf-8"))


def workflow(kind: str) -> Workflow:
    return workflows()[kind]
