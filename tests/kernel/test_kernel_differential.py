"""The status-only kernel against the resolver and against clingo (issue 14).

The kernel (:mod:`treatylogic.kernel`) computes the table's statuses its own way: every
stance of a (target, day) in one pass, each rule's test once per effect, its own fold
for events the dates order. The resolver is the reference; clingo states the semantics
a second time, written from docs/semantics.md. Compared here:

- the table, cell for cell, and the *possible statuses* of every (target, day) the
  kernel evaluated (sources on the days they acted included), with the resolver's, on
  corpora drawn with every feature of ``tests/strategies.py`` (parties, terms and
  notice, withdrawals, clauses, uncertain and shared dates, stances' own views) at
  several days, with and without ``as_of``, and with a ``party``;
- the possible statuses with clingo's on the oracle's corpora (``as_of`` = the day);
- the bundled rule base at every critical day; cycles and a chain deeper than
  ``kernel.DEPTH``, which the kernel hands to the resolver (counted).

Examples per test: ``TREATYLOGIC_KERNEL_EXAMPLES`` (default 200; clingo a fifth); CI draws the
same corpora every run, ``TREATYLOGIC_KERNEL_EXPLORE=1`` draws new ones.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import treatylogic as tl
from oracle.oracle_strategies import Drawn as OracleDrawn
from oracle.oracle_strategies import oracle_corpora
from strategies import Drawn, corpora, corpus_days
from treatylogic import doctrine, kernel, resolution
from treatylogic.asp import solve
from treatylogic.models import Actor, Effect, Instrument, Stance

EXAMPLES = int(os.environ.get("TREATYLOGIC_KERNEL_EXAMPLES", "200"))
EXPLORE = os.environ.get("TREATYLOGIC_KERNEL_EXPLORE") == "1"
DRAWN = settings(max_examples=EXAMPLES, deadline=None, derandomize=not EXPLORE,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CLINGO = settings(DRAWN, max_examples=max(1, EXAMPLES // 5))

Possible = dict[tuple[str, str, dt.date], frozenset[tl.Status]]


def _fresh(corpus: tl.Corpus) -> None:
    """Forget every memo, so that neither side reads what the other resolved."""
    for memo in ("_resolvers", "_compiled_rules", "_rules_by_kind", "_verdict_groups",
                 "_shared_verdicts", "_shared_plans", "_decisions"):
        corpus.__dict__.pop(memo, None)


def kernel_possible(corpus: tl.Corpus, day: dt.date, as_of: dt.date | None = None
                    ) -> tuple[kernel.KernelTable, Possible]:
    """The kernel's table at ``day``, and the possible statuses of every (target, day) it
    evaluated on the way (the table's own, and its sources' on the days they acted)."""
    _fresh(corpus)
    stances = [corpus.stances[s] for s in sorted(corpus.stances)]
    run = kernel._Kernel(corpus, stances, as_of or day)
    found: Possible = {}
    evaluate = run.row

    def noted(ref: str, when: dt.date) -> Any:  # every row asked, memoised or not
        row = evaluate(ref, when)
        for k, stance in enumerate(stances):
            found[ref, stance.id, when] = row if isinstance(row, frozenset) else row[k]
        return row

    run.row = noted  # type: ignore[method-assign]
    for target in corpus.targets():
        run.row(target, day)
    return kernel.table(corpus, day, as_of=as_of), found


def resolver_possible(corpus: tl.Corpus, keys: list[tuple[str, str, dt.date]],
                      as_of: dt.date) -> Possible:
    """The resolver's possible statuses of the same keys (the record read as of ``as_of``,
    as the table reads it for every source), resolved from nothing."""
    _fresh(corpus)
    return {(ref, stance, when): resolution.resolver_of(corpus, corpus.stances[stance]).outcome(
        (ref, when, as_of, None)).possible for ref, stance, when in keys}


def reference_table(corpus: tl.Corpus, day: dt.date, as_of: dt.date | None = None,
                    party: str | None = None) -> dict[tuple[str, str], tl.Status]:
    """The table cell by cell through the resolver, from nothing."""
    _fresh(corpus)
    return resolution.resolver_table(corpus, day, party=party, as_of=as_of)


@DRAWN
@given(drawn=corpora(max_instruments=7, max_stances=3), data=st.data())
def test_the_kernel_gives_the_resolvers_table_and_possible_statuses(drawn: Drawn,
                                                                     data: st.DataObject) -> None:
    """On drawn corpora, at several days (some with a later ``as_of``): every cell and every
    possible set the kernel evaluated equal the resolver's."""
    corpus = drawn.corpus
    days = data.draw(st.lists(corpus_days(corpus), min_size=1, max_size=4, unique=True))
    for day in days:
        as_of = data.draw(st.none() | st.just(day + dt.timedelta(days=9000)) |
                          st.sampled_from([day, day - dt.timedelta(days=200)]))
        table, possible = kernel_possible(corpus, day, as_of)
        expected_table = reference_table(corpus, day, as_of)
        # the same cells in the same order (stance by stance, targets sorted, whatever the
        # index's order), and every possible set the kernel evaluated
        assert (list(expected_table.items()),
                resolver_possible(corpus, list(possible), as_of or day)) == \
            (list(table.as_dict().items()), possible)


@DRAWN
@given(drawn=corpora(max_instruments=5, max_stances=3))
def test_the_judge_gives_each_stance_the_verdict_doctrine_decides(drawn: Drawn) -> None:
    """Every stance's verdict on every effect, from one walk of the kernel's decision tree,
    is the one ``doctrine.decide`` gives the resolver: accepted, rejected (or inert), or
    undetermined, standing and rules for third states included."""
    corpus = drawn.corpus
    stances = tuple(corpus.stances[s] for s in sorted(corpus.stances))
    # the tree, and the flat lookup a kind with many questions gets
    judges = {"tree": kernel._Judge(corpus, stances),
              "flat": kernel._Judge(corpus, stances, tree_questions=0)}
    expected, found = [], []
    for ref in corpus.targets():
        for record in corpus.target_record(ref).effects:
            if record.by is not None:
                continue  # a clause's act also needs the clause in the text a stance holds
            for way, judge in judges.items():
                acts = judge.verdicts(record)
                for k, stance in enumerate(stances):
                    act = acts[k] if isinstance(acts, tuple) else acts
                    verdict = doctrine.decide(corpus, stance, record).verdict
                    expected.append((way, ref, record.id, stance.id, verdict.value))
                    found.append((way, ref, record.id, stance.id, "reject" if act is None
                                  else "accept" if act.sure else "undetermined"))
    assert expected == found


@DRAWN
@given(drawn=corpora(max_instruments=5, max_stances=2), data=st.data())
def test_a_party_table_is_the_resolvers(drawn: Drawn, data: st.DataObject) -> None:
    """With ``party``, ``Corpus.table`` gives the resolver's cells (the kernel hands them all
    over, and counts them)."""
    corpus = drawn.corpus
    day = data.draw(corpus_days(corpus))
    party = data.draw(st.sampled_from(sorted(corpus.actors)))
    expected = reference_table(corpus, day, party=party)
    _fresh(corpus)
    table = kernel.table(corpus, day, party=party)
    # the same cells in the same order (stance by stance, targets sorted), all handed over
    assert (list(expected.items()), table.cells) == \
        (list(corpus.table(day, party=party).items()), table.delegated)


@CLINGO
@given(drawn=oracle_corpora(), data=st.data())
def test_the_kernel_gives_clingos_possible_statuses(drawn: OracleDrawn,
                                                    data: st.DataObject) -> None:
    """On the oracle's corpora, at a few days: the possible statuses of every target and
    stance (no party, ``as_of`` the day) are clingo's."""
    corpus = drawn.corpus
    days = data.draw(st.lists(corpus_days(corpus), min_size=1, max_size=3, unique=True))
    queries = [(t, None, s, d) for t in corpus.targets() for s in sorted(corpus.stances)
               for d in days]
    oracle = solve(corpus, queries)
    found = {}
    for day in days:
        _, possible = kernel_possible(corpus, day)
        found.update({(t, None, s, d): p for (t, s, d), p in possible.items() if d == day})
    assert oracle == found


def _bundled_days(corpus: tl.Corpus) -> list[dt.date]:
    from strategies import critical_days

    return [*critical_days(corpus)[::3], dt.date(2024, 9, 2)]


def test_the_bundled_rule_base_at_its_critical_days() -> None:
    """The bundled rules: the kernel's table is the resolver's at every third critical day,
    and with the record read as of 2024."""
    corpus = tl.load()
    expected, found = {}, {}
    for day in _bundled_days(corpus):
        for as_of in (None, dt.date(2024, 9, 2)):
            expected[day, as_of] = reference_table(corpus, day, as_of)
            _fresh(corpus)
            found[day, as_of] = corpus.table(day, as_of=as_of)
    assert expected == found


def _cycle_corpus() -> tl.Corpus:
    actors = [Actor(id="a", name="A", kind="state"), Actor(id="b", name="B", kind="state")]
    treaty = Instrument(id="t", title="T", kind="treaty", form="bilateral", parties=["a", "b"],
                        date="1950-01-01")
    one = Instrument(id="x", title="X", kind="declaration", form="unilateral", issuer="a",
                     date="1960-01-01", effects=(Effect(id="x-annuls-y", kind="annul",
                                                        target="y"),
                                                 Effect(id="x-renounces-t", kind="renounce",
                                                        target="t")))
    two = Instrument(id="y", title="Y", kind="declaration", form="unilateral", issuer="a",
                     date="1960-01-01", effects=(Effect(id="y-annuls-x", kind="annul",
                                                        target="x"),))
    return tl.Corpus(actors, [treaty, one, two], [], [tl.Stance(id="s", actor="b", name="S")])


def test_a_cycle_is_handed_to_the_resolver_and_counted() -> None:
    """x and y annul each other on the day both are made: on that day each is on a cycle
    (undetermined), handed to the resolver with its two cells; ten years on, the table asks
    the two on that day again (as the sources of its effects): two keys handed, no cell."""
    corpus = _cycle_corpus()
    found = {}
    for day in (dt.date(1960, 1, 1), dt.date(1970, 1, 1)):
        expected = reference_table(corpus, day)
        _fresh(corpus)
        table = kernel.table(corpus, day)
        assert expected == table.as_dict()
        found[day] = (table.status("x", "s"), table.delegated, table.delegated_keys)
    assert {dt.date(1960, 1, 1): (tl.Status.UNDETERMINED, 2, 2),
            dt.date(1970, 1, 1): (tl.Status.UNDETERMINED, 0, 2)} == found


def test_a_chain_deeper_than_the_kernels_depth_is_the_resolvers() -> None:
    """Each of a chain longer than kernel.DEPTH suspends the one before, while its own basis
    lasts: the first asks its successor on the query day, and so on; past DEPTH the sources
    are handed to the (iterative) resolver, and every cell is still the resolver's."""
    actors = [Actor(id="a", name="A", kind="state"), Actor(id="b", name="B", kind="state")]
    n = kernel.DEPTH + 50
    start = dt.date(1900, 1, 1)
    chain = [Instrument(id=f"c{k:04d}", title=f"C{k}", kind="treaty", form="bilateral",
                        parties=["a", "b"], date=(start + dt.timedelta(days=k)).isoformat(),
                        effects=(Effect(id=f"c{k:04d}-s", kind="suspend",
                                        target=f"c{k - 1:04d}"),) if k else ())
             for k in range(n)]
    corpus = tl.Corpus(actors, chain, [], [Stance(id="s", actor="a", name="S")])
    day = dt.date(2000, 1, 1)
    expected = reference_table(corpus, day)
    _fresh(corpus)
    table = kernel.table(corpus, day)
    assert (expected, True) == (table.as_dict(), table.delegated_keys > 0)


def test_the_table_is_in_sorted_order_whatever_the_order_of_declaration() -> None:
    """Declared out of order (the index keeps the declaration order, clauses after their
    instrument), the table still lists its targets sorted, stance by stance: as the
    resolver's, with and without a party."""
    actors = [Actor(id="a", name="A", kind="state"), Actor(id="b", name="B", kind="state")]
    declared = [Instrument(id=name, title=name, kind="treaty", form="bilateral",
                           parties=["a", "b"], date="1950-01-01",
                           provisions=[{"id": "p", "summary": "a clause"}])
                for name in ("zeta", "alpha", "mid")]
    ends = Instrument(id="b-ends-zeta", title="Ends", kind="declaration", form="unilateral",
                      issuer="b", date="1960-01-01",
                      effects=(Effect(id="e", kind="terminate", target="zeta"),))
    corpus = tl.Corpus(actors, [*declared, ends], [],
                       [Stance(id="s2", actor="b", name="S2"), Stance(id="s1", actor="a",
                                                                        name="S1")])
    assert list(corpus.target_records) != corpus.targets()  # the case this test is about
    day = dt.date(1970, 1, 1)
    for party in (None, "a"):
        expected = reference_table(corpus, day, party=party)
        _fresh(corpus)
        table = kernel.table(corpus, day, party=party)
        assert (tuple(corpus.targets()), list(expected.items())) == \
            (table.targets, list(table.as_dict().items()))
