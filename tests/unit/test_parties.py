"""Consent and status per party, and who may act (VCLT arts. 11-25, 34, 54-56, 70)."""

from __future__ import annotations

from helpers import corpus, declaration, effect

import treatylogic as tl
from treatylogic.models import Actor, Instrument, Rule, Stance

S = tl.Status

STATES = (
    Actor(id="a", name="A", kind="state"),
    Actor(id="b", name="B", kind="state"),
    Actor(id="c", name="C", kind="state"),
    Actor(id="d", name="D", kind="state"),
    Actor(id="old", name="Old federation", kind="state"),
    Actor(id="heir-1", name="First successor", kind="state", continues=["old"]),
    Actor(id="heir-2", name="Second successor", kind="state", continues=["old"]),
)
PLAIN = Stance(id="plain", actor="a", name="accepts every effect")


def rules(*instruments: Instrument, stances: tuple[Stance, ...] = ()) -> tl.Corpus:
    return tl.Corpus(STATES, instruments, (), (PLAIN, *stances))


def convention(id: str = "conv", date: str = "1960-01-01", parties=("a", "b", "c"),
               **extra) -> Instrument:
    return Instrument(id=id, title=f"Convention {id}", kind="convention", form="multilateral",
                      parties=list(parties), date=date, **extra)


def note(id: str, issuer: str, date: str, *effects: dict) -> Instrument:
    return Instrument(id=id, title=f"Note {id}", kind="note", form="unilateral", issuer=issuer,
                      date=date, effects=list(effects))


def test_a_treaty_binds_no_third_state() -> None:
    """A three-power agreement is in force among its parties and binds nobody else (art. 34)."""
    c = rules(convention(parties=("a", "b", "c")))
    assert S.IN_FORCE == c.resolve("conv", "plain", "1970").status
    assert S.IN_FORCE == c.resolve("conv", "plain", "1970", party="b").status
    r = c.resolve("conv", "plain", "1970", party="d")
    assert (S.NOT_PARTY, False) == (r.status, r.valid)
    assert "VCLT art. 34" in r.trace[0].reason


def test_a_late_ratification_binds_from_its_own_date() -> None:
    """A state that signs, then ratifies late, is signed, then pending, then bound from its own date (art. 24(3))."""
    late = {"actor": "c", "signed": "1960-01-01", "consent": "1965-03-01",
            "in_force": "1965-04-01", "consent_by": "ratification"}
    c = rules(convention(parties=("a", "b", late), in_force="1961-01-01"))
    assert [S.PENDING, S.SIGNED, S.SIGNED, S.PENDING, S.IN_FORCE] == [
        c.resolve("conv", "plain", day, party="c").status
        for day in ("1959", "1960-06-01", "1965-02-28", "1965-03-15", "1965-04-01")]
    assert S.IN_FORCE == c.resolve("conv", "plain", "1962", party="a").status


def test_signature_alone_is_not_valid() -> None:
    """A signatory that never consents to be bound is `signed` for ever, which is not valid (art. 18)."""
    c = rules(convention(parties=("a", "b", {"actor": "c", "signed": "1960-01-01"})))
    r = c.resolve("conv", "plain", "2000", party="c")
    assert (S.SIGNED, False) == (r.status, r.valid)


def test_provisional_application_binds_before_entry_into_force() -> None:
    """A party applying a treaty provisionally is in force from that day (art. 25)."""
    provisional = {"actor": "c", "consent": "1960-01-01", "provisional": "1960-02-01"}
    c = rules(convention(parties=("a", "b", provisional), in_force="1962-01-01"))
    assert S.PENDING == c.resolve("conv", "plain", "1960-01-15", party="c").status
    assert S.IN_FORCE == c.resolve("conv", "plain", "1960-03-01", party="c").status
    assert S.PENDING == c.resolve("conv", "plain", "1960-03-01", party="a").status


def test_one_partys_withdrawal_leaves_the_others_bound() -> None:
    """One party's withdrawal from a convention leaves it in force among the others (arts. 55, 70(2))."""
    c = rules(convention(), note("c-leaves", "c", "1970-01-01",
                                 effect("c-withdraws", "withdraw", "conv")))
    assert S.WITHDRAWN == c.resolve("conv", "plain", "1980", party="c").status
    assert S.IN_FORCE == c.resolve("conv", "plain", "1980", party="a").status
    assert S.IN_FORCE == c.resolve("conv", "plain", "1980").status


def test_a_convention_ends_when_fewer_than_two_parties_remain() -> None:
    """Once only one party remains bound, the convention is terminated for it and as a whole."""
    c = rules(convention(parties=("a", "b", {"actor": "c", "withdrawn": "1975-01-01"})),
              note("b-leaves", "b", "1970-01-01", effect("b-withdraws", "withdraw", "conv")))
    assert S.IN_FORCE == c.resolve("conv", "plain", "1972").status
    assert (S.TERMINATED, S.WITHDRAWN, S.WITHDRAWN) == tuple(
        c.resolve("conv", "plain", "1980", party=p).status for p in ("a", "b", "c"))
    assert S.TERMINATED == c.resolve("conv", "plain", "1980").status


def test_a_third_states_termination_is_inert() -> None:
    """A state that is no party cannot terminate a treaty between others; the trace says why."""
    c = rules(convention(parties=("a", "b")),
              note("d-ends-it", "d", "1970-01-01", effect("d-terminates", "terminate", "conv")))
    r = c.resolve("conv", "plain", "1980")
    assert (S.IN_FORCE, tl.StepVerdict.INERT) == (r.status, r.trace[-1].verdict)
    assert "no actor of it (d) is a party to conv" in r.trace[-1].reason


def test_a_stance_may_accept_a_third_partys_act_explicitly() -> None:
    """Only a rule written for non-parties (`actor_is_party: false`) gives a third party's act effect."""
    organ = Rule(id="organ", when={"actor": ["d"], "actor_is_party": False}, then="accept",
                 reason="this reading recognises D's organ as able to end the regime")
    broad = Rule(id="broad", when={"kind": "terminate"}, then="accept", reason="any termination")
    c = rules(convention(parties=("a", "b")),
              note("d-ends-it", "d", "1970-01-01", effect("d-terminates", "terminate", "conv")),
              stances=(Stance(id="organ", actor="a", name="organ", rules=[organ]),
                       Stance(id="broad", actor="a", name="broad", rules=[broad])))
    assert S.TERMINATED == c.resolve("conv", "organ", "1980").status
    assert S.IN_FORCE == c.resolve("conv", "broad", "1980").status


def test_a_successor_acts_for_its_predecessor() -> None:
    """A state that continues a party may act on the party's treaties and is bound by them."""
    c = rules(convention(parties=("old", "b")),
              note("heir-ends-it", "heir-1", "1995-01-01",
                   effect("heir-terminates", "terminate", "conv")))
    assert S.IN_FORCE == c.resolve("conv", "plain", "1990", party="heir-1").status
    assert S.TERMINATED == c.resolve("conv", "plain", "2000").status


def test_successors_of_one_predecessor_are_third_states_to_one_another() -> None:
    """Two successors of one state are not one actor: one's treaty cannot end the other's."""
    theirs = Instrument(id="heir2-b", title="Heir 2 and B", kind="treaty", form="bilateral",
                        parties=["heir-2", "b"], date="1995-01-01")
    ours = Instrument(id="heir1-b", title="Heir 1 and B", kind="treaty", form="bilateral",
                      parties=["heir-1", "c"], date="1996-01-01",
                      effects=[effect("replaces", "supersede", "heir2-b")])
    c = rules(theirs, ours)
    r = c.resolve("heir2-b", "plain", "2000")
    assert (S.IN_FORCE, tl.StepVerdict.INERT) == (r.status, r.trace[-1].verdict)
    assert S.NOT_PARTY == c.resolve("heir2-b", "plain", "2000", party="heir-1").status


def test_a_stance_may_hold_its_own_view_of_continuity() -> None:
    """Continuity may be disputed: a stance that holds D continues A lets D act for A."""
    contested = Stance(id="contested", actor="d", name="D continues A", continuity={"d": ["a"]})
    c = rules(convention(parties=("a", "b")),
              note("d-ends-it", "d", "1970-01-01", effect("d-terminates", "terminate", "conv")),
              stances=(contested,))
    assert S.TERMINATED == c.resolve("conv", "contested", "1980").status
    assert S.IN_FORCE == c.resolve("conv", "plain", "1980").status
    assert S.IN_FORCE == c.resolve("conv", "contested", "1960-06", party="d").status


def test_the_party_of_a_unilateral_act_is_its_author() -> None:
    """A unilateral declaration binds its author; anyone else is not a party to it."""
    c = corpus(declaration("decl", "1919-07-25", issuer="east"))
    assert S.IN_FORCE == c.resolve("decl", "plain", "1930", party="east").status
    assert S.NOT_PARTY == c.resolve("decl", "plain", "1930", party="west").status


def test_table_per_party_agrees_with_resolve() -> None:
    """The bulk table for one party gives the same statuses as point queries for that party."""
    c = rules(convention(), note("c-leaves", "c", "1970-01-01",
                                 effect("c-withdraws", "withdraw", "conv")))
    for party in ("a", "c", "d"):
        table = c.table("1980", party=party)
        assert {k: c.resolve(k[0], k[1], "1980", party=party).status for k in table} == table


def test_many_parties_leaving_on_one_day_are_counted_not_ordered() -> None:
    """39 of 40 parties leave on one day: the last is left alone (terminated), exactly, not 'anything'.

    Their withdrawals are unordered among themselves; only how many have left matters
    (art. 55), so the answer is the fold of a count, not a search of 2 ** 39 orders.
    """
    many = tuple(f"s{i:02}" for i in range(40))
    states = STATES + tuple(Actor(id=s, name=s.upper(), kind="state") for s in many)
    parties = [{"actor": s, "withdrawn": "1985-05-08"} for s in many[1:]] + [many[0]]
    leaving_in_may = [{"actor": s, "withdrawn": "1985-05"} for s in many[1:]] + [many[0]]
    c = tl.Corpus(states, (convention(parties=parties),
                           convention("conv-may", parties=leaving_in_may)), (), (PLAIN,))
    assert (S.IN_FORCE, S.TERMINATED, S.WITHDRAWN) == (
        c.resolve("conv", "plain", "1985-05-07", party="s00").status,
        c.resolve("conv", "plain", "1985-05-08", party="s00").status,
        c.resolve("conv", "plain", "1985-05-08", party="s07").status)
    assert S.TERMINATED == c.resolve("conv", "plain", "1990").status
    inside = c.resolve("conv-may", "plain", "1985-05-15", party="s00")
    assert (S.UNDETERMINED, {S.IN_FORCE, S.TERMINATED}) == (inside.status, set(inside.possible))
    assert S.TERMINATED == c.resolve("conv-may", "plain", "1985-06-01", party="s00").status
