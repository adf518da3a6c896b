"""Benchmark: the engine against clingo and against a floor, on synthetic corpora of N instruments.

For each size (default 1,000 / 10,000 / 100,000; ``--sizes``) one child process
writes a synthetic corpus (:mod:`treatylogic.synth`) as rule files, then
measures, as medians of ``--repeat`` runs:

- ``yaml_parse_s``: the bare YAML parse of the files (PyYAML's C loader);
- ``yaml_events_s``: libyaml's event stream over the same files, nothing built
  (what the loader reads: the parse baseline for ``load_s``);
- ``load_s``: ``treatylogic.load`` of the same files (parse, validate, check, index),
  the compiled cache off and the date parser's memo cleared before each run: a first
  parse every time;
- ``cache_write_s``: keeping that corpus in the compiled cache (:mod:`treatylogic.cache`,
  in a scratch cache folder); ``cache_load_s``: ``treatylogic.load`` read back from it
  (the files hashed, the entry checked and unpickled); ``cache_agree``: the corpus from
  the cache gives the same full table;
- ``engine_full_s``: the full table, every instrument and provision under every
  stance at one date, through ``Corpus.table`` (statuses, no traces) with every
  resolution memo forgotten first (``_fresh``);
- ``clingo_full_s``: the same table from the ASP oracle (export, ground, solve),
  in a grandchild process so that its memory is not counted: the median of
  ``--clingo-repeat`` runs (default 3), split into clingo's grounding
  (``clingo_ground_s``), its solving (``clingo_solve_s``) and the Python around
  them (``clingo_glue_s``: export, reading models), with the grandchild's peak
  memory (``clingo_peak_mib``); only up to ``--clingo-max-size`` instruments
  (default 1,000: the issue-12 oracle enumerates orders and instants, and its cost
  grows much faster than the engine's); ``agree`` is true when the two tables are
  identical;
- ``engine_days``: the full table on each of ``--days`` (default 1950-06-30 and
  1990-06-30, besides 2030-12-31), with how many cells were pending or
  undetermined there (targets not yet in force, or inside an uncertain date);
- ``floor_s``: a fair lower bound: every (target, stance) cell written, each the
  bare fold of its target's effects through the transition table;
- ``first_query_s``: the first single query on the corpus just loaded, with
  whatever is built lazily (not a warmed-up "cold" query);
- single queries on a cold cache (every memo forgotten before each, the corpus's views
  of continuity kept: see ``_fresh``; ``query_strict_p99_s`` forgets those too) and a
  warm one (after the full table): p50 and p99 of ``--queries`` random queries;
- ``engine_traced_s``: the same table through ``Corpus.resolve``, with every cell's trace
  (one run); ``traced_agree``: it gives the same statuses as the bulk table.
- ``peak_mib``: the peak resident memory of a fresh interpreter that loads the
  files and builds the bulk table, nothing else (``--peak FOLDER``);
  ``traced_peak_mib``: the measuring child's peak after the traced table, which keeps
  every trace of every cell (and also holds what the YAML and synthetic steps left).

With ``--ggo ../shared/data/ggo`` the real GGO tables are imported
(``treatylogic.importers.import_ggo``, ``import_s``) and measured the same way
beside the synthetic sizes (no clingo).

Every time is CPU time of the process that does the work (``time.process_time``).

Usage::

    python benchmarks/bench.py                      # 1000,10000,100000
    python benchmarks/bench.py --sizes 1000,10000 --json out.json
    python benchmarks/bench.py --sizes 1000,10000 --ggo ../shared/data/ggo
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

KEYS = ("size", "stances", "engine_full_s", "clingo_full_s", "floor_s", "agree", "load_s",
        "yaml_parse_s", "query_cold_p99_s", "peak_mib")


def _median_time(action: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The median CPU time of ``repeat`` runs, and the last run's result.

    CPU time (``time.process_time``), not wall time: on a shared machine other
    processes' work would otherwise be counted as ours.
    """
    times, result = [], None
    for _ in range(repeat):
        result = None  # let the last run's result go first: peak memory is one run's, not two
        start = time.process_time()
        result = action()
        times.append(time.process_time() - start)
    return statistics.median(times), result


def _paired_times(first: Callable[[], Any], second: Callable[[], Any], repeat: int
                  ) -> tuple[float, float, Any]:
    """Median CPU times of ``first`` and ``second`` run in turn ``repeat`` times, and the
    last result of ``second``: a ratio of the two then compares runs made under the same
    load (the load of a shared machine drifts between blocks of runs)."""
    times_a, times_b, result = [], [], None
    for _ in range(repeat):
        start = time.process_time()
        done = first()
        times_a.append(time.process_time() - start)
        del done
        result = None
        start = time.process_time()
        result = second()
        times_b.append(time.process_time() - start)
    return statistics.median(times_a), statistics.median(times_b), result


def _event_parse(files: list[Path], loader: Any) -> int:
    """libyaml's event stream over the files, nothing built: what the loader itself reads,
    as it reads it (one ``get_event`` an event, to the stream's end: asking
    ``check_event`` first as well costs 3-5 % more, which flattered the ratio)."""
    import yaml

    end = yaml.StreamEndEvent
    count = 0
    for file in files:
        parser = loader(file.read_bytes())
        try:
            get = parser.get_event
            while True:  # every event, the stream's end included
                count += 1
                if get().__class__ is end:
                    break
        finally:
            parser.dispose()
    return count


def _table_digest(table: dict[tuple[str, str], Any]) -> str:
    """A digest of a status table, in its own order (the same corpus gives the same order)."""
    import hashlib

    digest = hashlib.blake2b(digest_size=16)
    for (target, stance), status in table.items():
        digest.update(f"{target}|{stance}|{status.value}\n".encode())
    return digest.hexdigest()


def _parse_load(folder: str) -> Any:
    """``tl.load`` parsing the files: the compiled cache off, the date parser's memo cleared."""
    import treatylogic as tl
    from treatylogic.dates import parse_date

    parse_date.cache_clear()
    return tl.load(folder, cache=False)


def _cache_entry(folder: str) -> Any:
    """The compiled cache entry of ``folder`` (in ``$TREATYLOGIC_CACHE_DIR``), whatever its size."""
    import treatylogic as tl
    from treatylogic import loading

    entry = loading._cache_entry(loading.rule_files(Path(folder)), Path(folder), tl.Corpus, True)
    assert entry is not None, "the cache is off ($TREATYLOGIC_CACHE)"
    return entry


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _fresh(corpus: Any, views: bool = True) -> None:
    """Forget every memo a resolution builds, so that the next one starts cold.

    That is the resolvers (statuses, traces, rule decisions), the compiled rules,
    the decisions and plans stances share, the cycle searches, and the rule base's
    own lazy memos (each instrument's authors, each actor's ancestors) and, with
    ``views`` (every table), its views of continuity and their succession forests:
    empty after a load, filled by the first table, linear in the actors. A cold
    single query keeps the views (``views=False``): built once per corpus, by the
    first query that needs one, like the graph's components (the strict figure,
    views rebuilt before each query, is reported too). What stays is what loading
    built: the corpus, its indexes and target records (timed in ``load_s``), and the
    dependency graph's cyclic components (a structural index, built on the first
    resolution).
    """
    for memo in ("_resolvers", "_compiled_rules", "_rules_by_kind", "_verdict_groups",
                 "_shared_verdicts", "_shared_plans", "_decisions"):
        corpus.__dict__.pop(memo, None)
    for lazy in ("_authors", "_ancestors", *(("_continuity", "_forests") if views else ())):
        getattr(corpus, lazy).clear()
    cycles = corpus.__dict__.get("_cycles_found")  # gone from the issue-12 resolver
    if cycles is not None:
        cycles.clear()


def engine_table(corpus: Any, day: Any) -> dict[tuple[str, str], str]:
    """Every target under every stance at ``day``: the bulk API (statuses, no traces)."""
    return {key: status.value for key, status in corpus.table(day).items()}


def engine_traced_table(corpus: Any, day: Any) -> dict[tuple[str, str], str]:
    """The same table through ``Corpus.resolve``, building every cell's trace."""
    stances = sorted(corpus.stances)
    return {(target, stance): corpus.resolve(target, stance, day).status.value
            for target in corpus.targets() for stance in stances}


def floor_table(corpus: Any) -> dict[tuple[str, str], Any]:
    """A fair lower bound: each target's effects folded through the transition table.

    Every (target, stance) cell is written, as the table writes it, and each is the
    bare fold of its target's effects (in operative order) from ``in_force``
    through ``TRANSITIONS``: no rule, no date, no source, no party, no order checked.
    Any resolver must at least do this much.
    """
    from treatylogic.status import TRANSITIONS, Status

    start, get = Status.IN_FORCE, TRANSITIONS.get
    # the records in the index's order, then sorted by target (as the kernel reads them:
    # no look-up per target), so that the cells come in the table's order
    index = corpus.target_records
    refs, effects = list(index), [record.effects for record in index.values()]
    records = [(refs[i], effects[i]) for i in sorted(range(len(refs)), key=refs.__getitem__)]
    out = {}
    for stance in sorted(corpus.stances):
        for target, effects in records:
            status = start
            for record in effects:
                status = get((status, record.kind), status)
            out[(target, stance)] = status
    return out


def _clingo_child(folder: str, day: Any, repeat: int, conn: Any) -> None:
    import clingo

    import treatylogic as tl
    from treatylogic.asp import solve

    spent = {"ground": 0.0, "solve": 0.0}
    plain = clingo.Control

    class Timed(plain):  # type: ignore[misc, valid-type]
        """clingo's Control, timing its grounding and its solving apart."""

        def ground(self, *args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return super().ground(*args, **kwargs)
            finally:
                spent["ground"] += time.process_time() - start

        def solve(self, *args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return super().solve(*args, **kwargs)
            finally:
                spent["solve"] += time.process_time() - start

    clingo.Control = Timed  # what treatylogic.asp builds its controls with
    corpus = tl.load(folder, cache=False)
    queries = [(t, None, s, day) for t in corpus.targets() for s in sorted(corpus.stances)]
    runs = []
    answers: Any = None
    for _ in range(repeat):
        spent.update(ground=0.0, solve=0.0)
        answers = None
        start = time.process_time()
        answers = solve(corpus, queries)
        total = time.process_time() - start
        runs.append((total, spent["ground"], spent["solve"]))
    total, ground, solved = sorted(runs)[len(runs) // 2]  # the median run, split as it was
    # one status per cell, as the engine's table gives: the one possible, else undetermined
    conn.send(({"clingo_full_s": total, "clingo_ground_s": ground, "clingo_solve_s": solved,
                "clingo_glue_s": total - ground - solved, "clingo_runs": len(runs),
                "clingo_peak_mib": _peak_mib()},
               {(t, s): next(iter(v)).value if len(v) == 1 else "undetermined"
                for (t, _, s, _), v in answers.items()}))
    conn.close()


def clingo_table(folder: str, day: Any, repeat: int
                 ) -> tuple[dict[str, Any], dict[tuple[str, str], str]]:
    """The oracle's full table and its median run (total, ground, solve, glue, peak),
    computed in a separate process: its memory is not the engine's."""
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_clingo_child, args=(folder, day, repeat, child))
    process.start()
    figures, table = parent.recv()
    process.join()
    return figures, table


def _peak_mib() -> float:
    """This process's peak resident memory so far, in MiB.

    Linux's ``VmHWM`` where there is one: ``ru_maxrss`` survives ``exec``, so a
    process started by a large one would report its parent's peak.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _peak_child(folder: str) -> float:
    """In a fresh interpreter: load ``folder``, build the bulk table, report the peak."""
    import treatylogic as tl
    from treatylogic.synth import QUERY_DAY

    _table = tl.load(folder, cache=False).table(QUERY_DAY)  # alive until the peak has been read
    return _peak_mib()


def engine_peak(folder: str) -> float:
    """The engine's own peak memory: a new process, so nothing else counts."""
    done = subprocess.run([sys.executable, __file__, "--peak", folder], check=True,
                          capture_output=True, text=True)
    return float(done.stdout.strip().splitlines()[-1])


def _load_child(folder: str) -> dict[str, Any]:
    """In a fresh interpreter: load ``folder`` (a parse), keep it in the compiled cache,
    then build the bulk table, each timed once, with the peak memory after each (what a
    first user of a large corpus pays)."""
    import gc

    from treatylogic import loading
    from treatylogic.synth import QUERY_DAY

    start = time.process_time()
    corpus = _parse_load(folder)
    load_s = time.process_time() - start
    gc.collect()
    after_load = _current_mib()
    load_peak = _peak_mib()
    write_s = entry_mib = None
    if os.environ.get("TREATYLOGIC_CACHE_DIR"):  # keep it for the cache child
        entry = _cache_entry(folder)
        start = time.process_time()
        entry.put(corpus, loading.rule_files(Path(folder)))
        write_s = time.process_time() - start
        entry_mib = entry.path.stat().st_size / 2**20
    write_peak = _peak_mib()
    start = time.process_time()
    answers = corpus.table(QUERY_DAY)
    table_s = time.process_time() - start
    return {"load_s": load_s, "load_peak_mib": load_peak, "loaded_mib": after_load,
            "cache_write_s": write_s, "cache_write_peak_mib": write_peak,
            "cache_entry_mib": entry_mib,
            "table_s": table_s, "table_peak_mib": _peak_mib(), "cells": len(answers),
            "targets": len(corpus.targets()), "effects": len(corpus.effects),
            "table_digest": _table_digest(answers)}


def _cache_child(folder: str) -> dict[str, Any]:
    """In a fresh interpreter: ``tl.load`` of ``folder`` from the compiled cache the load
    child wrote, timed once, with the memory after it and the peak, then one bulk table
    (its digest: the same table as from the parse)."""
    import gc

    import treatylogic as tl
    from treatylogic import loading
    from treatylogic.synth import QUERY_DAY

    parsed: list[int] = []
    original = loading._load_files
    loading._load_files = lambda *a, **k: parsed.append(1) or original(*a, **k)  # type: ignore[assignment]
    start = time.process_time()
    corpus = tl.load(folder, cache=True)
    load_s = time.process_time() - start
    gc.collect()
    return {"cache_load_s": load_s, "cache_hit": not parsed, "cache_loaded_mib": _current_mib(),
            "cache_load_peak_mib": _peak_mib(),
            "cache_table_digest": _table_digest(corpus.table(QUERY_DAY))}


def _current_mib() -> float | None:
    """This process's resident memory now, in MiB (Linux's ``VmRSS``)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024  # kB
    return None


def measure_load(size: int, stances: int, seed: int) -> dict[str, Any]:
    """Load and one table of ``size`` instruments, once each, in a fresh process
    (``--load-only``: the figures of a size too large for the full benchmark)."""
    import yaml

    from treatylogic.synth import write_rules

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with tempfile.TemporaryDirectory(prefix="treatylogic-bench-load-") as folder:
        start = time.process_time()
        files = write_rules(folder, size, stances=stances, seed=seed)
        write_s = time.process_time() - start
        megabytes = sum(f.stat().st_size for f in files) / 2**20
        start = time.process_time()
        _event_parse(files, loader)
        events_s = time.process_time() - start
        with tempfile.TemporaryDirectory(prefix="treatylogic-bench-cache-") as cache:
            env = {**os.environ, "TREATYLOGIC_CACHE_DIR": cache}
            env.pop("TREATYLOGIC_CACHE", None)
            done = subprocess.run([sys.executable, __file__, "--load-child", folder], check=True,
                                  capture_output=True, text=True, env=env)
            row = json.loads(done.stdout.strip().splitlines()[-1])
            done = subprocess.run([sys.executable, __file__, "--cache-child", folder],
                                  check=True, capture_output=True, text=True, env=env)
            row.update(json.loads(done.stdout.strip().splitlines()[-1]))
    row["cache_agree"] = row.pop("table_digest") == row.pop("cache_table_digest")
    if not row["cache_hit"]:  # the cache child parsed: its time is no cache's
        row["cache_load_s"] = None
    return {"size": size, "stances": stances, "write_s": write_s, "files_mib": megabytes,
            "yaml_events_s": events_s, **row}


def _queries(corpus: Any, day: Any, count: int, seed: int) -> list[tuple[str, str, Any]]:
    rng = random.Random(seed)
    targets, stances = corpus.targets(), sorted(corpus.stances)
    return [(rng.choice(targets), rng.choice(stances), day) for _ in range(count)]


def _timed_queries(corpus: Any, queries: list[tuple[str, str, Any]], cold: bool,
                   views: bool = False) -> list[float]:
    """Each query's time; ``cold``: every memo forgotten before it (``views``: the views
    of continuity too, see :func:`_fresh`)."""
    times = []
    for target, stance, day in queries:
        if cold:
            _fresh(corpus, views=views)
        start = time.process_time()
        corpus.resolve(target, stance, day)
        times.append(time.process_time() - start)
    return times


def measure(size: int, stances: int, repeat: int, clingo_repeat: int, queries: int,
            seed: int, days: list[str]) -> dict[str, Any]:
    """Every figure for one synthetic size (run it in a fresh process: memory and caches)."""
    from treatylogic.synth import write_rules

    with tempfile.TemporaryDirectory(prefix="treatylogic-bench-") as folder:
        files = write_rules(folder, size, stances=stances, seed=seed)
        row = measure_folder(folder, files, repeat, clingo_repeat, queries, seed, days)
    return {"size": size, "stances": stances, **row}


def measure_ggo(data: str, repeat: int, queries: int, seed: int,
                days: list[str]) -> dict[str, Any]:
    """The same figures on the real GGO tables, imported into a rules folder first."""
    from treatylogic.importers import import_ggo

    with tempfile.TemporaryDirectory(prefix="treatylogic-bench-ggo-") as folder:
        start = time.process_time()
        import_ggo(Path(data) / "ggo-agreements.csv.gz",
                   Path(data) / "ggo-memberships.csv.gz", folder)
        import_s = time.process_time() - start
        files = sorted(Path(folder).rglob("*.yaml"))
        row = measure_folder(folder, files, repeat, 0, queries, seed, days)
    return {"size": "GGO", "import_s": import_s, **row}


def measure_folder(folder: str, files: list[Path], repeat: int, clingo_repeat: int,
                   queries: int, seed: int, days: list[str]) -> dict[str, Any]:
    """Every figure for one rules folder."""
    import yaml

    from treatylogic.synth import QUERY_DAY

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    yaml_s, _ = _median_time(
        lambda: [yaml.load(f.read_bytes(), Loader=loader) for f in files], repeat)
    events_s, _ = _median_time(lambda: _event_parse(files, loader), repeat)
    load_s, corpus = _median_time(lambda: _parse_load(folder), repeat)
    cache = _cache_figures(folder, corpus, repeat)
    # truly cold: the first question asked of the corpus just loaded (whatever is
    # built lazily -- graph, cycle search, compiled rules -- is paid here)
    first = _queries(corpus, QUERY_DAY, 1, seed)[0]
    start = time.process_time()
    corpus.resolve(*first)
    first_query_s = time.process_time() - start
    # and the first timeline (it reads what its target depends on: once the whole graph)
    start = time.process_time()
    corpus.timeline(first[0], first[1])
    first_timeline_s = time.process_time() - start

    def full(day: Any = QUERY_DAY) -> dict[tuple[str, str], Any]:
        _fresh(corpus)
        return corpus.table(day)

    # the API call is timed, as solve() is for clingo; both become strings afterwards. The
    # floor in turn with it (as in --table-only): their ratio compares runs under one load
    floor_cells: list[int] = []  # what the floor wrote (only its size is kept)
    floor_s, engine_s, statuses = _paired_times(
        lambda: floor_cells.append(len(floor_table(corpus))), full, repeat)
    engine = {key: status.value for key, status in statuses.items()}
    del statuses
    by_day = {}
    for day in days:  # early days: many targets pending, some inside uncertain dates
        seconds, answers = _median_time(lambda day=day: full(day), repeat)
        counts = Counter(status.value for status in answers.values())
        by_day[day] = {"s": seconds, "pending": counts.get("pending", 0),
                       "undetermined": counts.get("undetermined", 0), "cells": len(answers)}
        del answers

    def traced() -> dict[tuple[str, str], str]:
        _fresh(corpus)
        return engine_traced_table(corpus, QUERY_DAY)

    traced_s, traced_table = _median_time(traced, 1)
    traced_peak_mib = _peak_mib()
    traced_agree = traced_table == engine
    del traced_table
    asked = _queries(corpus, QUERY_DAY, queries, seed)
    cold = _timed_queries(corpus, asked, cold=True)
    strict = _timed_queries(corpus, asked, cold=True, views=True)
    cache["cache_agree"] = _cache_agree(folder, corpus)
    _fresh(corpus)
    engine_table(corpus, QUERY_DAY)
    warm = _timed_queries(corpus, asked, cold=False)
    peak_mib = engine_peak(folder)
    clingo: dict[str, Any] = {"clingo_full_s": None}
    agree = None
    if clingo_repeat > 0:
        clingo, oracle = clingo_table(folder, QUERY_DAY, clingo_repeat)
        agree = engine == oracle
    return {
        "targets": len(corpus.targets()), "stances": len(corpus.stances),
        "effects": len(corpus.effects), "files": len(files),
        "yaml_parse_s": yaml_s, "yaml_events_s": events_s, "load_s": load_s, **cache,
        "first_query_s": first_query_s, "first_timeline_s": first_timeline_s,
        "engine_full_s": engine_s, **clingo, "agree": agree, "engine_days": by_day,
        "engine_traced_s": traced_s, "traced_agree": traced_agree,
        "floor_s": floor_s, "floor_cells": floor_cells[-1], "cells": len(engine),
        "query_cold_p50_s": _percentile(cold, 0.5), "query_cold_p99_s": _percentile(cold, 0.99),
        "query_strict_p99_s": _percentile(strict, 0.99),
        "query_warm_p50_s": _percentile(warm, 0.5), "query_warm_p99_s": _percentile(warm, 0.99),
        "peak_mib": peak_mib, "traced_peak_mib": traced_peak_mib,
    }


def _cache_figures(folder: str, corpus: Any, repeat: int) -> dict[str, Any]:
    """Keep ``corpus`` (just parsed, nothing asked of it yet) in a scratch compiled cache,
    then load it back ``repeat`` times: the write once, the read as a median."""
    import treatylogic as tl
    from treatylogic import loading

    cache = tempfile.mkdtemp(prefix="treatylogic-bench-cache-")
    os.environ["TREATYLOGIC_CACHE_DIR"] = cache  # this child's own; _cache_agree reads it too
    os.environ.pop("TREATYLOGIC_CACHE", None)
    entry = _cache_entry(folder)
    start = time.process_time()
    written = entry.put(corpus, loading.rule_files(Path(folder)))
    write_s = time.process_time() - start
    assert written, f"the compiled cache could not be written in {cache}"
    read_s, _ = _median_time(lambda: tl.load(folder, cache=True), repeat)
    return {"cache_write_s": write_s, "cache_load_s": read_s}


def _cache_agree(folder: str, corpus: Any) -> bool:
    """The corpus read back from the compiled cache gives the same full table."""
    import shutil

    import treatylogic as tl
    from treatylogic.synth import QUERY_DAY

    cached = tl.load(folder, cache=True)
    same = _table_digest(cached.table(QUERY_DAY)) == _table_digest(corpus.table(QUERY_DAY))
    _fresh(corpus)
    shutil.rmtree(os.environ["TREATYLOGIC_CACHE_DIR"], ignore_errors=True)
    return same


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def _fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        if unit == "ms":
            return f"{value * 1000:.3f}"
        return f"{value:.3g}" if value < 100 else f"{value:,.0f}"
    return f"{value:,}"


COLUMNS = [("size", "N", ""), ("targets", "targets", ""), ("effects", "effects", ""),
           ("import_s", "import s", ""),
           ("yaml_parse_s", "yaml s", ""), ("yaml_events_s", "events s", ""),
           ("load_s", "load s", ""), ("cache_write_s", "cache write s", ""),
           ("cache_load_s", "from cache s", ""), ("cache_agree", "cache agree", ""),
           ("first_query_s", "first query ms", "ms"),
           ("first_timeline_s", "first timeline ms", "ms"),
           ("engine_full_s", "engine s", ""), ("clingo_full_s", "clingo s", ""),
           ("clingo_ground_s", "ground s", ""), ("clingo_solve_s", "solve s", ""),
           ("clingo_glue_s", "glue s", ""), ("clingo_peak_mib", "clingo MiB", ""),
           ("engine_traced_s", "traced s", ""),
           ("speedup", "clingo/engine", ""), ("floor_s", "floor s", ""),
           ("engine_over_floor", "engine/floor", ""), ("agree", "agree", ""),
           ("query_cold_p50_s", "cold p50 ms", "ms"), ("query_cold_p99_s", "cold p99 ms", "ms"),
           ("query_strict_p99_s", "strict p99 ms", "ms"),
           ("query_warm_p50_s", "warm p50 ms", "ms"), ("query_warm_p99_s", "warm p99 ms", "ms"),
           ("peak_mib", "peak MiB", ""), ("traced_peak_mib", "traced peak MiB", "")]


def table(rows: list[dict[str, Any]]) -> str:
    """The figures as a Markdown table."""
    lines = ["| " + " | ".join(title for _, title, _ in COLUMNS) + " |",
             "|" + "---:|" * len(COLUMNS)]
    for row in rows:
        lines.append("| " + " | ".join(_fmt(row.get(key), unit) for key, _, unit in COLUMNS)
                     + " |")
    return "\n".join(lines)


def machine() -> str:
    """One line on where the benchmark ran."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import clingo

    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"clingo {clingo.__version__}, {platform.system()} {platform.release()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="comma-separated corpus sizes (instruments)")
    parser.add_argument("--stances", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--clingo-repeat", type=int, default=3,
                        help="runs of the oracle per size (0: skip clingo)")
    parser.add_argument("--clingo-max-size", type=int, default=1000,
                        help="run the oracle only up to this size (its cost grows fast)")
    parser.add_argument("--days", default="1950-06-30,1990-06-30",
                        help="more query days for the full table (besides 2030-12-31)")
    parser.add_argument("--ggo", help="also measure the real GGO tables in this folder "
                                      "(e.g. ../shared/data/ggo), imported first")
    parser.add_argument("--queries", type=int, default=1000, help="single queries timed")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--load-only", action="store_true",
                        help="only write, parse, load (peak memory) and one table per size, "
                             "once each: for sizes too large for the full run (1,000,000)")
    parser.add_argument("--table-only", action="store_true",
                        help="only the status table per size (a corpus built in code): the "
                             "kernel's Corpus.table against the floor and the resolver cell "
                             "by cell, with the cells the kernel hands to the resolver")
    parser.add_argument("--resolver-max-size", type=int, default=100_000,
                        help="--table-only: compare with the resolver cell by cell only up to "
                             "this size")
    parser.add_argument("--table-child", help=argparse.SUPPRESS)  # the table-only child
    parser.add_argument("--load-child", help=argparse.SUPPRESS)  # the load-only grandchild
    parser.add_argument("--cache-child", help=argparse.SUPPRESS)  # its load from the cache
    parser.add_argument("--one", help=argparse.SUPPRESS)  # the per-size child
    parser.add_argument("--peak", help=argparse.SUPPRESS)  # the memory grandchild
    args = parser.parse_args(argv)
    days = [d.strip() for d in args.days.split(",") if d.strip()]
    if args.peak is not None:
        print(_peak_child(args.peak))
        return 0
    if args.load_child is not None:
        print(json.dumps(_load_child(args.load_child)))
        return 0
    if args.table_child is not None:
        print(json.dumps(measure_table(int(args.table_child), args.stances, args.repeat,
                                       args.seed, days, args.resolver_max_size)))
        return 0
    if args.cache_child is not None:
        print(json.dumps(_cache_child(args.cache_child)))
        return 0
    if args.one is not None:
        if args.one == "GGO":
            row = measure_ggo(args.ggo, args.repeat, args.queries, args.seed, days)
        else:
            row = measure(int(args.one), args.stances, args.repeat, args.clingo_repeat,
                          args.queries, args.seed, days)
        print(json.dumps(row))
        return 0
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes must be comma-separated integers, not {args.sizes!r}")
    if args.load_only:
        return load_only(sizes, args.stances, args.seed, args.json)
    if args.table_only:
        return table_only(sizes, args.stances, args.repeat, args.seed, args.days, args.json,
                          args.resolver_max_size)
    rows = []
    for size in [*sizes, *(["GGO"] if args.ggo else [])]:
        oracle = args.clingo_repeat if size != "GGO" and int(size) <= args.clingo_max_size else 0
        command = [sys.executable, __file__, "--one", str(size), "--stances", str(args.stances),
                   "--repeat", str(args.repeat), "--clingo-repeat", str(oracle),
                   "--queries", str(args.queries), "--seed", str(args.seed),
                   "--days", args.days, *(["--ggo", args.ggo] if args.ggo else [])]
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        row = json.loads(done.stdout.strip().splitlines()[-1])
        row["speedup"] = _ratio(row["clingo_full_s"], row["engine_full_s"])
        row["engine_over_floor"] = _ratio(row["engine_full_s"], row["floor_s"])
        rows.append(row)
        print(f"size {size}: done", file=sys.stderr)
    synthetic = [row for row in rows if row["size"] != "GGO"]
    for previous, row in itertools.pairwise(synthetic):
        row["growth_vs_previous"] = _ratio(row["engine_full_s"], previous["engine_full_s"])
    print(f"Machine: {machine()}\n")
    print(table(rows))
    print()
    print(days_table(rows))
    for row in synthetic[1:]:
        print(f"engine time x{row['growth_vs_previous']:.2f} from the previous size "
              f"to {row['size']:,}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


LOAD_COLUMNS = [("size", "N", ""), ("targets", "targets", ""), ("effects", "effects", ""),
                ("files_mib", "files MiB", ""), ("write_s", "write s", ""),
                ("yaml_events_s", "events s", ""), ("load_s", "load s", ""),
                ("load_over_events", "load/events", ""), ("loaded_mib", "loaded MiB", ""),
                ("load_peak_mib", "load peak MiB", ""), ("cache_write_s", "cache write s", ""),
                ("cache_write_peak_mib", "write peak MiB", ""),
                ("cache_entry_mib", "entry MiB", ""),
                ("cache_load_s", "from cache s", ""),
                ("cache_over_events", "cache/events", ""),
                ("cache_loaded_mib", "cached MiB", ""),
                ("cache_load_peak_mib", "cache peak MiB", ""),
                ("cache_agree", "cache agree", ""), ("table_s", "table s", ""),
                ("cells", "cells", ""), ("table_peak_mib", "table peak MiB", "")]


def load_only(sizes: list[int], stances: int, seed: int, out: Path | None) -> int:
    """``--load-only``: one fresh process per size, load and one table, once each."""
    rows = []
    for size in sizes:
        row = measure_load(size, stances, seed)
        row["load_over_events"] = _ratio(row["load_s"], row["yaml_events_s"])
        row["cache_over_events"] = _ratio(row["cache_load_s"], row["yaml_events_s"])
        rows.append(row)
        print(f"size {size}: done", file=sys.stderr)
    print(f"Machine: {machine()}\n")
    print("| " + " | ".join(title for _, title, _ in LOAD_COLUMNS) + " |")
    print("|" + "---:|" * len(LOAD_COLUMNS))
    for row in rows:
        print("| " + " | ".join(_fmt(row.get(key), unit) for key, _, unit in LOAD_COLUMNS)
              + " |")
    if out:
        out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


TABLE_COLUMNS = [("size", "N", ""), ("stances", "stances", ""), ("day", "day", ""),
                 ("cells", "cells", ""), ("engine_s", "engine s", ""),
                 ("per_cell_us", "per cell us", ""), ("array_s", "array s", ""),
                 ("floor_s", "floor s", ""),
                 ("engine_over_floor", "engine/floor", ""), ("resolver_s", "resolver s", ""),
                 ("resolver_over_engine", "resolver/engine", ""), ("agree", "agree", ""),
                 ("delegated", "cells handed", ""), ("delegated_keys", "keys handed", "")]


def measure_table(size: int, stances: int, repeat: int, seed: int,
                  days: list[str], resolver_max: int = 100_000) -> dict[str, Any]:
    """``--table-only``, one size in a fresh process: ``Corpus.table`` (the kernel, as the
    dict the API returns) on each day, every memo forgotten before each run (``_fresh``),
    against the floor (which writes the same dict; run in turn with it, per day);
    ``kernel.table`` (the stance x target
    array before any dict); and, up to ``resolver_max``, the resolver cell by cell
    (``resolution.resolver_table``, one run): CPU time, medians."""
    from treatylogic import kernel, resolution
    from treatylogic.synth import QUERY_DAY, synthetic_corpus

    corpus = synthetic_corpus(size, stances=stances, seed=seed)
    _fresh(corpus)
    rows = []
    for day in [QUERY_DAY.isoformat(), *days]:
        def full(day: str = day) -> Any:
            _fresh(corpus)
            return corpus.table(day)

        def array(day: str = day) -> Any:
            _fresh(corpus)
            return kernel.table(corpus, day)

        # the floor in turn with the engine: their ratio compares runs under one load
        floor_s, engine_s, engine = _paired_times(lambda: floor_table(corpus), full, repeat)
        array_s, handed = _median_time(array, repeat)  # the stance x target array, no dict
        resolver_s = reference = None
        if size <= resolver_max:  # cell by cell it takes minutes past 100,000
            _fresh(corpus)
            resolver_s, reference = _median_time(
                lambda day=day: resolution.resolver_table(corpus, day), 1)
        rows.append({"day": day, "cells": len(engine), "engine_s": engine_s,
                     "per_cell_us": engine_s / len(engine) * 1e6, "array_s": array_s,
                     "floor_s": floor_s,
                     "engine_over_floor": _ratio(engine_s, floor_s), "resolver_s": resolver_s,
                     "resolver_over_engine": _ratio(resolver_s, engine_s),
                     "agree": None if reference is None else engine == reference,
                     "delegated": handed.delegated, "delegated_keys": handed.delegated_keys})
        del engine, reference, handed
    return {"size": size, "stances": stances, "targets": len(corpus.targets()),
            "effects": len(corpus.effects), "days": rows}


def table_only(sizes: list[int], stances: int, repeat: int, seed: int, days: str,
               out: Path | None, resolver_max: int = 100_000) -> int:
    """``--table-only``: one fresh process per size (``measure_table``)."""
    results = []
    for size in sizes:
        command = [sys.executable, __file__, "--table-child", str(size), "--stances",
                   str(stances), "--repeat", str(repeat), "--seed", str(seed), "--days", days,
                   "--resolver-max-size", str(resolver_max)]
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"size {size}: done", file=sys.stderr)
    print(f"Machine: {machine()}\n")
    print("| " + " | ".join(title for _, title, _ in TABLE_COLUMNS) + " |")
    print("|" + "---:|" * len(TABLE_COLUMNS))
    for result in results:
        for row in result["days"]:
            row = {**result, **row}
            print("| " + " | ".join(_fmt(row.get(key), unit) for key, _, unit in TABLE_COLUMNS)
                  + " |")
    if out:
        out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


def days_table(rows: list[dict[str, Any]]) -> str:
    """The full table on each query day: seconds, and how many cells were pending or
    undetermined (a target not yet in force, or inside an uncertain date)."""
    lines = ["| N | day | engine s | cells | pending | undetermined |",
             "|---:|---|---:|---:|---:|---:|"]
    for row in rows:
        for day, figures in row.get("engine_days", {}).items():
            lines.append(f"| {_fmt(row['size'])} | {day} | {_fmt(figures['s'])} | "
                         f"{figures['cells']:,} | {figures['pending']:,} | "
                         f"{figures['undetermined']:,} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
