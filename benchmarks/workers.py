"""Benchmark: the status table on Dask workers (``Corpus.table(workers=N)``), for docs/scale.md.

For each size (``--sizes``, default 10,000 and 100,000 instruments, ``--stances`` 5)
a synthetic corpus (:mod:`treatylogic.synth`) is written as rule files and loaded,
then measured:

- ``components``: the weakly connected components of the dependency graph (what the
  shards are made of): count, largest, median, 99th percentile, and a histogram;
- ``table_cpu_s`` and ``per_cell_us``: the single-process ``Corpus.table`` on
  2030-12-31, CPU time (``time.process_time``), median of ``--repeat`` runs, every
  memo forgotten before each (``bench._fresh``);
- ``scatter_mib`` / ``pickle_s`` / ``unpickle_s`` / ``build_s``: what scattering
  the corpus costs (its declarations pickled, unpickled and built into a corpus on
  the worker), against ``digest_s``: the content hash of its rule files, which is
  what is sent when the corpus was loaded from files (each worker then loads them);
- at the largest size only, on local clusters of 1 and then 2 worker processes (one
  thread each): ``first_wall_s`` (first call: each worker loads the rules once),
  ``wall_s`` (median of ``--repeat`` later calls, worker memos forgotten before
  each: wall time, since the point is parallelism), ``worker_cpu_s`` (CPU time
  spent in the workers during those calls, summed over workers), ``worker_peak_mib``
  (each worker's peak resident memory, ``VmHWM``), ``idle_cpu_per_s`` (what the
  workers burn with no task: on a loaded machine the calls last long, and that
  idle cost fills ``worker_cpu_s``), ``shards_busiest_cpu_s`` and
  ``shards_total_cpu_s`` (the shards' own CPU time, ``time.thread_time`` in the
  task: of the busiest worker, and of all: the speedup without the machine's load
  is the single-process CPU over the busiest worker's), ``same`` (the table equals
  the single-process one), and the load average when it ran.

``--ggo FOLDER`` adds the components of an imported GGO rules folder (and, with
``--ggo-table``, its single-process table). Usage::

    python benchmarks/workers.py --sizes 10000,100000 --ggo /tmp/ggo13-rules --json out.json
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import pickle
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import bench
import cloudpickle

from treatylogic import workers
from treatylogic.engine import Corpus, load
from treatylogic.synth import QUERY_DAY, write_rules

cloudpickle.register_pickle_by_value(bench)  # the workers cannot import benchmarks/bench.py


def _peak_mib() -> float:
    """This process's peak resident memory (``VmHWM``), in MiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _forget_held() -> int:
    """On a worker: forget the memos of the corpus it holds (the next table starts cold)."""
    for corpus in workers._HELD.values():
        bench._fresh(corpus)
    return len(workers._HELD)


def _timed_shard(source: Any, shard: workers.Shard) -> tuple[str, float]:
    """On a worker: one shard of the table, and the CPU time of this thread doing it."""
    from distributed import get_worker

    start = time.thread_time()
    workers._run_shard(source, shard, QUERY_DAY, None, None)
    return get_worker().address, time.thread_time() - start


def _idle_cpu(client: Any, seconds: float = 5.0) -> float:
    """CPU seconds per second that the workers spend with no task (event loop, heartbeats)."""
    before = sum(client.run(time.process_time).values())
    time.sleep(seconds)
    return (sum(client.run(time.process_time).values()) - before) / seconds


def components(corpus: Corpus) -> dict[str, Any]:
    """The size distribution of the weakly connected components (in targets)."""
    sizes = sorted((len(c) for c in workers.components(corpus)), reverse=True)
    edges = [1, 2, 10, 100, 1_000, 10_000, 100_000, 10**9]
    histogram = {f"{lo}-{hi - 1}" if hi - lo > 1 else str(lo):
                 sum(1 for s in sizes if lo <= s < hi) for lo, hi in itertools.pairwise(edges)}
    return {"count": len(sizes), "targets": sum(sizes), "largest": sizes[0],
            "median": statistics.median(sizes),
            "p99": sizes[max(0, len(sizes) // 100 - 1)],
            "histogram": {k: v for k, v in histogram.items() if v}}


def single(corpus: Corpus, repeat: int) -> dict[str, Any]:
    """The single-process table: CPU seconds (median) and microseconds per cell."""
    times = []
    for _ in range(repeat):
        bench._fresh(corpus)
        start = time.process_time()
        table = corpus.table(QUERY_DAY)
        times.append(time.process_time() - start)
    cpu = statistics.median(times)
    return {"cells": len(table), "table_cpu_s": cpu, "runs_s": times,
            "per_cell_us": cpu / len(table) * 1e6}


def shipping(corpus: Corpus) -> dict[str, Any]:
    """What scattering the corpus costs (its declarations pickled, then built), against
    hashing its rule files (what is sent instead when it was loaded from files)."""
    start = time.process_time()
    blob = pickle.dumps(workers.declarations(corpus), protocol=pickle.HIGHEST_PROTOCOL)
    pickled = time.process_time() - start
    start = time.process_time()
    found = pickle.loads(blob)
    unpickled = time.process_time() - start
    start = time.process_time()
    workers.built(found)
    build = time.process_time() - start
    workers._BUILT.clear()
    start = time.process_time()
    workers.rules_digest(corpus.rules_paths)
    digest = time.process_time() - start
    return {"scatter_mib": len(blob) / 2**20, "pickle_s": pickled, "unpickle_s": unpickled,
            "build_s": build, "digest_s": digest}


def on_cluster(corpus: Corpus, n: int, repeat: int, expected: dict[Any, Any]
               ) -> dict[str, Any]:
    """The table on a local cluster of ``n`` worker processes (sent as rule paths)."""
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=40)
    client = Client(cluster)
    try:
        address = cluster.scheduler_address
        start = time.perf_counter()
        first = corpus.table(QUERY_DAY, address=address)
        first_wall = time.perf_counter() - start
        walls, cpus = [], []
        for _ in range(repeat):
            client.run(_forget_held)
            before = sum(client.run(time.process_time).values())
            start = time.perf_counter()
            again = corpus.table(QUERY_DAY, address=address)
            walls.append(time.perf_counter() - start)
            cpus.append(sum(client.run(time.process_time).values()) - before)
        peaks = sorted(client.run(_peak_mib).values())
        idle = _idle_cpu(client)
        source = (tuple(corpus.rules_paths), workers.rules_digest(corpus.rules_paths))
        makespans = []
        for _ in range(repeat):  # the shards' own CPU time, per worker; the busiest decides
            client.run(_forget_held)
            per_worker: dict[str, float] = {}
            for address_, cpu in client.gather([
                    client.submit(_timed_shard, source, shard, pure=False)
                    for shard in workers.plan(corpus, sorted(corpus.stances), n)]):
                per_worker[address_] = per_worker.get(address_, 0.0) + cpu
            makespans.append((max(per_worker.values()), sum(per_worker.values())))
    finally:
        client.close()
        cluster.close()
    return {"workers": n, "first_wall_s": first_wall, "wall_s": statistics.median(walls),
            "walls_s": walls, "worker_cpu_s": statistics.median(cpus),
            "worker_peak_mib": peaks, "idle_cpu_per_s": idle,
            "shards_busiest_cpu_s": statistics.median(m[0] for m in makespans),
            "shards_total_cpu_s": statistics.median(m[1] for m in makespans),
            "same": first == expected and again == expected,
            "loadavg": os.getloadavg()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--stances", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ggo", default=None, help="an imported GGO rules folder")
    parser.add_argument("--ggo-table", action="store_true",
                        help="also time the GGO folder's table (slow: see benchmarks/README.md)")
    parser.add_argument("--no-cluster", action="store_true")
    parser.add_argument("--cluster-size", type=int, default=None,
                        help="the size measured on clusters (default: the largest)")
    parser.add_argument("--json", default=None)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    results: dict[str, Any] = {"loadavg_start": os.getloadavg(), "cpus": os.cpu_count(),
                               "sizes": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            folder = Path(tmp) / str(size)
            write_rules(folder, size, stances=args.stances, seed=0)
            start = time.process_time()
            corpus = load(folder)
            row: dict[str, Any] = {"load_s": time.process_time() - start,
                                   "components": components(corpus)}
            row.update(single(corpus, args.repeat))
            row.update(shipping(corpus))
            if size == (args.cluster_size or max(sizes)) and not args.no_cluster:
                bench._fresh(corpus)
                expected = corpus.table(QUERY_DAY)
                row["clusters"] = [on_cluster(corpus, n, args.repeat, expected)
                                   for n in (1, 2)]
            results["sizes"][size] = row
            print(json.dumps({size: row}, indent=1, default=str), flush=True)
            del corpus
    if args.ggo:
        start = time.process_time()
        corpus = load(args.ggo)
        row = {"load_s": time.process_time() - start, "instruments": len(corpus.instruments),
               "stances": len(corpus.stances), "components": components(corpus)}
        if args.ggo_table:  # slow: the table of the real corpus searches orders of withdrawals
            row.update(single(corpus, args.repeat))
        results["ggo"] = row
        print(json.dumps({"ggo": row}, indent=1, default=str), flush=True)
    results["loadavg_end"] = os.getloadavg()
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str) + "\n",
                                   encoding="utf-8")


if __name__ == "__main__":
    main()
