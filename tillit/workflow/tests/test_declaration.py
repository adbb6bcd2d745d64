"""The loader and validator of workflow declarations, on a throwaway declaration."""

from pathlib import Path

import pytest

from tillit.core.roles import Role
from tillit.workflow.declaration import (
    WorkflowError,
    check_hooks,
    declaration_files,
    load,
    load_all,
    workflow,
    workflows,
)

DECLARATION = """
[roles]
handlers = ["enhetschef", "utredare"]

[workflows.granskning]
label = "Granskning"
help = "En throwaway-granskning."
legal_reference = "SOSFS 2011:9"
initial = "ny"
default_outcome = "granskad"
ivo_notification = "Anmälan enligt testlagen"

[workflows.granskning.states]
ny = { label = "Ny" }
pagar = { label = "Pågår" }
klar = { label = "Klar", final = true }
struken = { label = "Struken", final = true, outcome = "struken" }

[[workflows.granskning.transitions]]
code = "borja"
label = "Börja"
from = ["ny"]
to = "pagar"
roles = "handlers"
required = ["note"]

[[workflows.granskning.transitions]]
code = "avsluta"
label = "Avsluta"
from = ["pagar"]
to = "klar"
roles = ["utredare"]
hook = "tillit.workflow.tests.test_engine.hook"
done = "Klart: {follow_up}"

[[workflows.granskning.transitions]]
code = "stryk"
label = "Stryk"
from = ["ny", "pagar"]
to = "struken"
roles = "handlers"

[[workflows.granskning.deadlines]]
code = "paborjad"
label = "Påbörjas"
from_state = "ny"
until_state = "pagar"
days = 2
working_days = true
service_level = true
legal_reference = "Kommunens rutin"

[[workflows.granskning.deadlines]]
code = "skickad"
label = "Skickas"
from_flag = "severe"
until_flag = "sent"
days = 14
working_days = false
service_level = true
legal_reference = "Snarast"

[workflows.kopia]
label = "Kopia"
help = "Samma flöde."
legal_reference = "SOSFS 2011:9"
same_as = "granskning"
"""


def broken(replace: str, by: str) -> str:
    assert replace in DECLARATION
    return DECLARATION.replace(replace, by, 1)


def test_a_declaration_loads_with_its_facts():
    wfs = load(DECLARATION, app="test")
    wf = wfs["granskning"]
    assert wf.initial == "ny" and wf.app == "test" and wf.notifies_ivo
    assert wf.transition("borja").roles == {Role.ENHETSCHEF, Role.UTREDARE}
    assert wf.transition("borja").required == ("note",)
    assert wf.work_roles == {Role.ENHETSCHEF, Role.UTREDARE}
    assert wf.roles_from("pagar") == {Role.ENHETSCHEF, Role.UTREDARE}
    assert wf.final_states() == {"klar", "struken"}
    assert [d.code for d in wf.deadlines_starting(state="ny")] == ["paborjad"]
    assert [d.code for d in wf.deadlines_starting(flag="severe")] == ["skickad"]
    assert wf.deadlines_ending(flag="sent") == ["skickad"]
    assert wf.deadlines_ending(final=True) == ["paborjad", "skickad"]
    assert wf.transition("avsluta").done_message("X") == "Klart: X"
    assert wf.transition("stryk").done_message() == "Stryk: klart."


def test_same_as_shares_the_flow_and_its_facts():
    wfs = load(DECLARATION)
    assert wfs["kopia"].label == "Kopia" and wfs["kopia"].transitions == wfs["granskning"].transitions
    assert wfs["kopia"].default_outcome == "granskad" and wfs["kopia"].notifies_ivo


@pytest.mark.parametrize(
    ("state", "current", "expected"),
    [("klar", "", "granskad"), ("struken", "", "struken"), ("klar", "eget", "eget"), ("pagar", "", "")],
)
def test_closing_outcome(state, current, expected):
    assert load(DECLARATION)["granskning"].closing_outcome(state, current) == expected


def test_final_state_for_an_outcome():
    wf = load(DECLARATION)["granskning"]
    assert wf.final_state_for("struken") == "struken"
    assert wf.final_state_for("granskad") == "klar"
    assert wf.final_state_for("") == "klar"


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        ('to = "pagar"', 'to = "nowhere"', "unknown state"),
        ('roles = "handlers"', 'roles = "nobody"', "unknown role group"),
        ('handlers = ["enhetschef", "utredare"]', 'handlers = ["overlord"]', "is not a valid Role"),
        ('initial = "ny"', 'initial = "ingenstans"', "initial state"),
        ("days = 2", "days = 0", "days must be positive"),
        ('from = ["pagar"]', 'from = ["klar"]', "final state cannot be left"),
        ('pagar = { label = "Pågår" }', 'pagar = { label = "Pågår", outcome = "x" }', "not final"),
        (
            'klar = { label = "Klar", final = true }',
            'klar = { label = "Klar", final = true, outcome = "k" }',
            "one final",
        ),
        ('hook = "tillit.workflow.tests.test_engine.hook"', 'hook = "nodots"', "dotted path"),
        ('same_as = "granskning"', 'same_as = "saknas"', "same_as"),
        ('from_state = "ny"\n', "", "exactly one start"),
        ('label = "Granskning"\n', "", "missing or unknown setting"),
        ("[roles]", "[roles", "declaration"),
    ],
)
def test_validator_rejects_broken_declarations(replace, by, message):
    with pytest.raises(WorkflowError, match=message):
        load(broken(replace, by))


def test_unreachable_state_is_refused():
    with pytest.raises(WorkflowError, match="unreachable"):
        load(broken('struken = { label = "Struken"', 'lost = { label = "Borta" }\nstruken = { label = "Struken"'))


def test_two_apps_may_not_declare_the_same_key(tmp_path: Path):
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text(DECLARATION, encoding="utf-8")
    second.write_text(DECLARATION, encoding="utf-8")
    assert set(load_all([("a", first)])) == {"granskning", "kopia"}
    with pytest.raises(WorkflowError, match="declared by both a and b"):
        load_all([("a", first), ("b", second)])


def test_hooks_that_do_not_import_stop_start_up():
    wfs = load(broken("tillit.workflow.tests.test_engine.hook", "tillit.workflow.tests.no_such_module.hook"))
    with pytest.raises(WorkflowError, match="cannot be imported"):
        check_hooks(wfs)
    check_hooks(load(DECLARATION))  # the real one imports


def test_every_installed_app_declaration_is_found():
    """Events ship theirs beside their models; the engine finds it without being told."""
    assert ("events", Path(__file__).parents[2] / "events" / "workflows.toml") in declaration_files()
    assert workflow("lex_sarah").app == "events" and workflow("lex_sarah").notifies_ivo
    assert not workflow("avvikelse").notifies_ivo and workflow("avvikelse").default_outcome == "utredd"
    assert set(workflows()) >= {"avvikelse", "lex_sarah", "lex_maria", "klagomal", "synpunkt"}
