"""The engine against clingo: the *sets* of possible statuses per (target, party, stance, day).

The oracle (``src/treatylogic/encoding.lp``, driven by ``treatylogic.asp``) is
written from docs/semantics.md, not from the resolver. What it states
differently from the resolver:

- **Worlds, not a fold.** The resolver folds the events of a target through the
  transition table over every admissible order and every open fact. The
  encoding states one admissible *world* per answer set: choice rules say which
  open dates have come (a start, a party's milestone, an event open on the day
  or on ``as_of``), which events that *may act* act, and the order of the acting
  events (a tournament with no 3-cycle that respects what the record orders).
  The possible statuses are clingo's brave consequences of ``result/2``, the
  settled ones its cautious consequences.
- **Sources are answered in rounds**, not by recursive calls: the solver says
  which sources a query's checks ask for (``ask/2``, lazily: source, then clause,
  then basis; a failed check asks no further), the solver finds the queries on a
  cycle of such questions on the whole graph (``on_cycle/1``), and each round's
  possible statuses are given to the next as facts.
- **Date arithmetic is data.** An effect's ``date``, ``acted`` and ``operative``
  days (the rule base's records), the operative day under a notice period (the
  target's own or each rule's, with tacit renewal) and an instrument's expiry
  are exported as day numbers; every decision on them is the solver's.

Readings of the document the encoding takes where it is not explicit (the
engine reads it the same way on every corpus drawn): the instrument's date has
come, for a party's base, from its earliest day; a party record with no
signature, consent or entry into force of its own consents on the instrument's
date; ``actor_is_target_author`` counts predecessors; a grounds
order the dates contradict, or one on a circle of citations, orders nothing;
a source is asked about on the last day its act may have taken effect (or
``as_of``, if earlier); two milestones passed are ordered by their earliest day.

Nothing is left out: the classes once excluded as known divergences of the
engine (an instrument listing an actor and one it continues; a plain party
inside an uncertain instrument date; a party's default entry into force where
neither date is later bound by bound) are answered as the document says, and
``oracle_divergences.CASES`` keeps the smallest corpus of each as a regression.

Examples per test: ``TREATYLOGIC_ORACLE_EXAMPLES`` (default 60).
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oracle_strategies import Drawn, oracle_corpora, query_days

import treatylogic as tl
from treatylogic.asp import settled, solve
from treatylogic.durations import parse_duration

DAY = dt.timedelta(days=1)
EXAMPLES = int(os.environ.get("TREATYLOGIC_ORACLE_EXAMPLES", "60"))
#: CI draws the same corpora every run (a regression gate); set TREATYLOGIC_ORACLE_EXPLORE=1
#: to draw new ones.
EXPLORE = os.environ.get("TREATYLOGIC_ORACLE_EXPLORE") == "1"
DRAWN = settings(max_examples=EXAMPLES, deadline=None, derandomize=not EXPLORE,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

Query = tuple[str, str | None, str, dt.date]


def critical_days(corpus: tl.Corpus) -> list[dt.date]:
    """Every first and last day of a date in the corpus (with terms' ends and notice
    periods' ends), and the day before each."""
    spans = []
    for inst in corpus.instruments.values():
        spans += [inst.date, inst.in_force, inst.ends]
        for party in inst.parties:
            spans += [party.signed, party.consent, party.in_force, party.provisional,
                      party.withdrawn]
    for record in corpus.effects.values():
        spans += [record.date, record.acted, record.operative]
    days = {d for span in spans if span is not None for d in (span.earliest, span.latest)}
    for inst in corpus.instruments.values():  # a term's end, and a year's notice after acts
        if inst.term is not None:
            days |= {inst.term.after(inst.start.earliest), inst.term.after(inst.start.latest)}
    for record in corpus.effects.values():
        target = corpus.instruments[record.target_instrument]
        for period in (target.notice, parse_duration("P12M")):
            if period is not None:
                days |= {period.after(record.acted.earliest), period.after(record.acted.latest)}
    days = {d for d in days if dt.date.min < d < dt.date.max}
    return sorted(days | {d - DAY for d in days})


def disagreements(corpus: tl.Corpus, queries: list[Query]) -> list[tuple[object, ...]]:
    """(target, party, stance, day, engine's possible, clingo's possible) where they differ."""
    oracle = solve(corpus, queries)
    found = []
    for target, party, stance, day in queries:
        engine = corpus.resolve(target, stance, day, party=party)
        if frozenset(engine.possible) != oracle[(target, party, stance, day)]:
            found.append((target, party, stance, day.isoformat(), engine.status.value,
                          sorted(s.value for s in engine.possible),
                          sorted(s.value for s in oracle[(target, party, stance, day)])))
    return found


def all_queries(corpus: tl.Corpus, days: list[dt.date]) -> list[Query]:
    """Every target, for no party and for each actor, under every stance, on every day."""
    return [(t, p, s, d) for t in corpus.targets() for p in [None, *sorted(corpus.actors)]
            for s in sorted(corpus.stances) for d in days]


@DRAWN
@given(drawn=oracle_corpora(), data=st.data())
def test_engine_and_clingo_give_the_same_possible_statuses(drawn: Drawn,
                                                           data: st.DataObject) -> None:
    """On drawn corpora, at critical days and a few others, the possible sets are equal."""
    corpus = drawn.corpus
    days = data.draw(st.lists(st.sampled_from(critical_days(corpus)), max_size=8, unique=True))
    days += data.draw(st.lists(query_days(), min_size=1, max_size=2))
    queries = all_queries(corpus, days)
    assert [] == disagreements(corpus, queries)


@settings(max_examples=max(1, EXAMPLES // 3), deadline=None, derandomize=not EXPLORE,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(drawn=oracle_corpora(), data=st.data())
def test_cautious_consequences_are_the_settled_status(drawn: Drawn, data: st.DataObject) -> None:
    """What every world agrees on is the engine's status when it is settled, else nothing."""
    corpus = drawn.corpus
    days = data.draw(st.lists(st.sampled_from(critical_days(corpus)), min_size=1, max_size=4,
                              unique=True))
    queries = all_queries(corpus, days)
    expected = {}
    for target, party, stance, day in queries:
        status = corpus.resolve(target, stance, day, party=party).status
        expected[(target, party, stance, day)] = \
            frozenset() if status is tl.Status.UNDETERMINED else frozenset({status})
    assert expected == settled(corpus, queries)


def test_each_former_divergence_is_answered_by_the_document() -> None:
    """Engine and clingo give each formerly excluded case the possible statuses the document gives."""
    from oracle_divergences import CASES

    expected, engine, oracle = {}, {}, {}
    for name, cases in CASES.items():
        for corpus, query, statuses in cases:
            target, party, stance, day = query
            expected[(name, query)] = frozenset(statuses)
            engine[(name, query)] = frozenset(corpus.resolve(target, stance, day,
                                                             party=party).possible)
            oracle[(name, query)] = solve(corpus, [query])[query]
    assert (expected, expected) == (engine, oracle)


def _bundled() -> tl.Corpus | None:
    try:
        return tl.load()
    except tl.RulesError:
        return None


@pytest.mark.skipif(_bundled() is None, reason="the bundled rule base does not load")
def test_engine_and_clingo_agree_on_the_bundled_rule_base() -> None:
    """On the bundled rule base, at every critical day: no party, and every actor on some days."""
    corpus = _bundled()
    assert corpus is not None
    days = [*critical_days(corpus), dt.date(2024, 9, 2)]
    queries = [(t, None, s, d) for t in corpus.targets() for s in sorted(corpus.stances)
               for d in days]
    queries += [(t, p, s, d) for t in corpus.targets() for p in sorted(corpus.actors)
                for s in sorted(corpus.stances) for d in days[::7]]
    assert [] == disagreements(corpus, queries)


def test_the_worked_example_of_notice_under_tacit_renewal() -> None:
    """docs/semantics.md: notice acted 1979-04-03 on a P30Y+P5Y treaty operates 1980-04-11."""
    from treatylogic.models import Actor, Effect, Instrument

    actors = [Actor(id="a", name="A", kind="state"), Actor(id="b", name="B", kind="state")]
    treaty = Instrument(id="t", title="T", kind="treaty", form="bilateral", parties=["a", "b"],
                        date="1950-04-11", term="P30Y", renewal="P5Y", notice="P1Y")
    note = Instrument(id="n", title="N", kind="note", form="unilateral", issuer="a",
                      date="1979-04-03",
                      effects=(Effect(id="w", kind="withdraw", target="t"),))
    corpus = tl.Corpus(actors, [treaty, note], [], [tl.Stance(id="s", actor="b", name="S")])
    queries: list[Query] = [("t", p, "s", d) for p in ("a", "b", None)
                            for d in (dt.date(1980, 4, 10), dt.date(1980, 4, 11))]
    expected = {q: frozenset({s}) for q, s in zip(queries, [
        tl.Status.IN_FORCE, tl.Status.WITHDRAWN, tl.Status.IN_FORCE, tl.Status.TERMINATED,
        tl.Status.IN_FORCE, tl.Status.TERMINATED], strict=True)}
    assert expected == solve(corpus, queries)
    assert expected == {(t, p, s, d): frozenset(corpus.resolve(t, s, d, party=p).possible)
                        for t, p, s, d in queries}


def test_a_rule_naming_an_instrument_decides_effects_on_its_provisions() -> None:
    """A stance rejecting annulments of t also rejects the annulment of t#p: both say in_force.

    The regression of the disagreement a fresh draw found on 2026-11-24 (the encoding
    matched a rule's ``target`` against the effect's exact reference only).
    """
    from treatylogic.models import Actor, Effect, Instrument, Match, Provision, Rule

    actors = [Actor(id="a", name="A", kind="state"), Actor(id="b", name="B", kind="state")]
    treaty = Instrument(id="t", title="T", kind="treaty", form="bilateral", parties=["a", "b"],
                        date="1950-01-01", provisions=(Provision(id="p", summary="clause"),))
    note = Instrument(id="n", title="N", kind="treaty", form="bilateral", parties=["a", "b"],
                      date="1960-01-01", effects=(Effect(id="x", kind="annul", target="t#p"),))
    keep = Rule(id="keep", when=Match(kind=["annul"], target=["t"]), then="reject",
                reason="the stance holds t valid")
    corpus = tl.Corpus(actors, [treaty, note], [],
                       [tl.Stance(id="s", actor="a", name="S", rules=[keep]),
                        tl.Stance(id="u", actor="b", name="U")])
    queries: list[Query] = [("t#p", None, s, dt.date(1961, 1, 1)) for s in ("s", "u")]
    expected = {queries[0]: frozenset({tl.Status.IN_FORCE}),
                queries[1]: frozenset({tl.Status.ANNULLED})}
    assert expected == solve(corpus, queries)
    assert expected == {(t, p, s, d): frozenset(corpus.resolve(t, s, d, party=p).possible)
                        for t, p, s, d in queries}


def test_a_rule_on_the_target_issuer_counts_its_line_both_ways() -> None:
    """A rule naming a1 for the target's issuer matches a target issued by a0, whom a1 continues.

    A regression: the encoding counted only the issuer's predecessors, the engine (as for
    ``actor``) those it continues and those that continue it.
    """
    from treatylogic.models import Actor, Effect, Instrument, Match, Rule

    actors = [Actor(id="a0", name="A0", kind="state"),
              Actor(id="a1", name="A1", kind="state", continues=("a0",))]
    made = Instrument(id="d", title="D", kind="declaration", form="unilateral", issuer="a0",
                      date="1950-01-01")
    ends = Instrument(id="n", title="N", kind="declaration", form="unilateral", issuer="a1",
                      date="1960-01-01", effects=(Effect(id="x", kind="terminate", target="d"),))
    keep = Rule(id="keep", when=Match(target_issuer=["a1"]), then="reject", reason="kept")
    corpus = tl.Corpus(actors, [made, ends], [],
                       [tl.Stance(id="s", actor="a0", name="S", rules=[keep]),
                        tl.Stance(id="u", actor="a0", name="U")])
    queries: list[Query] = [("d", None, s, dt.date(1961, 1, 1)) for s in ("s", "u")]
    expected = {queries[0]: frozenset({tl.Status.IN_FORCE}),
                queries[1]: frozenset({tl.Status.TERMINATED})}
    assert expected == solve(corpus, queries)
    assert expected == {(t, p, s, d): frozenset(corpus.resolve(t, s, d, party=p).possible)
                        for t, p, s, d in queries}


def test_a_circle_of_citations_orders_nothing_and_leaves_lex_specialis() -> None:
    """Two same-day acts of j that each cite j order nothing; on one target both orders stand.

    A regression of a fresh draw: the engine read mutual citations as an order both ways
    and folded the pair in display order (the ids decided), while the encoding let the
    circle switch off lex specialis. Now both: the circle orders nothing, so a suspension
    and a resumption of t on one day may come either way (in force or suspended), and a
    suspension of the whole u with a resumption of its clause u#p still follows lex
    specialis (the clause after the whole: in force).
    """
    from treatylogic.models import Actor, Effect, Instrument, Provision

    actors = [Actor(id="a", name="A", kind="state"), Actor(id="b", name="B", kind="state")]

    def treaty(ident: str) -> Instrument:
        return Instrument(id=ident, title=ident.upper(), kind="treaty", form="bilateral",
                          parties=["a", "b"], date="1950-01-01",
                          provisions=(Provision(id="p", summary="clause"),))

    acts = Instrument(id="j", title="J", kind="treaty", form="bilateral", parties=["a", "b"],
                      date="1960-01-01", effects=(
                          Effect(id="x", kind="suspend", target="t", grounds=["j"]),
                          Effect(id="y", kind="resume", target="t", grounds=["j"]),
                          Effect(id="w", kind="suspend", target="u", grounds=["j"]),
                          Effect(id="z", kind="resume", target="u#p", grounds=["j"])))
    corpus = tl.Corpus(actors, [treaty("t"), treaty("u"), acts], [],
                       [tl.Stance(id="s", actor="a", name="S")])
    day = dt.date(1961, 1, 1)
    queries: list[Query] = [(target, None, "s", day) for target in ("t", "u", "u#p")]
    expected = {queries[0]: frozenset({tl.Status.IN_FORCE, tl.Status.SUSPENDED}),
                queries[1]: frozenset({tl.Status.SUSPENDED}),
                queries[2]: frozenset({tl.Status.IN_FORCE})}
    assert expected == solve(corpus, queries)
    assert expected == {(t, p, s, d): frozenset(corpus.resolve(t, s, d, party=p).possible)
                        for t, p, s, d in queries}


def test_a_circle_of_three_citations_orders_nothing() -> None:
    """Three same-day acts, each citing the next one's source, in a circle: no order among them.

    A regression (left open by issue 12, found by the lead on 2026-11-24): the engine
    read citations pair by pair, so a circle of three gave each pair an order and the
    three orders a cycle: no course of events at all (an empty set of statuses), where
    the encoding's closure orders nothing. Now the engine computes the record's order as
    docs/semantics.md words it (a citation counts unless a chain of orders leads back):
    a suspension, a resumption and a suspension of t on one day may come in any order
    (in force or suspended); with the last of them on t's clause, lex specialis still
    puts the clause after the whole (suspended).
    """
    from treatylogic.models import Actor, Effect, Instrument, Provision

    actors = [Actor(id="a", name="A", kind="state"), Actor(id="b", name="B", kind="state")]
    treaty = Instrument(id="t", title="T", kind="treaty", form="bilateral", parties=["a", "b"],
                        date="1950-01-01", provisions=(Provision(id="p", summary="clause"),))

    def act(n: int, kind: str, cites: int, target: str = "t") -> Instrument:
        return Instrument(id=f"j{n}", title=f"J{n}", kind="treaty", form="bilateral",
                          parties=["a", "b"], date="1960-01-01",
                          effects=(Effect(id=f"x{n}", kind=kind, target=target,
                                          grounds=[f"j{cites}"]),))

    day = dt.date(1961, 1, 1)
    both = frozenset({tl.Status.IN_FORCE, tl.Status.SUSPENDED})
    for last, expected_whole, expected_clause in (
            ("t", both, both),
            ("t#p", frozenset({tl.Status.SUSPENDED}), frozenset({tl.Status.SUSPENDED}))):
        corpus = tl.Corpus(actors, [treaty, act(1, "suspend", 2), act(2, "resume", 3),
                                    act(3, "suspend", 1, last)], [],
                           [tl.Stance(id="s", actor="a", name="S")])
        queries: list[Query] = [("t", None, "s", day), ("t#p", None, "s", day)]
        expected = {queries[0]: expected_whole, queries[1]: expected_clause}
        assert expected == solve(corpus, queries)
        assert expected == {(t, p, s, d): frozenset(corpus.resolve(t, s, d, party=p).possible)
                            for t, p, s, d in queries}


def test_consent_after_provisional_application_leaves_it_applied() -> None:
    """A party applying a treaty provisionally that then ratifies stays in_force (VCLT art. 25).

    A regression of a fresh draw on 2026-11-24: the engine took the *last* step reached,
    so consent given after provisional application lowered the party to pending (and,
    with the instrument's date uncertain, the engine and the encoding split on it). The
    party's base is now the furthest step reached, in the engine, the encoding and the
    brute force alike; b, which only consented, is pending until entry into force.
    """
    from treatylogic.models import Actor, Instrument

    actors = [Actor(id="a", name="A", kind="state"), Actor(id="b", name="B", kind="state")]
    treaty = Instrument(id="t", title="T", kind="treaty", form="bilateral", date="1950-01-01",
                        in_force="1951-01-01",
                        parties=[{"actor": "a", "provisional": "1950-01-01",
                                  "consent": "1950-06-01"},
                                 {"actor": "b", "consent": "1950-03-01"}])
    corpus = tl.Corpus(actors, [treaty], [], [tl.Stance(id="s", actor="a", name="S")])
    queries: list[Query] = [("t", "a", "s", dt.date(1950, 3, 1)),
                            ("t", "a", "s", dt.date(1950, 7, 1)),
                            ("t", "b", "s", dt.date(1950, 7, 1))]
    expected = {queries[0]: frozenset({tl.Status.IN_FORCE}),
                queries[1]: frozenset({tl.Status.IN_FORCE}),
                queries[2]: frozenset({tl.Status.PENDING})}
    assert expected == solve(corpus, queries)
    assert expected == {(t, p, s, d): frozenset(corpus.resolve(t, s, d, party=p).possible)
                        for t, p, s, d in queries}
