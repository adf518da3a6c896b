"""The models' own checks, with their fast paths for the common case, refuse and say as before."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from treatylogic.models import Instrument

_BASE = dict(id="t", title="T", kind="treaty", form="bilateral", parties=["a", "b"],
             date="1950")
_TERMINATE = {"id": "e", "kind": "terminate", "target": "u"}

#: A declaration, and what validation says: "ok" and its date, or (path, message) of each
#: error (the path of a model check is its FieldError's, as the loader shows it).
CASES = [
    (dict(_BASE, effects=[{"id": "e", "kind": "terminate", "target": "t#p"}]),
     [(("effects", 0, "target"), "effect 'e' targets its own instrument 't'")]),
    (dict(_BASE, provisions=[{"id": "p", "summary": "s", "variants": ["v"]}]),
     [(("provisions", 0, "variants", 0),
       "provision 'p' names variant 'v', which 't' does not declare (known: none)")]),
    (dict(_BASE, parties=["a", {"actor": "b", "provisional": "1949"}]),
     [(("parties", 1, "provisional"),
       "party 'b': 'provisional' 1949 is before the instrument's date 1950")]),
    (dict(_BASE, parties=["a", {"actor": "b", "withdrawn": "1940"}]), ("ok", "1950")),
    (dict(_BASE, parties=["a", {"actor": "b", "signed": "1952", "consent": "1951"}]),
     [(("parties", 1, "consent"), "'consent' 1951 is before 'signed' 1952")]),
    (dict(_BASE, effects=[dict(_TERMINATE, by="p")]),
     [(("effects", 0, "by"),
       "effect 'e' is declared 'by' provision 'p', which 't' does not have (known: none)")]),
    (dict(_BASE, provisions=[{"id": "p", "summary": "s"}],
          effects=[_TERMINATE, dict(_TERMINATE, id="f", by="q")]),
     [(("effects", 1, "by"), "effect 'f' is declared 'by' provision 'q', which 't' does "
       "not have (known: ['p'])")]),
    (dict(_BASE, effects=[_TERMINATE, dict(_TERMINATE, kind="suspend")]),
     [(("effects", 1, "id"), "two effects have the id 'e'")]),
    (dict(_BASE, provisions=[{"id": "p", "summary": "s"}, {"id": "p", "summary": "t"}]),
     [(("provisions", 1, "id"), "two provisions have the id 'p'")]),
    (dict(_BASE, effects=[dict(_TERMINATE, date="1949")]),
     [(("effects", 0, "date"), "effect 'e' is dated 1949, before its instrument (1950); "
       "say 'retroactive: true' if the instrument records an earlier act")]),
    (dict(_BASE, parties=["a", "a"]), [(("parties", 1), "party 'a' is listed twice")]),
    (dict(_BASE, date=1950), ("ok", "1950")),
    (dict(_BASE, date=dt.date(1950, 5, 1)), ("ok", "1950-05-01")),
    (dict(_BASE, date="1950-02-30"),
     [(("date",), "'1950-02-30' is not an EDTF date; write e.g. '1919-07-25', '1919-07', "
       "'1919', '1920-02/1920-03' or '1922-10/..'")]),
    (dict(_BASE, date=["1950"]),
     [(("date",), "a date is text such as '1919-07-25', '1919-07' or '1919'")]),
]


def _said(data: dict) -> object:
    try:
        return "ok", Instrument.model_validate(data).date.text
    except ValidationError as exc:
        said = []
        for item in exc.errors(include_url=False):
            error = (item.get("ctx") or {}).get("error")
            at = getattr(error, "at", ())
            said.append(((*item["loc"], *at), str(error) if error else item["msg"]))
        return said


@pytest.mark.parametrize(("data", "expected"), CASES)
def test_a_declaration_is_refused_or_accepted_as_before(data, expected):
    """Each case: the same verdict, at the same path, in the same words."""
    assert expected == _said(data)
