"""Where the memory of a loaded corpus goes: resident memory, Python's own count, and a census.

In a fresh interpreter: ``treatylogic.load`` of a folder, by a parse (``--path parse``,
the compiled cache off) or from the compiled cache (``--path cache``: it must hold
the folder already, e.g. after a ``--path parse --keep`` run), then:

- ``VmRSS`` / ``VmHWM``: resident memory after the load and its peak (Linux), in MiB;
- ``python MiB``: what Python's allocators hold for live objects after the load
  (``sys._debugmallocstats`` is too verbose; this is ``tracemalloc`` when ``--traced``
  is given, which also slows the load several times, so no time is reported then);
- the census: every object reachable from the corpus (``gc.get_referents``, each
  counted once), ``sys.getsizeof`` summed by type; a model's own dict, where it has
  one, is counted as ``dict of <model>``. On CPython 3.11 ``getsizeof`` of a compact
  model (no dict of its own, see :func:`treatylogic.models.compact_model`) does not
  include the array of its attribute values (8 bytes a field, one spare, and a
  small prefix: 192 bytes for an instrument); the census adds it as
  ``values of <model>``.

Usage::

    python benchmarks/memory.py FOLDER --path parse [--keep] [--census] [--traced]
    python benchmarks/memory.py FOLDER --path cache --census
"""

from __future__ import annotations

import argparse
import collections
import gc
import sys
import time
import types
from pathlib import Path
from typing import Any


def _status(key: str) -> float | None:
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return None


def census(root: Any) -> list[tuple[str, int, int]]:
    """``(type, count, bytes)`` of every object reachable from ``root``, largest first."""
    from pydantic import BaseModel

    sizes: collections.Counter[str] = collections.Counter()
    counts: collections.Counter[str] = collections.Counter()
    skip = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType)
    seen, todo = {id(root)}, [root]
    while todo:
        obj = todo.pop()
        name = type(obj).__name__
        sizes[name] += sys.getsizeof(obj)
        counts[name] += 1
        referents = gc.get_referents(obj)
        if isinstance(obj, BaseModel):
            own = [r for r in referents if type(r) is dict and r is getattr(obj, "__dict__", None)]
            if own:
                sizes[f"dict of {name}"] += sys.getsizeof(own[0])
                counts[f"dict of {name}"] += 1
                referents = [r for r in referents if r is not own[0]] + list(own[0].values())
            elif sys.version_info[:2] == (3, 11):
                slots = len(type(obj).model_fields) + 1  # CPython keeps one spare
                sizes[f"values of {name}"] += -(-(slots + 2) // 8) * 8 + 8 * slots
                counts[f"values of {name}"] += 1
        for ref in referents:
            if id(ref) not in seen and not isinstance(ref, skip):
                seen.add(id(ref))
                todo.append(ref)
    return sorted(((n, counts[n], sizes[n]) for n in sizes), key=lambda r: -r[2])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--path", choices=("parse", "cache"), default="parse")
    parser.add_argument("--keep", action="store_true",
                        help="after a parse, write the compiled cache entry (for --path cache)")
    parser.add_argument("--census", action="store_true", help="count what the corpus holds")
    parser.add_argument("--traced", action="store_true",
                        help="Python's own count of live memory (tracemalloc; slow)")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    import tracemalloc

    import treatylogic as tl
    from treatylogic import loading

    if args.traced:
        tracemalloc.start()
    start = time.process_time()
    corpus = tl.load(args.folder, cache=args.path == "cache")
    took = time.process_time() - start
    gc.collect()
    print(f"path {args.path}: {corpus!r}")
    if args.traced:
        print(f"python MiB {tracemalloc.get_traced_memory()[0] / 2**20:,.1f} "
              f"(peak {tracemalloc.get_traced_memory()[1] / 2**20:,.1f})")
    else:
        print(f"load CPU s {took:.2f}")
    print(f"VmRSS MiB {_status('VmRSS'):,.1f}  VmHWM MiB {_status('VmHWM'):,.1f}")
    if args.keep and args.path == "parse":
        folder = Path(args.folder)
        entry = loading._cache_entry(loading.rule_files(folder), folder, tl.Corpus, True)
        assert entry is not None, "the cache is off ($TREATYLOGIC_CACHE)"
        start = time.process_time()
        written = entry.put(corpus, loading.rule_files(folder))
        print(f"cache written {written} in {time.process_time() - start:.2f} CPU s "
              f"({entry.path.stat().st_size / 2**20:,.1f} MiB); "
              f"VmHWM MiB {_status('VmHWM'):,.1f}")
    if args.census:
        rows = census(corpus)
        total = sum(size for _, _, size in rows)
        print(f"census: {total / 2**20:,.1f} MiB in {sum(c for _, c, _ in rows):,} objects")
        for name, count, size in rows[:args.top]:
            print(f"  {name:28s} {count:>11,} {size / 2**20:9.1f} MiB {size / count:7.0f} B")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
