"""The laws of resolution, checked on generated corpora (see tests/strategies.py)."""

from __future__ import annotations

import datetime as dt
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import treatylogic as tl
from strategies import DAY0, Drawn, corpora, query_days, rule_lists
from treatylogic.models import Effect, Instrument, Stance

#: examples per law; raise it for a longer run: TREATYLOGIC_PROPERTY_EXAMPLES=2000 pytest tests/property
EXAMPLES = int(os.environ.get("TREATYLOGIC_PROPERTY_EXAMPLES", "60"))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def table(corpus: tl.Corpus, day: dt.date, stances: list[str] | None = None) -> dict:
    """Every (target, stance) at one day: status and the whole trace."""
    return {(t, s): (r.status, r.trace)
            for s in (stances or sorted(corpus.stances))
            for t in corpus.targets()
            for r in [corpus.resolve(t, s, day)]}


@PROPERTY
@given(corpora(), query_days(), st.randoms(use_true_random=False))
def test_shuffling_declarations_changes_no_result(drawn: Drawn, day: dt.date, rnd) -> None:
    """Determinism and order independence: shuffled declarations give identical answers."""
    def shuffled(items):
        items = list(items)
        rnd.shuffle(items)
        return tuple(items)

    instruments = shuffled(i.model_copy(update={"effects": shuffled(i.effects)})
                           for i in drawn.instruments)
    other = drawn.rebuild(actors=shuffled(drawn.actors), instruments=instruments,
                          doctrines=shuffled(drawn.doctrines), stances=shuffled(drawn.stances))
    assert table(drawn.corpus, day) == table(other, day)


@PROPERTY
@given(corpora(), query_days(), st.data())
def test_no_effect_from_the_future(drawn: Drawn, day: dt.date, data: st.DataObject) -> None:
    """Adding any effect dated after the query day changes no result on that day."""
    later = day + dt.timedelta(days=data.draw(st.integers(1, 5000), label="days later"))
    target = data.draw(st.sampled_from(drawn.corpus.targets()), label="target")
    kind = data.draw(st.sampled_from(list(tl.EffectKind)), label="kind")
    actor = drawn.actors[0].id
    newcomer = Instrument(id="future", title="A later act", kind="statement", form="unilateral",
                          issuer=actor, date=later.isoformat(),
                          effects=[Effect(id="future-effect", kind=kind, target=target)])
    # an existing instrument may also gain a later effect of its own
    host = data.draw(st.sampled_from(drawn.instruments), label="host")
    others = [t for t in drawn.corpus.targets() if not t.startswith(host.id)]
    hosts = list(drawn.instruments)
    if others and host.date.earliest <= later:
        extra = Effect(id="future-effect-2", kind=kind, date=later.isoformat(),
                       target=data.draw(st.sampled_from(others), label="host target"))
        hosts = [i.model_copy(update={"effects": (*i.effects, extra)}) if i.id == host.id else i
                 for i in hosts]
    other = drawn.rebuild(instruments=(*hosts, newcomer))
    before = table(drawn.corpus, day)
    after = {k: v for k, v in table(other, day).items() if k[0] != "future"}
    assert before == after


@PROPERTY
@given(corpora(max_stances=3), query_days(), st.data())
def test_stance_isolation(drawn: Drawn, day: dt.date, data: st.DataObject) -> None:
    """Changing one stance's rules changes no other stance's results."""
    changed = data.draw(st.sampled_from(drawn.stances), label="changed stance")
    actors = [a.id for a in drawn.actors]
    instruments = [i.id for i in drawn.instruments]
    new_rules = data.draw(rule_lists(actors, instruments, "x", max_size=4), label="new rules")
    stances = tuple(s.model_copy(update={"rules": new_rules}) if s.id == changed.id else s
                    for s in drawn.stances)
    other = drawn.rebuild(stances=stances)
    rest = [s.id for s in drawn.stances if s.id != changed.id]
    if rest:
        assert table(drawn.corpus, day, rest) == table(other, day, rest)


@PROPERTY
@given(corpora())
def test_every_target_is_pending_before_its_date(drawn: Drawn) -> None:
    """Every target is pending before its instrument's date, under every stance."""
    corpus = drawn.corpus
    for target in corpus.targets():
        inst = corpus.instruments[target.partition("#")[0]]
        before = inst.date.earliest - dt.timedelta(days=1)
        for stance in corpus.stances:
            assert tl.Status.PENDING == corpus.resolve(target, stance, before).status


@PROPERTY
@given(corpora(), st.data())
def test_annulling_the_annuller_revives_the_target(drawn: Drawn, data: st.DataObject) -> None:
    """Ex tunc: once the annulment is itself annulled, the target stands as if never annulled."""
    corpus = drawn.corpus
    target = data.draw(st.sampled_from(corpus.targets()), label="target")
    first = data.draw(st.integers(0, 365 * 70), label="annulment day")
    second = first + data.draw(st.integers(0, 3000), label="days to the counter-annulment")
    issuer = drawn.actors[0].id
    annul = Instrument(id="annul", title="Annulment", kind="statement", form="unilateral",
                       issuer=issuer, date=(DAY0 + dt.timedelta(days=first)).isoformat(),
                       effects=[Effect(id="annul-target", kind="annul", target=target)])
    counter = Instrument(id="counter", title="Counter-annulment", kind="statement",
                         form="unilateral", issuer=issuer,
                         date=(DAY0 + dt.timedelta(days=second)).isoformat(),
                         effects=[Effect(id="annul-annul", kind="annul", target="annul")])
    plain = Stance(id="plain", actor=issuer, name="accepts every effect")
    stances = (*drawn.stances, plain)
    without = drawn.rebuild(stances=stances)
    revived = drawn.rebuild(instruments=(*drawn.instruments, annul, counter), stances=stances)
    day = DAY0 + dt.timedelta(days=second + data.draw(st.integers(0, 5000), label="query after"))
    assert without.resolve(target, "plain", day).status == \
        revived.resolve(target, "plain", day).status


@PROPERTY
@given(corpora(), query_days())
def test_trace_is_sound(drawn: Drawn, day: dt.date) -> None:
    """Every id in a trace exists, and the last step's status is the result."""
    corpus = drawn.corpus
    rule_ids = {s: {r.id for r in corpus.stance_rules(corpus.stances[s])} for s in corpus.stances}
    for stance in corpus.stances:
        for target in corpus.targets():
            r = corpus.resolve(target, stance, day)
            assert r.trace, "a resolution always has at least one step"
            assert r.status == r.trace[-1].status
            for step in r.trace:
                assert step.effect is None or step.effect in corpus.effects
                assert step.source is None or step.source in corpus.instruments
                assert step.rule is None or step.rule in rule_ids[stance]
                assert step.reason


@PROPERTY
@given(corpora(max_instruments=4), st.data())
def test_cycles_never_raise_and_resolve_undetermined(drawn: Drawn, data: st.DataObject) -> None:
    """Two instruments that act on each other resolve undetermined, and never raise."""
    kinds = st.sampled_from(list(tl.EffectKind))
    start = DAY0 + dt.timedelta(days=data.draw(st.integers(0, 365 * 50), label="start"))
    issuer = drawn.actors[0].id
    x = Instrument(id="x", title="X", kind="statement", form="unilateral", issuer=issuer,
                   date=start.isoformat(),
                   effects=[Effect(id="x-on-y", kind=data.draw(kinds, label="x kind"), target="y")])
    y = Instrument(id="y", title="Y", kind="statement", form="unilateral", issuer=issuer,
                   date=start.isoformat(),
                   effects=[Effect(id="y-on-x", kind=data.draw(kinds, label="y kind"), target="x")])
    corpus = drawn.rebuild(instruments=(*drawn.instruments, x, y))
    day = start + dt.timedelta(days=data.draw(st.integers(0, 5000), label="query after"))
    for stance in corpus.stances:
        for target in ("x", "y"):
            r = corpus.resolve(target, stance, day)
            if r.status is not tl.Status.UNDETERMINED or "cycle" not in r.trace[-1].reason:
                no_position = target in corpus.stances[stance].no_position
                assert no_position, r.explain()
            else:
                assert "x -> y -> x" in r.trace[-1].reason or "y -> x -> y" in r.trace[-1].reason


@PROPERTY
@given(corpora(), st.lists(query_days(), min_size=1, max_size=8), st.data())
def test_timeline_agrees_with_point_queries(drawn: Drawn, days: list[dt.date],
                                            data: st.DataObject) -> None:
    """The timeline gives the same status as a point query on any day."""
    corpus = drawn.corpus
    target = data.draw(st.sampled_from(corpus.targets()), label="target")
    stance = data.draw(st.sampled_from(sorted(corpus.stances)), label="stance")
    line = corpus.timeline(target, stance)
    for first, second in zip(line.intervals, line.intervals[1:], strict=False):
        assert first.end == second.start, "intervals are contiguous"
        assert first.status != second.status, "adjacent intervals differ"
    for day in days:
        assert corpus.resolve(target, stance, day).status == line.status_on(day)


@PROPERTY
@given(corpora(), query_days())
def test_status_table_agrees_with_point_queries(drawn: Drawn, day: dt.date) -> None:
    """The bulk table (no traces) gives every cell the status resolve() gives it."""
    corpus = drawn.corpus
    expected = {(t, s): corpus.resolve(t, s, day).status
                for t in corpus.targets() for s in corpus.stances}
    fresh = drawn.rebuild()  # a cold cache: the table computes every cell itself
    assert expected == fresh.table(day)
