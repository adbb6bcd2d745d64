"""The declared workflows load, are consistent, and the validator catches broken declarations."""

from pathlib import Path

import pytest

from tillit.core.roles import Role
from tillit.workflow.declaration import WorkflowError, load, workflows

DECLARATION = Path(__file__).parents[1] / "workflows.toml"

KINDS = {"avvikelse", "lex_sarah", "lex_maria", "klagomal", "synpunkt"}


def test_all_five_kinds_are_declared():
    assert {key for key, wf in workflows().items() if wf.app == "events"} == KINDS


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_state_is_reachable_and_has_a_way_out_or_is_final(kind):
    wf = workflows()[kind]
    for code, state in wf.states.items():
        assert state.final or wf.transitions_from(code), f"{kind}.{code} is a dead end"


def test_lex_maria_is_made_by_mas_only():
    wf = workflows()["lex_maria"]
    assert all(t.roles == {Role.MAS} for t in wf.transitions)


def test_lex_sarah_can_be_converted_to_avvikelse_but_not_after_closing():
    wf = workflows()["lex_sarah"]
    convert = wf.transition("omvandla_till_avvikelse")
    assert "avslutad" not in convert.sources
    assert wf.states[convert.target].final


def test_deadlines_that_law_calls_snarast_are_service_levels():
    for wf in workflows().values():
        for deadline in wf.deadlines:
            assert deadline.service_level, f"{wf.kind}.{deadline.code} must be a configurable service level"
            assert deadline.legal_reference


def _broken(replace: str, by: str) -> str:
    text = DECLARATION.read_text(encoding="utf-8")
    assert replace in text
    return text.replace(replace, by, 1)


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        ('to = "mottagen"\nroles = "managers"', 'to = "nowhere"\nroles = "managers"', "unknown state"),
        ('roles = "managers"', 'roles = "no_such_group"', "unknown role group"),
        ('maria = ["mas"]', 'maria = ["overlord"]', "is not a valid Role"),
        ('initial = "rapporterad"', 'initial = "ingenstans"', "initial state"),
        ("days = 28", "days = 0", "days must be positive"),
    ],
)
def test_validator_rejects_broken_declarations(replace, by, message):
    with pytest.raises(WorkflowError, match=message):
        load(_broken(replace, by))
