"""The smallest corpus of each class the differential test once left out, with its answer.

Each was a place where the engine departed from docs/semantics.md (fixed on
2026-11-24, issue 12): ``CASES[name]`` lists corpora, each with one (target,
party, stance, day) query and the possible statuses the document gives.
``test_each_former_divergence_is_answered_by_the_document`` asks both sides.
"""

from __future__ import annotations

import datetime as dt

import treatylogic as tl
from treatylogic.models import Actor, Effect, Instrument, Party

__all__ = ["CASES"]

Query = tuple[str, str | None, str, dt.date]
S = tl.Status


def _corpus(instruments: list[Instrument], continues: tuple[str, ...] = ()) -> tl.Corpus:
    actors = [Actor(id="a0", name="A0", kind="state"),
              Actor(id="a1", name="A1", kind="state", continues=continues),
              Actor(id="a2", name="A2", kind="state")]
    return tl.Corpus(actors, instruments, [], [tl.Stance(id="s", actor="a2", name="S")])


def _treaty(inst_id: str, parties: list[str | Party], date: str, **more: object) -> Instrument:
    return Instrument(id=inst_id, title=inst_id, kind="treaty", form="multilateral",
                      parties=parties, date=date, **more)


#: a1 is itself a plain party: its own record, not a0's (signed only): in force.
TWO_LISTED = (_corpus([_treaty("t", [Party(actor="a0", signed="1900-03-01"), "a1"],
                               "1900-01-01")], continues=("a0",)),
              ("t", "a1", "s", dt.date(1900, 6, 1)), {S.IN_FORCE})

#: a1 consents on the treaty's date, some day of 1902: on 30 March it may have, or not.
PLAIN_OPEN_DATE = (_corpus([_treaty("t", ["a0", "a1"], "1902", in_force="1902-05-10")]),
                   ("t", "a1", "s", dt.date(1902, 3, 30)), {S.NOT_PARTY, S.PENDING})

#: Consent on 1 September, the treaty in force some day up to 27 October: bound by then or not.
DEFAULT_ENTRY = (_corpus([_treaty("t", ["a0", Party(actor="a2", consent="1904-09-01")],
                                  "1904-08-28/1904-10-27")]),
                 ("t", "a2", "s", dt.date(1904, 10, 10)), {S.IN_FORCE, S.PENDING})

#: a1 (itself a party, continuing a0) withdraws: a0 stays bound, two parties remain.
LINE_WITHDRAW = (_corpus([
    _treaty("t", ["a0", "a1", "a2"], "1900-01-01"),
    Instrument(id="n", title="n", kind="note", form="unilateral", issuer="a0", date="1900-01-01",
               effects=(Effect(id="w", kind="withdraw", target="t", actor="a1"),))],
    continues=("a0",)), ("t", "a0", "s", dt.date(1900, 1, 1)), {S.IN_FORCE})

#: All three parties of t terminate it (a1 continues a0): no denunciation, no notice to wait.
LINE_TERMINATE = (_corpus([
    _treaty("t", ["a2", "a0", "a1"], "1900-08-26", notice="P1Y"),
    _treaty("u", ["a1", "a0", "a2"], "1902-03-01",
            effects=(Effect(id="e", kind="terminate", target="t", date="1902-10-06"),))],
    continues=("a0",)), ("t", None, "s", dt.date(1903, 8, 31)), {S.TERMINATED})

CASES: dict[str, list[tuple[tl.Corpus, Query, set[tl.Status]]]] = {
    "line-listed": [TWO_LISTED, LINE_WITHDRAW, LINE_TERMINATE],
    "plain-open-date": [PLAIN_OPEN_DATE],
    "default-entry": [DEFAULT_ENTRY],
}
