"""The panel's pass over an instrument (``treatylogic._panel_pass``) is the resolver.

The pass computes every party's series of an instrument no effect targets in one sweep
(its expiry, each party's steps and withdrawals, the count of leavers) and asks the
resolver only for the cells the record leaves open; ``panel(..., fast=False)`` asks the
resolver for every series. The two must agree cell for cell on generated corpora: the
shared ones of ``strategies.py`` (every feature, effects included), and corpora drawn
here for what the pass decides itself: many parties leaving on shared days, months and
years or in overlapping uncertain windows, terms and end dates, uncertain steps.

Examples per test: ``TREATYLOGIC_PROPERTY_EXAMPLES`` (default 40).
"""

from __future__ import annotations

import datetime as dt
import os

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import treatylogic as tl
from strategies import ALL_FEATURES, Drawn, corpora, critical_days
from treatylogic import _panel_pass
from treatylogic.models import Actor, Effect, Instrument, Party, Stance
from treatylogic.panel import panel, panel_dates

EXAMPLES = int(os.environ.get("TREATYLOGIC_PROPERTY_EXAMPLES", "40"))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                           HealthCheck.data_too_large])

#: a few days the withdrawals, ends and steps gather on (1950-1990)
HUBS = [dt.date(1950, 3, 1) + dt.timedelta(days=d) for d in (0, 31, 400, 2000, 5000, 9000)]


def _text(day: dt.date, precision: str) -> str:
    """EDTF for ``day``: a day, its month, its year, a two-month window, or uncertain or
    approximate (windows of three days, three months or three years)."""
    return {"day": day.isoformat(), "month": f"{day.year:04d}-{day.month:02d}",
            "year": f"{day.year:04d}",
            "window": f"{day.isoformat()}/{(day + dt.timedelta(days=60)).isoformat()}",
            "uncertain-day": f"{day.isoformat()}?", "uncertain-month":
                f"{day.year:04d}-{day.month:02d}?", "approximate-year": f"{day.year:04d}~",
            }[precision]


PRECISIONS = st.sampled_from(["day", "day", "day", "month", "year", "window", "uncertain-day",
                              "uncertain-month", "approximate-year"])


@st.composite
def days_near_hubs(draw: st.DrawFn) -> dt.date:
    """A day on a hub, or a few days, weeks or years after one."""
    hub = draw(st.sampled_from(HUBS))
    return hub + dt.timedelta(days=draw(st.sampled_from([0, 0, 0, 1, 20, 45, 365, 800])))


@st.composite
def leaving_corpora(draw: st.DrawFn) -> tl.Corpus:
    """Instruments of 2 to 9 parties that many of them leave, on shared days or in
    overlapping windows; terms and end dates; party steps some of which are uncertain;
    a successor continuing a party; now and then an effect (the pass then gives way)."""
    n_actors = draw(st.integers(3, 9))
    ids = [f"a{k}" for k in range(n_actors)]
    actors = [Actor(id=a, name=a.upper(), kind="state") for a in ids]
    actors.append(Actor(id="heir", name="HEIR", kind="state", continues=("a0",)))
    instruments = []
    for k in range(draw(st.integers(1, 3))):
        date = dt.date(1946, 1, 1) + dt.timedelta(days=draw(st.integers(0, 1500)))
        names = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=n_actors,
                              unique=True))
        parties: list[Party | str] = []
        for name in names:
            if draw(st.integers(0, 3)) == 0:
                parties.append(name)
                continue
            fields: dict[str, str] = {}
            if draw(st.booleans()):
                fields["signed"] = date.isoformat()
            bound = date
            if draw(st.booleans()):
                bound = max(date, draw(days_near_hubs()))
                fields["in_force"] = _text(bound, draw(PRECISIONS))
            if draw(st.integers(0, 2)) > 0:  # leaves after it is bound
                leaves = max(bound + dt.timedelta(days=1100), draw(days_near_hubs()))
                fields["withdrawn"] = _text(leaves, draw(PRECISIONS))
            parties.append(Party(actor=name, **fields))  # type: ignore[arg-type]
        in_force = None
        started = date  # the latest day the instrument may start on, roughly
        if draw(st.integers(0, 3)) == 0:
            started = date + dt.timedelta(days=draw(st.integers(1, 700)))
            in_force = _text(started, draw(PRECISIONS))
        clauses: dict[str, object] = {}
        clause = draw(st.sampled_from(["none", "none", "term", "ends", "renewal"]))
        if clause == "term":
            clauses["term"] = draw(st.sampled_from(["P10Y", "P20Y", "P30Y", "P6M"]))
        elif clause in ("ends", "renewal"):
            # after the start however it is dated (an approximate year reaches a year on)
            ends = max(started + dt.timedelta(days=1200), draw(days_near_hubs()))
            clauses["ends"] = _text(ends, draw(PRECISIONS))
            if clause == "renewal":
                clauses["renewal"] = "P5Y"
        instruments.append(dict(
            id=f"i{k}", title=f"Instrument {k}", kind="treaty",
            form="bilateral" if len(names) == 2 else "multilateral",
            date=_text(date, draw(st.sampled_from(["day", "day", "year", "uncertain-day"]))),
            in_force=in_force, parties=tuple(parties), **clauses))
    if len(instruments) > 1 and draw(st.integers(0, 3)) == 0:  # an effect: the resolver's
        target = instruments[-1]
        actor = target["parties"][0]
        instruments[0]["effects"] = (Effect(
            id="e0", kind=draw(st.sampled_from(["withdraw", "suspend", "terminate"])),
            target=target["id"], actor=actor if isinstance(actor, str) else actor.actor,
            date=(HUBS[2] + dt.timedelta(days=draw(st.integers(0, 3)))).isoformat()),)
    built = [Instrument(**i) for i in instruments]
    stances = [Stance(id="plain", actor="a0", name="plain")]
    if draw(st.booleans()):
        stances.append(Stance(id="silent", actor="a1", name="silent",
                              no_position=(built[0].id,)))
    return tl.Corpus(actors, built, (), stances)


def _panel_days(corpus: tl.Corpus, data: st.DataObject) -> list[str]:
    """Where answers change (the corpus's critical days) and a few year-ends, as EDTF."""
    critical = critical_days(corpus)
    chosen = data.draw(st.lists(st.sampled_from(critical), min_size=1, max_size=30,
                                unique=True), label="critical days")
    years = data.draw(st.lists(st.integers(1945, 2030), max_size=5, unique=True),
                      label="year-ends")
    return [d.isoformat() for d in chosen] + [str(y) for y in years]


def _cells(corpus: tl.Corpus, at: list[str]) -> tuple[dict, dict]:
    """(the pass's series, the resolver's series) of every instrument, party and stance."""
    fast = panel(corpus, at=at, fast=True)
    slow = panel(corpus, at=at, fast=False)
    return dict(fast.series), dict(slow.series)


def _decided_by_pass(corpus: tl.Corpus, at: list[str]) -> tuple[int, int]:
    """(series the pass gave, cells it asked of the resolver), for the test's statistics."""
    dates = panel_dates(at)
    series = asked = 0
    for stance in corpus.stances.values():
        for instrument in corpus.instruments:
            if _panel_pass.applies(corpus, stance, instrument):
                one = _panel_pass.InstrumentPass(corpus, stance, instrument, dates,
                                                 lambda party, k: tl.Status.UNDETERMINED)
                for party in corpus.possible_parties(instrument, stance):
                    one.runs(party)
                    series += 1
                asked += one.asked
    return series, asked


@PROPERTY
@given(leaving_corpora(), st.data())
def test_the_pass_is_the_resolver_where_parties_leave(corpus: tl.Corpus,
                                                      data: st.DataObject) -> None:
    """Many parties leaving on shared days or in overlapping windows, terms, uncertain
    steps: the panel's pass gives the resolver's status in every cell."""
    at = _panel_days(corpus, data)
    series, asked = _decided_by_pass(corpus, at)
    event(f"series by the pass: {min(series, 10)}+" if series >= 10 else
          f"series by the pass: {series}")
    event("the pass asked the resolver" if asked else "the pass asked nothing")
    fast, slow = _cells(corpus, at)
    assert slow == fast


@PROPERTY
@given(corpora(features=ALL_FEATURES), st.data())
def test_the_pass_is_the_resolver_on_the_shared_corpora(drawn: Drawn,
                                                        data: st.DataObject) -> None:
    """On the shared generated corpora (every feature: effects, successors, stances' views
    of continuity, no position, party records, clauses on time), the same."""
    at = _panel_days(drawn.corpus, data)
    fast, slow = _cells(drawn.corpus, at)
    assert slow == fast


def test_the_pass_decides_a_convention_its_parties_leave():
    """Four parties; b leaves on 1960-01-01, c on 1965-03-01, d on 1970-06-30: a (staying)
    is in force until the third leaves (fewer than two remain: terminated, VCLT art. 55),
    each leaver withdrawn from its day; every cell decided by the pass, none asked of the
    resolver, and each the resolver's."""
    actors = [Actor(id=a, name=a, kind="state") for a in "abcd"]
    convention = Instrument(
        id="c", title="C", kind="treaty", form="multilateral", date="1950-01-01",
        parties=("a", Party(actor="b", withdrawn="1960-01-01"),
                 Party(actor="c", withdrawn="1965-03-01"),
                 Party(actor="d", withdrawn="1970-06-30")))
    corpus = tl.Corpus(actors, [convention], (), [Stance(id="s", actor="a", name="s")])
    at = ["1955", "1960", "1965", "1970"]
    assert (4, 0) == _decided_by_pass(corpus, at)
    rows = {(r.party, r.date.year): r.status.value for r in panel(corpus, at=at).rows}
    statuses = {"a": "iiit", "b": "iwww", "c": "iiww", "d": "iiiw"}
    words = {"i": "in_force", "w": "withdrawn", "t": "terminated"}
    assert {(p, y): words[c] for p, run in statuses.items()
            for y, c in zip((1955, 1960, 1965, 1970), run, strict=True)} == rows
    fast, slow = _cells(corpus, at)
    assert slow == fast


def test_same_day_leavers_are_asked_of_the_resolver_once():
    """Three of four parties leave on one day: the order of each one's own withdrawal and
    the others' is open, so the resolver is asked, once for the three (they differ only in
    name); the answer is withdrawn for each, terminated for the one who stays."""
    actors = [Actor(id=a, name=a, kind="state") for a in "abcd"]
    convention = Instrument(
        id="c", title="C", kind="treaty", form="multilateral", date="1950-01-01",
        parties=("a", *(Party(actor=x, withdrawn="1960-01-01") for x in "bcd")))
    corpus = tl.Corpus(actors, [convention], (), [Stance(id="s", actor="a", name="s")])
    at = ["1959", "1960"]
    assert (4, 1) == _decided_by_pass(corpus, at)
    rows = {(r.party, r.date.year): r.status.value for r in panel(corpus, at=at).rows}
    assert {("a", 1960): "terminated", **{(x, 1960): "withdrawn" for x in "bcd"},
            **{(x, 1959): "in_force" for x in "abcd"}} == rows
    fast, slow = _cells(corpus, at)
    assert slow == fast

