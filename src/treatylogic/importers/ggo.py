"""Import the GGO tables of ``manytreaties`` (CC BY 4.0) into an ordinary rules folder.

``import_ggo(agreements, memberships, out)`` reads ``ggo-agreements.csv.gz`` (one
row per agreement) and ``ggo-memberships.csv.gz`` (one row per state and
agreement) and writes, in the per-party rule format:

- one instrument per agreement: title, signature date (``date``), entry into force
  (``in_force``), its end (``ends``: the coded ``End``; ``Term`` goes to the note), ``kind`` and
  ``form`` from ``TypeAgree`` / ``TypeAmbit``; an ``A:B`` id becomes ``A.B`` with
  ``amends: B``;
- per membership, a party entry: ``signed`` (StateSignature), ``consent``
  (StateRatification, ``consent_by: ratification``), ``in_force`` (StateForce) and
  ``withdrawn`` (StateEnd, unless it is the dataset's ``9999-12-31`` "not ended" or
  the instrument's own end);
- an actor for every state code; successions of States (``data/ggo-successions.yaml``)
  as instruments whose ``withdraw`` effects carry the predecessor's coded ends (the
  readings accept, reject or leave them open);
- the readings of ``data/ggo-readings.yaml`` (stances ``dataset``, ``continuity``,
  ``by-agreement`` and their doctrines);
- ``README.md`` with the dataset's attribution and the summary, and
  ``import-report.txt`` with every row problem.

Every fact cites its row: ``GGO 1.0.0 memberships row 4909: DDR in INTRPP_1951S``.
Dates are converted by :mod:`._dates` and never rounded. A row that is wrong is
reported with its file, row, line and column, then repaired (the message says how)
or left out; the rest is imported.

>>> from treatylogic.importers import import_ggo   # doctest: +SKIP
>>> report = import_ggo(out="ggo-rules")            # doctest: +SKIP
>>> print(report.summary())                          # doctest: +SKIP
"""

from __future__ import annotations

import csv
import gzip
import os
import re
import shutil
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..dates import DateSpan
from ._dates import BadDateError, convert, span
from .problems import (
    LEFT_OUT,
    REPAIRED,
    DataImportError,
    ImportReport,
    RowProblem,
    TableSummary,
)

__all__ = [
    "AGREEMENTS_FILE",
    "CITATION",
    "MEMBERSHIPS_FILE",
    "default_data_folder",
    "import_ggo",
]

AGREEMENTS_FILE = "ggo-agreements.csv.gz"
MEMBERSHIPS_FILE = "ggo-memberships.csv.gz"
DATASET = "GGO"
VERSION = "1.0.0"
CITATION = (
    "Hollway, J., Sposito, H., Evrard, M., del Moral Suarez, D., Tan, J. and Viemose, A. "
    "(2025). manytreaties: Many International Agreements and Their Parties, version 1.0.0. "
    "CC BY 4.0."
)
#: The file in an output folder that marks it as written by this importer.
MARKER = ".treatylogic-import"
#: The loader refuses files larger than 8 MiB; instruments are split by decade under this.
MAX_FILE_BYTES = 8 * 1024 * 1024

AGREEMENT_COLUMNS = ("treatyID", "Title", "Begin", "End", "Signature", "Force", "Term",
                     "TypeAgree", "TypeAmbit")
MEMBERSHIP_COLUMNS = ("stateID", "treatyID", "Title", "Begin", "End", "Signature",
                      "StateSignature", "StateRatification", "Force", "StateForce", "Term",
                      "StateEnd")

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_BILATERAL_ID = re.compile(r"^([A-Z]{3})-([A-Z]{3})_")

#: TypeAgree -> instrument kind ("amendment" is not a kind: an amendment is a protocol).
KINDS = {"Agreement": "agreement", "Protocol": "protocol", "Amendment": "protocol",
         "Extending": "protocol", "Resolution": "resolution", "MOU": "other",
         "Regulation": "other", "Report": "other"}
#: TypeAmbit -> form; other values (empty, Interministerial) are read from the party count.
FORMS = {"Bilateral": "bilateral", "Trilateral": "multilateral", "Multilateral": "multilateral",
         "Regional": "multilateral", "Interregional": "multilateral",
         "External": "multilateral"}


def default_data_folder() -> Path | None:
    """Where the GGO tables are, if anywhere: ``$TREATYLOGIC_GGO_DATA``, else
    ``../shared/data/ggo`` beside the repository (as in CI), else beside the
    working folder. None when no candidate holds both files."""
    candidates = []
    if os.environ.get("TREATYLOGIC_GGO_DATA"):
        candidates.append(Path(os.environ["TREATYLOGIC_GGO_DATA"]))
    repo = Path(__file__).resolve().parents[3]
    candidates += [repo.parent / "shared" / "data" / "ggo",
                   Path.cwd().parent / "shared" / "data" / "ggo"]
    for folder in candidates:
        if (folder / AGREEMENTS_FILE).is_file() and (folder / MEMBERSHIPS_FILE).is_file():
            return folder
    return None


# ---------------------------------------------------------------- reading rows
def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, int, dict[str, str]]]:
    """``(row, line, record)`` for each data row; row 1 is the first after the header."""
    name = path.name
    try:
        if path.suffix == ".gz":  # both handles are closed by the `with` below
            handle = gzip.open(path, "rt", encoding="utf-8", newline="")  # noqa: SIM115
        else:
            handle = open(path, encoding="utf-8", newline="")  # noqa: SIM115
    except OSError as exc:
        raise DataImportError(f"{path}: cannot open: {exc.strerror or exc}") from None
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
            if header is None:
                raise DataImportError(f"{name}:1: the file is empty; expected a CSV header")
            missing = [c for c in required if c not in header]
            if missing:
                raise DataImportError(
                    f"{name}:1: the header lacks the column(s) {', '.join(missing)} "
                    f"(found: {', '.join(header[:8])}{' ...' if len(header) > 8 else ''})")
            width = len(header)
            start = reader.line_num + 1
            for row, values in enumerate(reader, start=1):
                if len(values) != width:
                    record = {"__width__": str(len(values))}
                else:
                    record = dict(zip(header, values, strict=True))
                yield row, start, record
                start = reader.line_num + 1
        except (OSError, EOFError, UnicodeDecodeError, csv.Error) as exc:
            line = reader.line_num + 1
            raise DataImportError(f"{name}:{line}: not a readable CSV: {exc}") from None


# ---------------------------------------------------------------- the import state
@dataclass
class _Instrument:
    id: str
    tid: str
    title: str
    kind: str
    type_agree: str
    type_ambit: str
    date: str
    in_force: str | None
    ends: str | None
    amends: str | None
    term: str | None
    source: str
    file: str
    row: int
    line: int
    parties: dict[str, dict[str, Any]] = field(default_factory=dict)
    party_rows: dict[str, tuple[int, int, tuple[str, ...]]] = field(default_factory=dict)


@dataclass
class _Import:
    problems: list[RowProblem] = field(default_factory=list)
    forms: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    # per table: row -> worst outcome
    outcomes: dict[str, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    instruments: dict[str, _Instrument] = field(default_factory=dict)
    by_tid: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)

    def problem(self, file: str, row: int, line: int, column: str, value: str, kind: str,
                outcome: str, message: str) -> None:
        self.problems.append(RowProblem(file, row, line, column, value, kind, outcome, message))
        seen = self.outcomes[file].get(row)
        if seen != LEFT_OUT:
            self.outcomes[file][row] = outcome

    def date(self, file: str, row: int, line: int, column: str, raw: str,
             missing_ok: bool = True) -> str | None:
        """The EDTF text of one cell; a bad cell is reported (the field is left out)."""
        try:
            found = convert(raw)
        except BadDateError as exc:
            self.forms[f"{file} {column}"]["unreadable"] += 1
            self.problem(file, row, line, column, raw, "unreadable date", REPAIRED,
                         f"{exc}; the field is left out")
            return None
        self.forms[f"{file} {column}"][found.form] += 1
        return found.edtf


def _instrument_id(tid: str) -> str:
    return tid.replace(":", ".")


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_text).strip("-._") or "unknown"


def _earliest(text: str) -> DateSpan:
    return span(text)


def _cite(table: str, row: int, tid: str, state: str | None = None) -> str:
    who = f"{state} in {tid}" if state else tid
    return f"{DATASET} {VERSION} {table} row {row}: {who}"


# ---------------------------------------------------------------- agreements
def _read_agreements(state: _Import, path: Path) -> int:
    file = path.name
    seen_rows: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
    count = 0
    for row, line, rec in _rows(path, AGREEMENT_COLUMNS):
        count = row
        if "__width__" in rec:
            state.problem(file, row, line, "*", f"{rec['__width__']} fields", "malformed row",
                          LEFT_OUT, "the row has a different number of fields than the header")
            continue
        tid = rec["treatyID"].strip()
        if not tid:
            state.problem(file, row, line, "treatyID", "", "missing id", LEFT_OUT,
                          "a row without treatyID cannot be cited or linked")
            continue
        values = tuple(rec.values())
        iid = _instrument_id(tid)
        earlier = seen_rows[tid]
        if any(v == values for _, v in earlier):
            first = next(r for r, v in earlier if v == values)
            state.problem(file, row, line, "treatyID", tid, "duplicate row", LEFT_OUT,
                          f"identical to row {first}")
            continue
        if earlier:
            iid = f"{iid}.{len(earlier) + 1}"
            state.problem(file, row, line, "treatyID", tid, "duplicate treatyID", REPAIRED,
                          f"row {earlier[0][0]} has the same treatyID with other values "
                          f"(Title {rec['Title']!r}); imported as {iid}, and memberships "
                          "of this treatyID are matched to it by Title")
        seen_rows[tid].append((row, values))
        if not _ID.match(iid):
            state.problem(file, row, line, "treatyID", tid, "unusable id", LEFT_OUT,
                          "the id has characters a rule id cannot hold")
            continue
        made = _instrument_from(state, file, row, line, rec, iid, tid,
                                _cite("agreements", row, tid), "agreements")
        if made is not None:
            state.instruments[iid] = made
            state.by_tid[tid].append(iid)
    return count


def _instrument_from(state: _Import, file: str, row: int, line: int, rec: dict[str, str],
                     iid: str, tid: str, source: str, table: str) -> _Instrument | None:
    """One instrument from a row's agreement columns (agreements, or a membership row)."""
    dates = {c: state.date(file, row, line, c, rec[c])
             for c in ("Begin", "End", "Signature", "Force", "Term")}
    date = dates["Signature"]
    if date is None:
        if dates["Begin"] is None:
            state.problem(file, row, line, "Signature", rec["Signature"], "no date", LEFT_OUT,
                          "neither Signature nor Begin gives a date")
            return None
        date = dates["Begin"]
        state.problem(file, row, line, "Signature", rec["Signature"], "no signature date",
                      REPAIRED, f"the instrument is dated by Begin ({date})")
    start = _earliest(date)
    in_force = dates["Force"]
    if in_force is not None and _earliest(in_force).latest < start.earliest:
        state.problem(file, row, line, "Force", rec["Force"], "end before start", REPAIRED,
                      f"entry into force {in_force} is before the date {date}; "
                      "Force is left out")
        in_force = None
    ends = dates["End"]
    if ends is not None:
        floor = _earliest(in_force) if in_force else start
        if _earliest(ends).latest < floor.earliest:
            state.problem(file, row, line, "End", rec["End"], "end before start", REPAIRED,
                          f"End {ends} is before the start {floor}; End is left out")
            ends = None
    base, _, amended = tid.partition(":")
    title = rec["Title"].strip()
    if not title:
        title = tid
        state.problem(file, row, line, "Title", "", "no title", REPAIRED,
                      "the instrument is titled by its treatyID")
    del base
    return _Instrument(
        id=iid, tid=tid, title=title, kind=KINDS.get(rec.get("TypeAgree", "").strip(), "other"),
        type_agree=rec.get("TypeAgree", "").strip(), type_ambit=rec.get("TypeAmbit", "").strip(),
        date=date, in_force=in_force, ends=ends, term=dates["Term"],
        amends=_instrument_id(amended) if amended else None,
        source=source, file=file, row=row, line=line)


# ---------------------------------------------------------------- memberships
@dataclass(frozen=True)
class _Codes:
    aliases: dict[str, str]
    not_parties: frozenset[str]
    organisations: frozenset[str]
    subnational: frozenset[str]
    names: dict[str, str]


def _data(name: str) -> Any:
    text = resources.files("treatylogic.importers").joinpath("data", name).read_text("utf-8")
    return yaml.safe_load(text)


def _codes() -> _Codes:
    raw = _data("ggo-codes.yaml")
    return _Codes(dict(raw["aliases"]), frozenset(raw["not_parties"]),
                  frozenset(raw["organisations"]), frozenset(raw["subnational"]),
                  dict(raw["names"]))


def _actor(state: _Import, codes: _Codes, code: str) -> None:
    if code in state.actors:
        return
    kind = ("organisation" if code in codes.organisations
            else "government" if code in codes.subnational else "state")
    name = codes.names.get(code, code)
    state.actors[code] = {"id": code, "name": name, "kind": kind,
                          "note": f"{DATASET} stateID {code}"}


def _read_memberships(state: _Import, path: Path, codes: _Codes,
                      successions: list[dict[str, Any]]) -> int:
    file = path.name
    ending: dict[str, tuple[dict[str, Any], DateSpan]] = {
        s["predecessor"]: (s, _earliest(s["ends_between"])) for s in successions}
    made_from_memberships: set[str] = set()
    count = 0
    for row, line, rec in _rows(path, MEMBERSHIP_COLUMNS):
        count = row
        if "__width__" in rec:
            state.problem(file, row, line, "*", f"{rec['__width__']} fields", "malformed row",
                          LEFT_OUT, "the row has a different number of fields than the header")
            continue
        raw_code, tid = rec["stateID"].strip(), rec["treatyID"].strip()
        # --- the party
        if not raw_code or raw_code in codes.not_parties:
            state.problem(file, row, line, "stateID", raw_code, "not a party", LEFT_OUT,
                          "the stateID names no party")
            continue
        code = codes.aliases.get(raw_code, raw_code)
        if code != raw_code:
            state.problem(file, row, line, "stateID", raw_code, "state code rewritten", REPAIRED,
                          f"read as {code}, the code the dataset uses elsewhere for it")
        if not _ID.match(code):
            slug = _slug(code)
            state.problem(file, row, line, "stateID", raw_code, "state code rewritten", REPAIRED,
                          f"read as {slug} (an id holds letters, digits, '.', '_', '-')")
            code = slug
        # --- the agreement
        if not tid:
            state.problem(file, row, line, "treatyID", "", "missing id", LEFT_OUT,
                          "a membership without treatyID names no agreement")
            continue
        candidates = state.by_tid.get(tid, [])
        if not candidates:
            iid = _instrument_id(tid)
            if iid in made_from_memberships or iid in state.instruments:
                candidates = [iid]
            elif not _ID.match(iid):
                state.problem(file, row, line, "treatyID", tid, "unusable id", LEFT_OUT,
                              "the id has characters a rule id cannot hold")
                continue
            else:
                made = _instrument_from(state, file, row, line, rec, iid, tid,
                                        _cite("memberships", row, tid), "memberships")
                if made is None:
                    continue
                made.type_agree = ""
                made.type_ambit = ""
                if made.amends is not None:
                    made.kind = "protocol"  # an A:B id amends B: a protocol (not an 'amendment')
                state.problem(file, row, line, "treatyID", tid, "agreement not in the "
                              "agreements table", REPAIRED, "the instrument is made from "
                              "this row's agreement columns (Title, Begin, Signature, Force, "
                              "End, Term)")
                state.instruments[iid] = made
                made_from_memberships.add(iid)
                candidates = [iid]
        if len(candidates) > 1:
            title = rec["Title"].strip()
            matching = [c for c in candidates if state.instruments[c].title == title]
            if len(matching) == 1:
                candidates = matching
            else:
                state.problem(file, row, line, "Title", title, "ambiguous treatyID", REPAIRED,
                              f"{tid} names {len(candidates)} agreements and the Title does "
                              f"not pick one; matched to the first, {candidates[0]}")
        instrument = state.instruments[candidates[0]]
        _membership(state, file, row, line, rec, code, instrument, ending, codes)
    return count


def _membership(state: _Import, file: str, row: int, line: int, rec: dict[str, str],
                code: str, instrument: _Instrument,
                ending: dict[str, tuple[dict[str, Any], DateSpan]], codes: _Codes) -> None:
    d = {c: state.date(file, row, line, c, rec[c])
         for c in ("StateSignature", "StateRatification", "StateForce", "StateEnd")}
    if rec["StateForce"].strip() == "9999-12-31":
        also = ""
        if d["StateRatification"] is not None:
            also = (f"; its consent ({d['StateRatification']}) is left out too, since a "
                    "consent would bind it from the agreement's entry into force")
            d["StateRatification"] = None
        state.problem(file, row, line, "StateForce", rec["StateForce"], "open start",
                      REPAIRED, "9999-12-31 as an entry into force is read as 'not in force "
                      f"for this state'; StateForce is left out{also}")
    begins = _earliest(instrument.date).earliest
    for column in ("StateSignature", "StateRatification", "StateForce"):
        text = d[column]
        if text is not None and _earliest(text).latest < begins:
            state.problem(file, row, line, column, rec[column], "bound before the agreement "
                          "exists", LEFT_OUT, f"{column} {text} is before the agreement's "
                          f"date {instrument.date} ({instrument.id})")
            return
    _order(state, file, row, line, rec, d)
    starts = [t for t in (d["StateForce"], d["StateRatification"], d["StateSignature"]) if t]
    end = d["StateEnd"]
    if end is not None and starts and _earliest(end).latest < _earliest(starts[0]).earliest:
        copied = rec["StateEnd"].strip() in (rec["End"].strip(), rec["Term"].strip())
        if not copied:
            state.problem(file, row, line, "StateEnd", rec["StateEnd"], "end before start",
                          LEFT_OUT, f"StateEnd {end} is before the membership starts "
                          f"({starts[0]})")
            return
        state.problem(file, row, line, "StateEnd", rec["StateEnd"], "end before start",
                      REPAIRED, f"StateEnd {end} is before the membership starts ({starts[0]}) "
                      "and is the agreement's own End or Term copied to the row; StateEnd "
                      "is left out (the agreement's end still applies)")
        end = None
    source = _cite("memberships", row, instrument.tid, code)
    entry: dict[str, Any] = {"actor": code}
    if d["StateSignature"]:
        entry["signed"] = d["StateSignature"]
    if d["StateRatification"]:
        entry["consent"] = d["StateRatification"]
        entry["consent_by"] = "ratification"
    if d["StateForce"]:
        entry["in_force"] = d["StateForce"]
    succession = None
    if end is not None and end != instrument.ends:
        found = ending.get(code)
        if found is not None:
            window, end_span = found[1], _earliest(end)
            if window.earliest <= end_span.earliest and end_span.latest <= window.latest:
                succession = found[0]
        if succession is None:
            entry["withdrawn"] = end
    entry["sources"] = [source]
    values = tuple(rec.values())
    previous = instrument.party_rows.get(code)
    if previous is not None:
        first_row, _first_line, first_values = previous
        old = instrument.parties[code]
        if first_values == values:
            state.problem(file, row, line, "stateID", code, "duplicate row", LEFT_OUT,
                          f"identical to row {first_row}")
            return
        if old.get("withdrawn") is not None and old["withdrawn"] == entry.get("in_force"):
            merged = {**old, "sources": [*old["sources"], source]}
            merged.pop("withdrawn")
            if "withdrawn" in entry:
                merged["withdrawn"] = entry["withdrawn"]
            if succession is not None:
                merged["_succession"] = (succession, end)
            else:
                merged.pop("_succession", None)
            instrument.parties[code] = merged
            state.problem(file, row, line, "StateForce", rec["StateForce"], "consecutive "
                          "memberships", REPAIRED, f"row {first_row} ends the day this row "
                          "starts; merged into one membership")
            return
        differ = [c for c in MEMBERSHIP_COLUMNS if rec[c] != _column(first_values, c)]
        column = differ[0] if differ else "stateID"
        state.problem(file, row, line, column, rec.get(column, code),
                      "conflicting duplicate", LEFT_OUT,
                      f"row {first_row} has the same state and agreement with other values "
                      f"({', '.join(differ) or 'other columns'}); the first row is kept")
        return
    if succession is not None:
        entry["_succession"] = (succession, end)
    _actor(state, codes, code)
    instrument.parties[code] = entry
    instrument.party_rows[code] = (row, line, values)


#: (earlier, later, the one left out, why) for a membership's dates out of order
_ORDER = (
    ("StateSignature", "StateRatification", "StateSignature",
     "the signature is left out, the consent kept (accession or a coding slip)"),
    ("StateRatification", "StateForce", "StateRatification",
     "the consent is left out, the entry into force kept as coded (e.g. a succession "
     "notified later with effect from independence)"),
    ("StateSignature", "StateForce", "StateSignature",
     "the signature is left out, the entry into force kept as coded"),
)


def _order(state: _Import, file: str, row: int, line: int, rec: dict[str, str],
           d: dict[str, str | None]) -> None:
    """Signature, consent and entry into force in that order (VCLT arts. 11-24): a date out
    of order is left out and reported."""
    for earlier, later, dropped, why in _ORDER:
        first, second = d[earlier], d[later]
        if first is None or second is None:
            continue
        if _earliest(second).latest < _earliest(first).earliest:
            state.problem(file, row, line, dropped, rec[dropped], "dates out of order",
                          REPAIRED, f"{later} {second} is before {earlier} {first}; {why}")
            d[dropped] = None


_MEMBERSHIP_INDEX: dict[str, int] = {}


def _column(values: tuple[str, ...], column: str) -> str:
    """The cell of ``column`` in a membership row's values (in header order)."""
    return values[_MEMBERSHIP_INDEX[column]] if column in _MEMBERSHIP_INDEX else ""


# ---------------------------------------------------------------- finishing
def _finish(state: _Import, codes: _Codes, successions: list[dict[str, Any]],
            agreements_file: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """Instruments (as rule data) and succession records; every row's outcome settled."""
    written: list[dict[str, Any]] = []
    effects: dict[str, list[dict[str, Any]]] = defaultdict(list)
    memberships = 0
    for inst in state.instruments.values():
        if len(inst.parties) < 2:
            match = _BILATERAL_ID.match(inst.tid)
            if match:
                added = [c for c in match.groups() if c not in inst.parties]
                for c in added:
                    _actor(state, codes, c)
                    inst.parties[c] = {"actor": c, "sources": [inst.source],
                                       "note": "party read from the treatyID; no membership row"}
                if added:
                    state.problem(inst.file, inst.row, inst.line, "treatyID", inst.tid,
                                  "missing membership rows", REPAIRED,
                                  f"{', '.join(added)} read from the treatyID as "
                                  "parties bound as the agreement is")
        if len(inst.parties) < 2:
            state.problem(inst.file, inst.row, inst.line, "treatyID", inst.tid,
                          "fewer than two parties", LEFT_OUT,
                          f"{len(inst.parties)} membership row(s); an agreement needs its "
                          "parties")
            for code, (row, line, _values) in inst.party_rows.items():
                state.problem(MEMBERSHIPS_FILE, row, line, "treatyID", inst.tid,
                              "agreement left out", LEFT_OUT,
                              f"its agreement {inst.id} has fewer than two parties ({code})")
            continue
        if inst.amends is not None and inst.amends not in state.instruments:
            state.problem(inst.file, inst.row, inst.line, "treatyID", inst.tid,
                          "amended agreement unknown", REPAIRED,
                          f"{inst.amends} is not an agreement of the data; the link is left out")
            inst.amends = None
        form = FORMS.get(inst.type_ambit)
        note = [f"{DATASET} TypeAgree {inst.type_agree or '(empty)'}, "
                f"TypeAmbit {inst.type_ambit or '(empty)'}"]
        if form == "bilateral" and len(inst.parties) > 2:
            form = "multilateral"
            state.problem(inst.file, inst.row, inst.line, "TypeAmbit", inst.type_ambit,
                          "form contradicts parties", REPAIRED,
                          f"coded Bilateral with {len(inst.parties)} parties: multilateral")
        if inst.term is not None and inst.term != inst.ends:
            note.append(f"Term {inst.term} (its end by its own terms, as coded; not written as "
                        "'ends': the End column and each membership's StateEnd are)")
        if form is None:
            form = "bilateral" if len(inst.parties) == 2 else "multilateral"
            note.append(f"form from its {len(inst.parties)} parties")
        data: dict[str, Any] = {"id": inst.id, "title": inst.title, "kind": inst.kind,
                                "form": form, "date": inst.date}
        if inst.in_force:
            data["in_force"] = inst.in_force
        if inst.ends:
            data["ends"] = inst.ends
        if inst.amends:
            data["amends"] = inst.amends
        data["note"] = "; ".join(note)
        data["sources"] = [inst.source]
        parties = []
        for code, entry in inst.parties.items():
            succession = entry.pop("_succession", None)
            if succession is not None:
                record, end = succession
                effects[record["id"]].append({
                    "id": f"{record['id']}-{len(effects[record['id']]) + 1}", "kind": "withdraw",
                    "target": inst.id, "actor": code, "date": end,
                    "note": f"the dataset ends {code}'s membership on {end}, the succession",
                    "sources": list(entry["sources"])})
            parties.append(entry)
            memberships += 1
        data["parties"] = parties
        written.append(data)
    records = []
    for record in successions:
        for code in (record["predecessor"], *record["successors"]):
            _actor(state, codes, code)
        records.append({"id": record["id"], **record["instrument"],
                        "effects": effects.get(record["id"], [])})
    del agreements_file
    return written, records, memberships


def _dump(data: Any) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=120)
    return text


def _prepare_out(out: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise DataImportError(f"{out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()):
        if not force:
            raise DataImportError(f"{out}: the folder exists and is not empty; "
                                  "use --force (force=True) to replace an earlier import")
        if not (out / MARKER).is_file():
            raise DataImportError(f"{out}: not a folder this importer wrote (no {MARKER}); "
                                  "refusing to replace it, even with --force")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def import_ggo(agreements: str | Path | None = None, memberships: str | Path | None = None,
               out: str | Path = "ggo-rules", *, force: bool = False) -> ImportReport:
    """Import the GGO tables into the rules folder ``out`` and report what was done.

    Parameters
    ----------
    agreements, memberships
        The two CSV files (``.csv.gz`` or ``.csv``). Default: the files in
        :func:`default_data_folder`.
    out
        The rules folder to write; it must not exist, or be empty, or (with ``force``)
        hold an earlier import.
    force
        Replace an earlier import in ``out``.

    Raises
    ------
    DataImportError
        A file is missing or is not the expected CSV, or ``out`` would be overwritten.
    """
    started = time.perf_counter()
    paths = []
    for given, name in ((agreements, AGREEMENTS_FILE), (memberships, MEMBERSHIPS_FILE)):
        if given is None:
            folder = default_data_folder()
            if folder is None:
                raise DataImportError(
                    f"no {name} given and none found in ../shared/data/ggo or "
                    "$TREATYLOGIC_GGO_DATA")
            given = folder / name
        path = Path(given)
        if not path.is_file():
            raise DataImportError(f"{path}: no such file")
        paths.append(path)
    out = Path(out)
    _prepare_out(out, force)
    try:
        return _run(paths[0], paths[1], out, started)
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)  # never leave half an import behind
        raise


def _run(agreements: Path, memberships: Path, out: Path, started: float) -> ImportReport:
    state = _Import()
    codes = _codes()
    successions = list(_data("ggo-successions.yaml")["successions"])
    _MEMBERSHIP_INDEX.clear()
    _MEMBERSHIP_INDEX.update({c: i for i, c in enumerate(_header(memberships))})
    agreement_rows = _read_agreements(state, agreements)
    membership_rows = _read_memberships(state, memberships, codes, successions)
    instruments, records, membership_count = _finish(state, codes, successions,
                                                     agreements.name)
    readings = _data("ggo-readings.yaml")
    record_ids = [r["id"] for r in records]
    for doctrine in readings["doctrines"]:
        for rule in doctrine["rules"]:
            if rule["when"].get("source") == "SUCCESSION_RECORDS":
                rule["when"]["source"] = record_ids
    files = _write(out, state, instruments, records, readings)
    tables = tuple(
        TableSummary(path.name, rows, rows - len(state.outcomes[path.name]),
                     sum(1 for o in state.outcomes[path.name].values() if o == REPAIRED),
                     sum(1 for o in state.outcomes[path.name].values() if o == LEFT_OUT))
        for path, rows in ((agreements, agreement_rows), (memberships, membership_rows)))
    problems = tuple(sorted(state.problems, key=lambda p: (p.file != agreements.name, p.row)))
    report = ImportReport(
        out=out, tables=tables, problems=problems,
        date_forms={k: dict(v.most_common()) for k, v in sorted(state.forms.items())},
        instruments=len(instruments), actors=len(state.actors) + len(readings["actors"]),
        memberships=membership_count, successions=len(records),
        seconds=time.perf_counter() - started, files=tuple(files))
    (out / "import-report.txt").write_text(
        report.summary() + "\n\nEvery row problem (file:line [row, column=value] kind: "
        "what and how (outcome)):\n" + "".join(f"{p}\n" for p in problems), encoding="utf-8")
    (out / "README.md").write_text(_readme(report), encoding="utf-8")
    return report


def _header(path: Path) -> list[str]:
    for _row, _line, rec in _rows(path, MEMBERSHIP_COLUMNS):
        return [k for k in rec if k != "__width__"] if "__width__" not in rec else []
    return list(MEMBERSHIP_COLUMNS)


def _write(out: Path, state: _Import, instruments: list[dict[str, Any]],
           records: list[dict[str, Any]], readings: dict[str, Any]) -> list[str]:
    files: list[str] = []

    def put(name: str, data: Any) -> None:
        text = _dump(data)
        if len(text.encode()) > MAX_FILE_BYTES:
            raise DataImportError(f"{name}: {len(text):,} bytes, over the loader's limit")
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files.append(name)

    (out / MARKER).write_text("written by treatylogic import ggo\n", encoding="utf-8")
    put("actors.yaml", {"actors": [state.actors[k] for k in sorted(state.actors)]})
    by_decade: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for inst in instruments:
        by_decade[_earliest(inst["date"]).earliest.year // 10 * 10].append(inst)
    for decade in sorted(by_decade):
        put(f"instruments/{decade:04d}s.yaml", {"instruments": by_decade[decade]})
    put("successions.yaml", {"instruments": records})
    put("readings.yaml", readings)
    return files


def _readme(report: ImportReport) -> str:
    return f"""# GGO agreements and memberships, imported by treatylogic

Data: the GGO tables of the `manytreaties` data package, version {VERSION}
(globalgov/manytreaties), licensed CC BY 4.0. Cite as:

{CITATION}

This folder was written by `treatylogic import ggo`; it is an adaptation of those
tables (converted to treatylogic rule files; dates to EDTF). Every instrument and
membership cites its row: `{DATASET} {VERSION} agreements row N: treatyID` or
`{DATASET} {VERSION} memberships row N: stateID in treatyID`. Succession records and
readings (`successions.yaml`, `readings.yaml`) are treatylogic's, with their sources.

## Summary

```
{report.summary()}
```

Every row problem, with file, line, row and column: `import-report.txt`.
"""
