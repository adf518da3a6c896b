"""Every effect kind and every transition of the status table, through real resolution."""

from __future__ import annotations

import pytest
from helpers import corpus, declaration, effect, treaty

import treatylogic as tl
from treatylogic.status import TRANSITIONS, Lifecycle, Status, transition

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
    S.WITHDRAWN: ["withdraw"],
}


def run(kinds: list[str], party: str | None = "west") -> tl.Resolution:
    """Apply effects of these kinds to treaty 't', one a year from 1950, and resolve in 2000.

    Each act is West's, a party. The status asked is West's own (a withdrawal is a
    party's); annulments are ex nunc here, so that each acts in its year (an
    annulment ex tunc reaches back to the treaty's start: see the test below).
    """
    acts = [declaration(f"act{n}", f"{1950 + n}-01-01", issuer="west",
                        effects=[effect(f"e{n}", kind, "t",
                                        **({"mode": "ex_nunc"} if kind == "annul" else {}))])
            for n, kind in enumerate(kinds)]
    return corpus(treaty("t", "1940-01-01"), *acts).resolve("t", "plain", "2000", party=party)


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
        assert isinstance(status, Status) and isinstance(kind, tl.EffectKind | Lifecycle)
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
    expected = ["pending", "signed", "not_party", "in_force", "suspended", "renounced",
                "superseded", "terminated", "withdrawn", "expired", "annulled", "undetermined",
                "not_in_text"]
    assert expected == [s.value for s in S]


def test_annulment_ex_tunc_reaches_back_before_later_acts() -> None:
    """An annulment ex tunc operates from the target's start, so a denial made before it is moot."""
    c = corpus(treaty("t", "1940-01-01"),
               declaration("act0", "1950-01-01", issuer="west",
                           effects=[effect("e0", "deny", "t")]),
               declaration("act1", "1951-01-01", issuer="west",
                           effects=[effect("e1", "annul", "t")]))
    assert S.NOT_IN_TEXT == c.resolve("t", "plain", "1950-06-01").status
    assert S.ANNULLED == c.resolve("t", "plain", "2000").status


def test_withdrawal_ends_a_bilateral_treaty_for_both() -> None:
    """One party's withdrawal from a bilateral treaty leaves no two parties: it is terminated (VCLT art. 54)."""
    assert S.WITHDRAWN == run(["withdraw"], party="west").status
    assert S.TERMINATED == run(["withdraw"], party="east").status
    assert S.TERMINATED == run(["withdraw"], party=None).status
