"""bench.py --load-only: write, parse, load and one table per size, with memory after each."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench.py"


def test_load_only_writes_one_row_per_size_with_its_table_and_memory(tmp_path: Path) -> None:
    """Each size gives load and table figures; the table has a cell per target and stance."""
    out = tmp_path / "load.json"
    subprocess.run([sys.executable, str(BENCH), "--load-only", "--sizes", "150,300",
                    "--stances", "3", "--json", str(out)],
                   check=True, capture_output=True, text=True, timeout=300)
    rows = json.loads(out.read_text())
    expected = [(150, 3, True, True), (300, 3, True, True)]
    actual = [(row["size"], row["stances"], row["cells"] == row["targets"] * 3,
               row["table_peak_mib"] >= row["load_peak_mib"] >= row["loaded_mib"] > 0)
              for row in rows]
    assert expected == actual
