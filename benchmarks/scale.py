"""Scale of validation (issue 17): large corpora that validate, and large numbers of problems.

Each case writes a rules folder, then a fresh interpreter loads it (``tl.load``)
and reports the wall time of the load, the problems found, and its peak
resident memory (``VmHWM``); the ``validate`` command's stderr is measured too
(its bytes: the message lists 50 problems and counts the rest).

Cases (``--cases``, default all; ``--scale`` multiplies the sizes, default 1):

- ``typos``: 100,000 effects whose targets are misspelt (100,000 "did you mean");
- ``bad-items``: one file of 245,000 list items of the wrong type (~1 MB);
- ``lineage``: 100,000 actors, each continuing the one before;
- ``chain``: 100,000 instruments, each superseding the one before (loading only:
  resolving it is issue 12's);
- ``sets``: three EDTF sets of 1,000 members each;
- ``valid-size``: a synthetic valid corpus of 10,000 instruments (``treatylogic.synth``),
  for peak memory against the size of its files.

Usage::

    python benchmarks/scale.py [--cases typos,chain] [--scale 0.1] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

CHILD = """
import json, sys, time
import treatylogic as tl
began = time.perf_counter()
try:
    corpus = tl.load(sys.argv[1])
    problems, size = 0, len(corpus.instruments)
except tl.RulesError as exc:
    problems, size = len(exc.problems), 0
elapsed = time.perf_counter() - began
peak = next(int(line.split()[1]) for line in open("/proc/self/status")
            if line.startswith("VmHWM:"))
print(json.dumps({"load_s": elapsed, "problems": problems, "instruments": size,
                  "peak_mib": peak / 1024}))
"""


def _actors(lines: list[str]) -> None:
    lines += ["actors:", "  - {id: a0, name: A, kind: state}", "  - {id: a1, name: B, kind: state}"]


def typos(n: int) -> str:
    lines: list[str] = []
    _actors(lines)
    lines.append("instruments:")
    for i in range(n):
        lines.append(f"  - {{id: inst-{i:06d}, title: T, kind: treaty, form: bilateral, "
                     f"parties: [a0, a1], date: '1950', effects: [{{id: e{i}, kind: terminate, "
                     f"target: inst-{(i + 1) % n:06d}x}}]}}")
    return "\n".join(lines) + "\n"


def bad_items(n: int) -> str:
    return "actors:\n" + "- 1\n" * n


def lineage(n: int) -> str:
    lines = ["actors:"]
    for i in range(n):
        follows = f", continues: [a{i - 1}]" if i else ""
        lines.append(f"  - {{id: a{i}, name: A{i}, kind: state{follows}}}")
    return "\n".join(lines) + "\n"


def chain(n: int) -> str:
    lines: list[str] = []
    _actors(lines)
    lines.append("instruments:")
    for i in range(n):
        effects = f", effects: [{{id: e{i}, kind: supersede, target: i{i - 1}}}]" if i else ""
        lines.append(f"  - {{id: i{i}, title: T, kind: treaty, form: bilateral, "
                     f"parties: [a0, a1], date: '1950'{effects}}}")
    return "\n".join(lines) + "\n"


def sets(n: int) -> str:
    lines: list[str] = []
    _actors(lines)
    lines.append("instruments:")
    for k in range(3):
        members = ",".join(f"{1000 + (i + k) % 9000}-01-0{1 + i % 9}" for i in range(n))
        lines.append(f"  - {{id: s{k}, title: T, kind: treaty, form: bilateral, "
                     f"parties: [a0, a1], date: '[{members}]'}}")
    return "\n".join(lines) + "\n"


CASES: dict[str, tuple[int, Callable[[int], str]]] = {
    "typos": (100_000, typos), "bad-items": (245_000, bad_items),
    "lineage": (100_000, lineage), "chain": (100_000, chain), "sets": (1_000, sets),
}


#: Items per file: rule files are limited to 8 MiB and 500,000 values each.
PER_FILE = 5_000


def _split(text: str, name: str) -> list[str]:
    """One case's text as several rule files of PER_FILE items (bad-items stays one file)."""
    if name == "bad-items":
        return [text]
    items: list[str] = []
    section, files = "", []
    for line in text.splitlines():
        if not line.startswith(" "):
            if items:
                files += _chunks(section, items)
            section, items = line, []
        elif line.startswith("  - "):
            items.append(line)
        else:
            items[-1] += "\n" + line
    files += _chunks(section, items)
    return files


def _chunks(section: str, items: list[str]) -> list[str]:
    return [section + "\n" + "\n".join(items[k:k + PER_FILE]) + "\n"
            for k in range(0, len(items), PER_FILE)]


def _measure(folder: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", CHILD, str(folder)], capture_output=True,
                          text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout)
    began = time.perf_counter()
    validate = subprocess.run([sys.executable, "-m", "treatylogic", "--rules", str(folder),
                               "validate"], capture_output=True, check=False)
    result["validate_s"] = time.perf_counter() - began
    result["stderr_bytes"] = len(validate.stderr)
    result["exit"] = validate.returncode
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join([*CASES, "valid-size"]))
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = []
    for name in args.cases.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / name
            folder.mkdir()
            if name == "valid-size":
                from treatylogic.synth import write_rules
                size = max(int(10_000 * args.scale), 10)
                write_rules(folder, size)
            else:
                base, make = CASES[name]
                size = max(int(base * args.scale), 10)
                for number, text in enumerate(_split(make(size), name)):
                    (folder / f"rules-{number:03d}.yaml").write_text(text, encoding="utf-8")
            file_mib = sum(p.stat().st_size for p in folder.rglob("*.yaml")) / 2**20
            row = {"case": name, "size": size, "files_mib": file_mib, **_measure(folder)}
        results.append(row)
        print(f"{name:11s} n={size:>8,}  files {file_mib:7.2f} MiB  load {row['load_s']:7.2f} s  "
              f"validate {row['validate_s']:7.2f} s  problems {int(row['problems']):>8,}  "
              f"peak {row['peak_mib']:7.0f} MiB  stderr {int(row['stderr_bytes']):>7,} B  "
              f"exit {int(row['exit'])}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
