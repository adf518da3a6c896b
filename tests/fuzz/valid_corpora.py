"""Valid but unusual rules folders, drawn by hypothesis, as YAML text.

Each corpus belongs to one or more *classes* (``CLASSES``): the shapes that
broke commands after validation (issue 17). The generator writes YAML text
rather than models, so that what is tested is what a user writes; every drawn
folder is meant to validate (the test checks it does).

- ``extreme``: dates at the edges of the calendar (``0001``, ``9999``, ``XXXX``);
- ``open``: open-ended dates (``1922-10/..``, ``../1920``, ``[..1919]``);
- ``uncertain``: EDTF qualifiers (``1905-11-25~``, ``1920-02?``, ``1922%``) and windows;
- ``chain``: a long chain of instruments, each superseding the one before;
- ``parties``: instruments with many parties and actors continuing one another;
- ``consent``: parties with their own dates (signature, consent, entry into force,
  provisional application, withdrawal), withdrawals by a party, terms, end dates,
  tacit renewal and notice periods (the instrument's own, or a doctrine's).

Every drawn folder also names an actor for ``--party`` (a party of the target,
or an actor that is none).
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from treatylogic.dates import parse_date

__all__ = ["CLASSES", "CORPUS_CLASSES", "Drawn", "corpora", "query_dates"]

CLASSES = ("plain", "extreme", "open", "uncertain", "chain", "parties", "consent")
#: What each class may draw as a date (signature, entry into force, effect date).
DATES = {
    "plain": ["1919-07-25", "1920", "1921-03", "1945-08-14", "1950-02-14", "2001"],
    "extreme": ["0001", "0001-01-01", "9999", "9999-12-31", "XXXX", "19XX", "0001/9999"],
    "open": ["1922-10/..", "../1920", "[..1919]", "1950-02-14/..", "../1950-02-14",
             "[1950-01-01..]", "../9999-12-31", "0001-01-01/.."],
    "uncertain": ["1905-11-25~", "1920-02?", "1922%", "1919?-07", "1950-02-14/1950-03~",
                  "{1919,1920}", "[1919,1921..1923]", "9999-12-31~", "0001~", "1930-21"],
}
#: Query days (``--at``), including the calendar's last day.
QUERIES = ["0001-01-01", "1900", "1920-06-15", "1950", "2024-09-02", "9999-12-31", "1922~",
           "../1920", "1950-02-14/.."]
KINDS = ["renounce", "reaffirm", "annul", "supersede", "terminate", "suspend", "resume", "deny"]
#: ISO 8601 durations for ``term``, ``renewal`` and ``notice``, up to past the calendar's end.
DURATIONS = ["P90D", "P6M", "P12M", "P1Y6M", "P10Y", "P30Y", "P5000Y"]
CONSENT_BY = ["signature", "ratification", "acceptance", "approval", "accession", "succession"]
#: The generated classes: none is left out on main (see tests/README.md for the long run).
CORPUS_CLASSES = CLASSES


@dataclass(frozen=True)
class Drawn:
    """One drawn folder: its files, its ids and the classes it was drawn from."""

    files: dict[str, str]
    instruments: tuple[str, ...]
    stances: tuple[str, ...]
    classes: tuple[str, ...]
    party: str = "a0"  # the actor asked about with --party

    def __repr__(self) -> str:  # what hypothesis prints for a failing example
        body = "\n".join(f"--- {name}\n{text}" for name, text in self.files.items())
        return f"Drawn(classes={self.classes})\n{body}"


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@st.composite
def _date(draw: st.DrawFn, classes: tuple[str, ...]) -> str:
    pool = [d for c in ("plain", *classes) for d in DATES.get(c, [])]
    return draw(st.sampled_from(pool))


def _later_or_none(first: str, second: str | None) -> str | None:
    """``second`` if a loader would accept it after ``first``, else None."""
    if second is None:
        return None
    return second if parse_date(second).latest >= parse_date(first).earliest else None


def _after_all(earlier: list[str], second: str | None) -> str | None:
    """``second`` if a loader would accept it after every date of ``earlier``, else None."""
    for first in earlier:
        second = _later_or_none(first, second)
    return second


@st.composite
def _party(draw: st.DrawFn, actor: str, date: str, classes: tuple[str, ...]) -> list[str]:
    """One party as a record with its own dates (each after the instrument's and the last)."""
    lines = [f"      - actor: {actor}"]
    known: list[str] = [date]
    for name in ("signed", "consent", "in_force"):
        day = _after_all(known, draw(st.none() | _date(classes)))
        if day is not None:
            lines.append(f"        {name}: {_q(day)}")
            known.append(day)
    if len(known) > 2 and draw(st.booleans()):
        lines.append(f"        consent_by: {draw(st.sampled_from(CONSENT_BY))}")
    provisional = _after_all([date], draw(st.none() | _date(classes)))
    if provisional is not None:
        lines.append(f"        provisional: {_q(provisional)}")
    withdrawn = _after_all(known[1:2] or [date], draw(st.none() | _date(classes)))
    if withdrawn is not None:
        lines.append(f"        withdrawn: {_q(withdrawn)}")
    return lines


@st.composite
def _time_clauses(draw: st.DrawFn, start: str, classes: tuple[str, ...]) -> list[str]:
    """``term`` or ``ends``, ``renewal`` (only with one of them) and ``notice``."""
    lines = []
    choice = draw(st.sampled_from(["none", "term", "ends"]))
    if choice == "term":
        lines.append(f"    term: {draw(st.sampled_from(DURATIONS))}")
    elif choice == "ends":
        ends = _after_all([start], draw(_date(classes)))
        if ends is not None:
            lines.append(f"    ends: {_q(ends)}")
    if lines and draw(st.booleans()):
        lines.append(f"    renewal: {draw(st.sampled_from(DURATIONS))}")
    if draw(st.booleans()):
        lines.append(f"    notice: {draw(st.sampled_from(DURATIONS))}")
    return lines


@st.composite
def corpora(draw: st.DrawFn, classes: tuple[str, ...] | None = None) -> Drawn:
    """A valid rules folder of the given classes (drawn if not given)."""
    if classes is None:
        classes = tuple(draw(st.sets(st.sampled_from([c for c in CORPUS_CLASSES if c != "plain"]), max_size=3)))
    chain = "chain" in classes
    many = "parties" in classes
    n_actors = draw(st.integers(2, 40 if many else 4))
    actors = [f"a{i}" for i in range(n_actors)]
    lines = ["actors:"]
    for i, actor in enumerate(actors):
        lines += [f"  - id: {actor}", f"    name: Actor {i}", "    kind: state"]
        if many and i > 0 and draw(st.booleans()):
            lines.append(f"    continues: [{actors[draw(st.integers(0, i - 1))]}]")
    consent = "consent" in classes
    n_inst = draw(st.integers(2, 400)) if chain else draw(st.integers(1, 6))
    ids = [f"i{k}" for k in range(n_inst)]
    party_of: dict[str, list[str]] = {}
    lines.append("instruments:")
    for k, inst in enumerate(ids):
        date = draw(_date(classes)) if not chain or k < 5 or draw(st.booleans()) \
            else "1950-01-01"
        width = draw(st.integers(2, min(len(actors), 30)))
        parties = actors[:width] if many else draw(
            st.lists(st.sampled_from(actors), min_size=2, max_size=3, unique=True))
        party_of[inst] = parties
        lines += [f"  - id: {inst}", f"    title: Instrument {k}", "    kind: treaty",
                  "    form: multilateral" if len(parties) > 2 else "    form: bilateral"]
        if consent and draw(st.booleans()):
            lines.append("    parties:")
            for actor in parties:
                if draw(st.booleans()):
                    lines += draw(_party(actor, date, classes))
                else:
                    lines.append(f"      - {actor}")
        else:
            lines.append(f"    parties: [{', '.join(parties)}]")
        lines.append(f"    date: {_q(date)}")
        in_force = _later_or_none(date, draw(st.none() | _date(classes)))
        if in_force is not None:
            lines.append(f"    in_force: {_q(in_force)}")
        if consent:
            lines += draw(_time_clauses(in_force or date, classes))
        if draw(st.booleans()):
            lines += ["    provisions:", "      - id: p1", "        summary: one article"]
        effects = []
        if chain and k > 0:
            effects.append((f"e{k}-chain", "supersede", ids[k - 1], None))
        others = [t for t in ids if t != inst]
        for m in range(draw(st.integers(0, 2)) if others else 0):
            target = draw(st.sampled_from(others[:8] if chain else others))
            on = _later_or_none(date, draw(st.none() | _date(classes)))
            effects.append((f"e{k}-{m}", draw(st.sampled_from(KINDS)), target, on))
        earlier = [t for t in ids[:k] if t in party_of]  # a withdrawal needs its target's parties
        if consent and earlier and draw(st.booleans()):
            target = draw(st.sampled_from(earlier))
            on = _later_or_none(date, draw(st.none() | _date(classes)))
            effects.append((f"e{k}-w", "withdraw", target, on))
        if effects:
            lines.append("    effects:")
        for effect_id, kind, target, on in effects:
            lines += [f"      - id: {effect_id}", f"        kind: {kind}",
                      f"        target: {target}"]
            if kind == "withdraw":
                lines.append(f"        actor: {draw(st.sampled_from(party_of[target]))}")
            if on is not None:
                lines.append(f"        date: {_q(on)}")
    instruments_yaml = "\n".join(lines) + "\n"
    n_stances = draw(st.integers(1, 3))
    stances = [f"s{j}" for j in range(n_stances)]
    stance_lines = ["doctrines:", "  - id: d0", "    name: Doctrine", "    rules:",
                    "      - id: r0", f"        when: {{kind: [{draw(st.sampled_from(KINDS))}]}}",
                    f"        then: {draw(st.sampled_from(['accept', 'reject', 'undetermined']))}",
                    "        reason: a drawn rule"]
    if consent:  # a doctrine's notice period, for withdrawals and terminations it accepts
        stance_lines += ["      - id: r1", "        when: {kind: [withdraw, terminate]}",
                         "        then: accept", "        reason: notice of a drawn length",
                         f"        notice: {draw(st.sampled_from(DURATIONS))}"]
    stance_lines.append("stances:")
    for j, stance in enumerate(stances):
        stance_lines += [f"  - id: {stance}", f"    actor: {actors[j % len(actors)]}",
                         f"    name: Stance {j}"]
        if draw(st.booleans()):
            stance_lines.append("    doctrines: [d0]")
        if draw(st.booleans()):
            day = draw(_date(classes))
            verdict = draw(st.sampled_from(["accept", "reject", "undetermined"]))
            stance_lines += ["    rules:", "      - id: own", f"        when: {{date_after: {_q(day)}}}",
                             f"        then: {verdict}", "        reason: drawn"]
    files = {"instruments.yaml": instruments_yaml, "stances.yaml": "\n".join(stance_lines) + "\n"}
    target_parties = party_of.get(ids[-1], [])
    party = draw(st.sampled_from(sorted({*target_parties, *actors[:3]})))
    return Drawn(files, tuple(ids), tuple(stances), tuple(sorted(classes)), party)


def query_dates() -> st.SearchStrategy[str]:
    """A query date (``--at``), ordinary or at the calendar's edges."""
    return st.sampled_from(QUERIES)
