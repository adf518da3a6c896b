"""bench.py --load-only: the parse, the compiled cache's write and read, and their agreement."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench.py"


def test_the_load_only_run_reads_the_corpus_back_from_the_cache(tmp_path: Path) -> None:
    """At size 300: a parse, a cache write, a hit in a fresh process, the same table."""
    out = tmp_path / "load.json"
    subprocess.run([sys.executable, str(BENCH), "--load-only", "--sizes", "300", "--stances", "2",
                    "--json", str(out)], check=True, capture_output=True, text=True, timeout=300)
    [row] = json.loads(out.read_text())
    figures = ("load_s", "yaml_events_s", "cache_write_s", "cache_load_s", "cache_loaded_mib",
               "cache_load_peak_mib", "load_peak_mib", "table_s")
    assert [] == [key for key in figures if not isinstance(row.get(key), float)]
    assert (True, True, 2 * row["targets"]) == (row["cache_hit"], row["cache_agree"],
                                                row["cells"])
