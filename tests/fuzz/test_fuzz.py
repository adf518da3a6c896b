"""Mutated rule folders load or fail with a RulesError, never with anything else.

Examples per run: ``TREATYLOGIC_FUZZ_EXAMPLES`` or ``pytest --fuzz-examples N``
(default 1,500: about 40 s on two cores). ``python tests/fuzz/long_run.py`` counts
crashes over a longer run instead of stopping at the first.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from fuzz.mutations import check_load, mutate_folder, read_folder, seed_folders, write_folder

EXAMPLES = int(os.environ.get("TREATYLOGIC_FUZZ_EXAMPLES", "1500"))
SEEDS = {str(folder): read_folder(folder) for folder in seed_folders()}


class DrawChooser:
    """Choices drawn by hypothesis, so that a failure shrinks."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data

    def integer(self, low: int, high: int) -> int:
        return self.data.draw(st.integers(low, high))

    def text(self) -> str:
        return self.data.draw(st.text(max_size=12))


def test_seeds_load() -> None:
    """The unmutated seed folders load (else the fuzz suite mutates broken input)."""
    expected = ["ok"] * len(SEEDS)
    assert expected == [check_load(Path(folder)) for folder in SEEDS]


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_mutated_folder_loads_or_raises_rules_error(data: st.DataObject) -> None:
    """A mutated folder loads, or raises RulesError whose every problem has a file and message."""
    chooser = DrawChooser(data)
    seed = data.draw(st.sampled_from(sorted(SEEDS)))
    files, names = mutate_folder(SEEDS[seed], chooser)
    note(f"seed {seed}; mutations {names}")
    with tempfile.TemporaryDirectory() as tmp:
        write_folder(Path(tmp), files)
        assert check_load(Path(tmp)) in {"ok", "rules-error"}
