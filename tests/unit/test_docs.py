"""The written semantics and the code say the same thing."""

from __future__ import annotations

from pathlib import Path

from treatylogic.status import TRANSITIONS, EffectKind, Lifecycle, Status

SEMANTICS = Path(__file__).resolve().parents[2] / "docs" / "semantics.md"


def test_semantics_doc_prints_the_transition_table_of_the_code() -> None:
    """docs/semantics.md's transition table equals TRANSITIONS, cell by cell (every event)."""
    lines = [line for line in SEMANTICS.read_text(encoding="utf-8").splitlines()
             if line.startswith("| `")]
    header = next(line for line in SEMANTICS.read_text(encoding="utf-8").splitlines()
                  if line.startswith("| status before"))
    events = {e.value: e for e in (*EffectKind, *Lifecycle)}
    kinds = [events[cell.strip()] for cell in header.strip("|").split("|")[1:]]
    written = {}
    for line in lines:
        cells = [c.strip() for c in line.strip("|").split("|")]
        status = Status(cells[0].strip("`"))
        for kind, cell in zip(kinds, cells[1:], strict=True):
            if cell != "·":
                written[(status, kind)] = Status(cell.strip("*"))
    assert dict(TRANSITIONS) == written
    assert set(Status) == {Status(line.split("`")[1]) for line in lines}


def test_semantics_doc_names_every_status_and_effect_kind() -> None:
    """Every status and effect kind of the code appears in the semantics document."""
    text = SEMANTICS.read_text(encoding="utf-8")
    for word in [*Status, *EffectKind, *Lifecycle]:
        assert f"`{word.value}`" in text
