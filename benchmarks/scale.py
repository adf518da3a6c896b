"""Scale of validation (issue 17): large corpora that validate, and large numbers of problems.

Each case writes a rules folder, then a fresh interpreter loads it (``tl.load``)
and reports the CPU time of the load (``time.process_time``: the machine is
shared, wall time is noise), the problems found, its resident memory after
``import treatylogic`` and its peak (``VmHWM``), whose difference is compared with
the size of the files; the ``validate`` command's CPU time (of the child) and
stderr are measured too (its bytes: the message lists 50 problems and counts the rest).

Cases (``--cases``, default all; ``--scale`` multiplies the sizes, default 1):

- ``typos``: 100,000 effects whose targets are misspelt (100,000 "did you mean");
  ``typos-2k``: 2,000 of them (the issue's own figure);
- ``bad-items``: one file of 245,000 list items of the wrong type (~1 MB);
- ``lineage``: 100,000 actors, each continuing the one before; ``lineage-5k``: 5,000;
- ``chain``: 100,000 instruments, each superseding the one before; the first
  (whose status reads every link) is resolved and its timeline built in the
  loading interpreter, then ``status``, ``explain`` and ``timeline`` run on it;
- ``sets``: three EDTF sets of 1,000 members each;
- ``valid-size``: a synthetic valid corpus of 10,000 instruments (``treatylogic.synth``),
  for peak memory against the size of its files.

Usage::

    python benchmarks/scale.py [--cases typos,chain] [--scale 0.1] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CHILD = """
import json, sys, time
began_cpu, began = time.process_time(), time.perf_counter()
import treatylogic as tl
def rss(key):
    return next(int(line.split()[1]) for line in open("/proc/self/status")
                if line.startswith(key + ":")) / 1024
imported_cpu, base = time.process_time(), rss("VmRSS")
try:
    corpus = tl.load(sys.argv[1])
    problems, size = 0, len(corpus.instruments)
except tl.RulesError as exc:
    problems, size = len(exc.problems), 0
out = {"load_cpu_s": time.process_time() - imported_cpu, "load_s": time.perf_counter() - began,
       "problems": problems, "instruments": size, "peak_mib": rss("VmHWM"),
       "base_mib": base}
if len(sys.argv) > 2 and problems == 0:  # resolve the chain's far end: every link is read
    target, stance = sys.argv[2], sys.argv[3]
    t = time.process_time()
    out["resolved"] = corpus.resolve(target, stance, "2000").status.value
    out["resolve_cpu_s"] = time.process_time() - t
    t = time.process_time()
    out["timeline_intervals"] = len(corpus.timeline(target, stance).intervals)
    out["timeline_cpu_s"] = time.process_time() - t
print(json.dumps(out))
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
    lines += ["stances:", "  - {id: s0, actor: a0, name: S}"]
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
    "typos": (100_000, typos), "typos-2k": (2_000, typos), "bad-items": (245_000, bad_items),
    "lineage": (100_000, lineage), "lineage-5k": (5_000, lineage), "chain": (100_000, chain),
    "sets": (1_000, sets),
}
#: For these cases the far end of the chain is resolved too: (target, stance, commands).
RESOLVED = {"chain": ("i0", "s0", ("status", "explain", "timeline"))}


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


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(args: list[str]) -> tuple[subprocess.CompletedProcess[bytes], float, float]:
    """A command in a fresh interpreter: its result, wall time and CPU time."""
    cpu, began = _children_cpu(), time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "treatylogic", *args], capture_output=True,
                          check=False)
    return done, time.perf_counter() - began, _children_cpu() - cpu


def _measure(folder: Path, name: str) -> dict[str, Any]:
    target = RESOLVED.get(name)
    extra = [target[0], target[1]] if target else []
    done = subprocess.run([sys.executable, "-c", CHILD, str(folder), *extra],
                          capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout)
    validate, wall, cpu = _run(["--rules", str(folder), "validate"])
    result |= {"validate_s": wall, "validate_cpu_s": cpu, "stderr_bytes": len(validate.stderr),
               "exit": validate.returncode}
    if target is None:
        return result
    for command in target[2]:
        ran, wall, cpu = _run(["--rules", str(folder), command, target[0], "--stance",
                               target[1], *(["--at", "2000"] if command != "timeline" else [])])
        result[command] = {"exit": ran.returncode, "cpu_s": cpu, "wall_s": wall,
                           "stdout_bytes": len(ran.stdout),
                           "stderr": ran.stderr.decode(errors="replace")[-300:]}
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
            row = {"case": name, "size": size, "files_mib": file_mib,
                   **_measure(folder, name)}
        results.append(row)
        grew = (row["peak_mib"] - row["base_mib"]) / file_mib if file_mib else 0.0
        print(f"{name:11s} n={size:>8,}  files {file_mib:7.2f} MiB  "
              f"load {row['load_cpu_s']:7.2f} s CPU  "
              f"validate {row['validate_cpu_s']:7.2f} s CPU ({row['validate_s']:.1f} wall)  "
              f"problems {int(row['problems']):>8,}  peak {row['peak_mib']:5.0f} MiB "
              f"({grew:.1f}x files above {row['base_mib']:.0f})  "
              f"stderr {int(row['stderr_bytes']):>7,} B  exit {int(row['exit'])}", flush=True)
        if "resolved" in row:
            print(f"{'':11s} resolve {row['resolve_cpu_s']:.2f} s CPU -> {row['resolved']}; "
                  f"timeline {row['timeline_cpu_s']:.2f} s CPU, {row['timeline_intervals']} "
                  "intervals", flush=True)
        for command in RESOLVED.get(name, ("", "", ()))[2]:
            ran = row[command]
            print(f"{'':11s} {command:8s} exit {ran['exit']}  {ran['cpu_s']:.2f} s CPU  "
                  f"({ran['wall_s']:.1f} wall)  stdout {ran['stdout_bytes']:,} B"
                  + (f"  stderr: {ran['stderr']!r}" if ran["exit"] else ""), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
