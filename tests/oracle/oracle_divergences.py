"""The smallest corpus for each known divergence of the engine from docs/semantics.md.

``CASES[name]`` lists corpora, each with one (target, party, stance, day) query
on which the engine and the oracle differ; the names are those of ``KNOWN`` in
test_oracle_differential.py, whose docstring says what each one is.
"""

from __future__ import annotations

import datetime as dt

import treatylogic as tl
from treatylogic.models import Actor, Effect, Instrument, Party

__all__ = ["CASES"]

Query = tuple[str, str | None, str, dt.date]


def _corpus(instruments: list[Instrument], continues: tuple[str, ...] = ()) -> tl.Corpus:
    actors = [Actor(id="a0", name="A0", kind="state"),
              Actor(id="a1", name="A1", kind="state", continues=continues),
              Actor(id="a2", name="A2", kind="state")]
    return tl.Corpus(actors, instruments, [], [tl.Stance(id="s", actor="a2", name="S")])


def _treaty(inst_id: str, parties: list[str | Party], date: str, **more: object) -> Instrument:
    return Instrument(id=inst_id, title=inst_id, kind="treaty", form="multilateral",
                      parties=parties, date=date, **more)


#: The engine reads a0's record (signed only) for a1, though a1 is itself a plain party.
TWO_LISTED = (_corpus([_treaty("t", [Party(actor="a0", signed="1900-03-01"), "a1"],
                               "1900-01-01")], continues=("a0",)),
              ("t", "a1", "s", dt.date(1900, 6, 1)))

#: a1 consents on the treaty's date, some day of 1902: on 30 March it may have, or not.
PLAIN_OPEN_DATE = (_corpus([_treaty("t", ["a0", "a1"], "1902", in_force="1902-05-10")]),
                   ("t", "a1", "s", dt.date(1902, 3, 30)))

#: Consent on 1 September, the treaty made some day up to 27 October: bound by then or not.
DEFAULT_ENTRY = (_corpus([_treaty("t", ["a0", Party(actor="a2", consent="1904-09-01")],
                                  "1904-08-28/1904-10-27")]),
                 ("t", "a2", "s", dt.date(1904, 10, 10)))

#: a1 (itself a party, continuing a0) withdraws: the engine says a0 has withdrawn too.
LINE_WITHDRAW = (_corpus([
    _treaty("t", ["a0", "a1", "a2"], "1900-01-01"),
    Instrument(id="n", title="n", kind="note", form="unilateral", issuer="a0", date="1900-01-01",
               effects=(Effect(id="w", kind="withdraw", target="t", actor="a1"),))],
    continues=("a0",)), ("t", "a0", "s", dt.date(1900, 1, 1)))

#: All three parties of t terminate it (a1 continues a0): the engine waits a year's notice.
LINE_TERMINATE = (_corpus([
    _treaty("t", ["a2", "a0", "a1"], "1900-08-26", notice="P1Y"),
    _treaty("u", ["a1", "a0", "a2"], "1902-03-01",
            effects=(Effect(id="e", kind="terminate", target="t", date="1902-10-06"),))],
    continues=("a0",)), ("t", None, "s", dt.date(1903, 8, 31)))

CASES: dict[str, list[tuple[tl.Corpus, Query]]] = {
    "line-listed": [TWO_LISTED, LINE_WITHDRAW, LINE_TERMINATE],
    "plain-open-date": [PLAIN_OPEN_DATE],
    "default-entry": [DEFAULT_ENTRY],
}
