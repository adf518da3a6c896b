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
               "cache_load_peak_mib", "load_peak_mib", "table_s", "cache_entry_mib")
    assert [] == [key for key in figures if not isinstance(row.get(key), float)]
    assert (True, True, 2 * row["targets"]) == (row["cache_hit"], row["cache_agree"],
                                                row["cells"])


def test_the_memory_census_counts_compact_models_and_reads_the_cache(tmp_path: Path) -> None:
    """benchmarks/memory.py: a parse kept, then read from the cache: compact models counted."""
    from treatylogic.synth import write_rules

    write_rules(tmp_path / "rules", 300, stances=2, seed=2)
    script = BENCH.parent / "memory.py"
    env = {"TREATYLOGIC_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    runs = [subprocess.run([sys.executable, str(script), str(tmp_path / "rules"), "--path", path,
                            *extra, "--census"], check=True, capture_output=True, text=True,
                           timeout=300, env=env).stdout
            for path, extra in (("parse", ["--keep"]), ("cache", []))]
    assert ["cache written True"] == [line[:18] for line in runs[0].splitlines()
                                      if line.startswith("cache written")]
    for out in runs:
        counted = {line.split()[0] + " " + line.split()[2]: int(line.split()[3].replace(",", ""))
                   for line in out.splitlines() if line.startswith("  values of ")}
        if sys.version_info[:2] == (3, 11):  # the census estimates the arrays on 3.11 only
            assert 300 == counted["values Instrument"]
        assert [] == [line for line in out.splitlines() if line.startswith("  dict of Instrument")]
