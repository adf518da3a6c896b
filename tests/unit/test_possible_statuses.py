"""Where the record does not order events: every admissible order and instant, never the ids."""

from __future__ import annotations

import datetime as dt

from helpers import corpus, declaration, effect, treaty

import treatylogic as tl
from treatylogic.models import Rule, Stance

S = tl.Status


def same_day(first_id: str = "e1", second_id: str = "e2", grounds: bool = False) -> tl.Corpus:
    """A suspension and a resumption of one treaty on one day, by two notes."""
    second = effect(second_id, "resume", "t", **({"grounds": [first_id]} if grounds else {}))
    return corpus(treaty("t", "1920-01-01"),
                  declaration("n1", "1930-05-05", issuer="west",
                              effects=[effect(first_id, "suspend", "t")]),
                  declaration("n2", "1930-05-05", issuer="east", effects=[second]))


def test_unordered_same_day_effects_give_every_possible_status() -> None:
    """Suspend and resume on one day, unordered: suspended or in force; the trace names the order."""
    r = same_day().resolve("t", "plain", "1931")
    assert (S.UNDETERMINED, (S.IN_FORCE, S.SUSPENDED)) == (r.status, r.possible)
    assert "it turns on the order of e1 and e2" in r.trace[-1].reason


def test_ids_never_decide() -> None:
    """Renaming the effects so that their ids sort the other way changes nothing."""
    a = same_day("e1", "e2").resolve("t", "plain", "1931")
    b = same_day("z9", "a0").resolve("t", "plain", "1931")
    assert (a.status, a.possible) == (b.status, b.possible)


def test_grounds_order_the_acts() -> None:
    """A resumption that cites the suspension as its grounds comes after it: in force."""
    r = same_day(grounds=True).resolve("t", "plain", "1931")
    assert (S.IN_FORCE, (S.IN_FORCE,)) == (r.status, r.possible)


def test_undetermined_is_not_absorbing() -> None:
    """An uncertain suspension, then a certain termination: every branch is terminated."""
    c = corpus(treaty("t", "1920-01-01"),
               declaration("n1", "1930/1935", issuer="west", effects=[effect("e1", "suspend", "t")]),
               declaration("n2", "1940-01-01", issuer="west",
                           effects=[effect("e2", "terminate", "t")]))
    assert S.UNDETERMINED == c.resolve("t", "plain", "1932").status
    r = c.resolve("t", "plain", "1941")
    assert (S.TERMINATED, (S.TERMINATED,)) == (r.status, r.possible)


def test_overlapping_windows_are_not_ordered_by_their_first_day() -> None:
    """Two acts with overlapping uncertain dates may have come in either order."""
    c = corpus(treaty("t", "1920-01-01"),
               declaration("n1", "1930/1934", issuer="west", effects=[effect("e1", "suspend", "t")]),
               declaration("n2", "1932/1936", issuer="west", effects=[effect("e2", "resume", "t")]))
    r = c.resolve("t", "plain", "1940")
    assert (S.UNDETERMINED, (S.IN_FORCE, S.SUSPENDED)) == (r.status, r.possible)


def test_an_undetermined_verdict_that_changes_nothing_settles() -> None:
    """A contested effect whose acceptance would change nothing leaves the status settled."""
    unsure = Rule(id="unsure", when={"kind": "resume"}, then="undetermined", reason="contested")
    c = corpus(treaty("t", "1920-01-01"),
               declaration("n", "1930-01-01", issuer="west", effects=[effect("e", "resume", "t")]),
               stances=(Stance(id="unsure", actor="west", name="unsure", rules=[unsure]),))
    assert S.IN_FORCE == c.resolve("t", "unsure", "1940").status


def test_dates_that_order_mutual_acts_are_no_cycle() -> None:
    """A voids B ex nunc in 1930 and B voids A in 1940: the dates order them, so there is no cycle."""
    c = corpus(declaration("a", "1930-01-01",
                           effects=[effect("a-b", "annul", "b", mode="ex_nunc")]),
               declaration("b", "1920-01-01",
                           effects=[effect("b-a", "annul", "a", date="1940-01-01",
                                           mode="ex_nunc")]))
    assert S.ANNULLED == c.resolve("b", "plain", "1935").status
    r = c.resolve("a", "plain", "1950")
    assert (S.IN_FORCE, tl.StepVerdict.INERT) == (r.status, r.trace[-1].verdict)


def test_mutual_annulments_ex_tunc_are_a_cycle_whatever_their_dates() -> None:
    """Annulments ex tunc reach back to each other's start: as of 1950, each void depends on the other."""
    c = corpus(declaration("a", "1930-01-01", effects=[effect("a-b", "annul", "b")]),
               declaration("b", "1920-01-01",
                           effects=[effect("b-a", "annul", "a", date="1940-01-01")]))
    assert S.ANNULLED == c.resolve("b", "plain", "1935").status
    r = c.resolve("a", "plain", "1950")
    assert (S.UNDETERMINED, (S.ANNULLED, S.IN_FORCE)) == (r.status, r.possible)
    assert "cycle of dependence: a -> b -> a" in r.trace[-1].reason


def test_a_rejected_side_breaks_a_cycle() -> None:
    """Two same-day annulments form a cycle, unless the stance rejects one of them."""
    reject = Rule(id="no-b", when={"effect": ["b-a"]}, then="reject", reason="b's act is void")
    c = corpus(declaration("a", "1930-01-01", effects=[effect("a-b", "annul", "b")]),
               declaration("b", "1930-01-01", effects=[effect("b-a", "annul", "a")]),
               stances=(Stance(id="s", actor="east", name="s", rules=[reject]),))
    r = c.resolve("a", "plain", "1930-01-01")
    assert (S.UNDETERMINED, tl.StepKind.CYCLE) == (r.status, r.trace[-1].kind)
    assert "a -> b -> a" in r.trace[-1].reason
    assert (S.IN_FORCE, S.ANNULLED) == (c.resolve("a", "s", "1940").status,
                                        c.resolve("b", "s", "1940").status)


def test_a_chain_of_any_length_resolves() -> None:
    """Resolution does not depend on the depth of the call stack: 3,000 supersessions in a chain."""
    first = dt.date(1900, 1, 1)
    links = [treaty("t0", first.isoformat())]
    for n in range(1, 3000):  # one a day
        day = (first + dt.timedelta(days=n)).isoformat()
        links.append(treaty(f"t{n}", day, effects=[effect(f"e{n}", "supersede", f"t{n - 1}")]))
    c = corpus(*links)
    assert S.SUPERSEDED == c.resolve("t0", "plain", "2024").status
    assert S.IN_FORCE == c.resolve("t2999", "plain", "2024").status


def test_too_many_open_events_are_named_not_probed() -> None:
    """Fourteen suspensions and resumptions on one day: the possible statuses are searched, and
    the trace names the open events instead of probing 2 x 14 + 2 x 91 searches for one."""
    notes = [declaration(f"n{k:02}", "1930-05-05", issuer="west" if k % 2 else "east",
                         effects=[effect(f"e{k:02}", "suspend" if k % 2 else "resume", "t")])
             for k in range(14)]
    r = corpus(treaty("t", "1920-01-01"), *notes).resolve("t", "plain", "1931")
    assert (S.UNDETERMINED, (S.IN_FORCE, S.SUSPENDED)) == (r.status, r.possible)
    assert ("it turns on the occurrence and order of 14 events the record leaves open "
            "(e00, e01, e02, e03, e04, ...)") in r.trace[-1].reason
