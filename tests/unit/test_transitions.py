"""Every effect kind and every transition of the status table, through real resolution."""

from __future__ import annotations

import pytest
from helpers import corpus, declaration, effect, treaty

import treatylogic as tl
from treatylogic.status import TRANSITIONS, Status, transition

S, E = tl.Status, tl.EffectKind

# How to bring a fresh treaty into each starting status with accepted effects.
SETUP: dict[Status, list[str]] = {
    S.IN_FORCE: [],
    S.SUSPENDED: ["suspend"],
    S.RENOUNCED: ["renounce"],
    S.SUPERSEDED: ["supersede"],
    S.TERMINATED: ["terminate"],
    S.ANNULLED: ["annul"],
    S.NOT_IN_TEXT: ["deny"],
}


def run(kinds: list[str]) -> tl.Resolution:
    """Apply effects of these kinds to treaty 't', one a year from 1950, and resolve in 2000."""
    acts = [declaration(f"act{n}", f"{1950 + n}-01-01", issuer="west",
                        effects=[effect(f"e{n}", kind, "t")]) for n, kind in enumerate(kinds)]
    return corpus(treaty("t", "1940-01-01"), *acts).resolve("t", "plain", "2000")


@pytest.mark.parametrize("start", list(SETUP))
@pytest.mark.parametrize("kind", list(E))
def test_each_kind_from_each_status_follows_the_table(start: Status, kind: tl.EffectKind) -> None:
    """An accepted effect of each kind moves each status exactly as TRANSITIONS says."""
    before = run(SETUP[start])
    assert start == before.status
    after = run([*SETUP[start], kind.value])
    assert transition(start, kind) == after.status
    assert after.status == after.trace[-1].status


def test_table_names_only_known_statuses_and_kinds() -> None:
    """The transition table is closed over the vocabulary, and never leaves undetermined."""
    for (status, kind), new in TRANSITIONS.items():
        assert isinstance(status, Status) and isinstance(kind, tl.EffectKind)
        assert isinstance(new, Status)
    assert all(status is not Status.UNDETERMINED for status, _ in TRANSITIONS)
    for kind in E:
        assert Status.UNDETERMINED == transition(Status.UNDETERMINED, kind)


def test_valid_is_true_exactly_for_in_force_and_suspended() -> None:
    """`valid` is true for in_force and suspended only."""
    assert {"in_force", "suspended"} == {s.value for s in S if s in tl.status.VALID}
    assert True is run([]).valid
    assert True is run(["suspend"]).valid
    assert False is run(["terminate"]).valid


def test_suspend_then_resume_restores_force() -> None:
    """Suspension only pauses (VCLT art. 72)."""
    assert S.IN_FORCE == run(["suspend", "resume"]).status


def test_reaffirm_revives_a_renounced_instrument() -> None:
    """Reaffirming what was renounced puts it back in force."""
    assert S.IN_FORCE == run(["renounce", "reaffirm"]).status


def test_status_vocabulary_is_exact() -> None:
    """The status strings are the documented ones."""
    expected = ["pending", "in_force", "suspended", "renounced", "superseded", "terminated",
                "annulled", "undetermined", "not_in_text"]
    assert expected == [s.value for s in S]
