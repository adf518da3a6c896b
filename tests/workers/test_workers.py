"""The status table on Dask workers equals the single-process table, cell for cell and in order.

One local cluster of two worker processes (one thread each) serves the whole
module through its address; the CLI test starts its own, as a user's run does.
"""

from __future__ import annotations

import sys
from collections import Counter

import pytest
from typer.testing import CliRunner

import treatylogic as tl
from treatylogic import workers
from treatylogic.cli import commands as cli_module
from treatylogic.engine import load
from treatylogic.synth import QUERY_DAY, synthetic_corpus, write_rules


@pytest.fixture(scope="module")
def address():
    """The address of a local cluster of 2 worker processes, closed after the module."""
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=40)
    yield cluster.scheduler_address
    cluster.close()


def _same(single, sharded):
    """The same cells, with the same statuses, in the same order."""
    return list(single.items()) == list(sharded.items())


def test_synthetic_corpus_built_in_code_is_scattered_and_gives_the_same_table(address):
    """A corpus built in code (no rule paths: scattered once) gives the single-process table."""
    corpus = synthetic_corpus(1500, stances=4, seed=7)
    assert () == corpus.rules_paths
    for day in (QUERY_DAY, "1950-06-01"):
        single = corpus.table(day)
        assert (True, 4 * len(corpus.targets())) == \
            (_same(single, corpus.table(day, address=address)), len(single))


def test_synthetic_rule_files_are_loaded_by_the_workers_and_give_the_same_table(address, tmp_path):
    """A corpus loaded from rule files (sent as paths and hash) gives the single-process table."""
    write_rules(tmp_path, 2000, stances=5, seed=3)
    corpus = load(tmp_path)
    single = corpus.table(QUERY_DAY, ["stance-1", "stance-3", "stance-4"])
    sharded = corpus.table(QUERY_DAY, ["stance-1", "stance-3", "stance-4"], address=address)
    assert (True, 3 * len(corpus.targets())) == (_same(single, sharded), len(sharded))


@pytest.mark.parametrize("party", [None, "roc", "russia"])
def test_bundled_rules_give_the_same_table_for_each_party(address, party):
    """On the bundled rules, with and without party=, the sharded table equals the single one."""
    corpus = tl.load()
    for day in ("1950", "2024-09-02"):
        single = corpus.table(day, party=party, as_of="1990")
        sharded = corpus.table(day, party=party, as_of="1990", address=address)
        assert list(single.items()) == list(sharded.items()), (day, party)


def test_statuses_are_not_all_alike(address):
    """The equality above is not between trivial tables: the bundled table mixes statuses."""
    corpus = tl.load()
    counts = Counter(corpus.table("2024-09-02", address=address).values())
    assert 3 <= len(counts), counts


def test_shards_cover_every_cell_once_and_keep_components_whole():
    """Each (target, stance) is in exactly one shard; no component is split between bins."""
    corpus = synthetic_corpus(3000, stances=5, seed=1)
    stances = sorted(corpus.stances)
    shards = workers.plan(corpus, stances, 3)
    cells = Counter((t, s) for shard in shards for s in shard.stances for t in shard.targets)
    expected = {(t, s): 1 for t in corpus.targets() for s in stances}
    assert expected == dict(cells)
    bin_of = {t: shard.targets for shard in shards for t in shard.targets}
    split = [c for c in workers.components(corpus) if len({bin_of[t] for t in c}) > 1]
    assert [] == split


def test_component_bins_are_balanced():
    """Bins packed largest first: none heavier than the ideal share plus the largest component."""
    corpus = synthetic_corpus(3000, stances=1, seed=2)
    shards = workers.plan(corpus, ["stance-0"], 2)
    sizes = [len(s.targets) for s in shards]
    largest = len(workers.components(corpus)[0])
    ideal = len(corpus.targets()) / len(shards)
    assert (4, True) == (len(shards), max(sizes) <= ideal + largest), sizes


def test_a_worker_loads_a_rules_folder_once_and_refuses_other_files(tmp_path):
    """held() keeps one corpus per content hash, and refuses files that differ from the hash."""
    write_rules(tmp_path, 100, stances=2, seed=1)
    paths = (str(tmp_path),)
    digest = workers.rules_digest(paths)
    first = workers.held(paths, digest)
    assert (True, 100) == (first is workers.held(paths, digest), len(first.instruments))
    with pytest.raises(workers.WorkersError, match="differ on this worker"):
        workers.held(paths, "0" * 64)


def test_bad_arguments_fail_before_any_worker_starts():
    """workers below 1, an unknown stance or party: a clear error, no cluster started."""
    corpus = tl.load()
    with pytest.raises(workers.WorkersError, match="at least 1, not 0"):
        workers.table(corpus, "2000", workers=0)
    with pytest.raises(tl.UnknownIdError):
        corpus.table("2000", ["no-such-stance"], workers=2)
    with pytest.raises(tl.UnknownIdError):
        corpus.table("2000", party="no-such-party", workers=2)


def test_cli_table_with_two_workers_prints_the_same_csv(tmp_path):
    """`table --workers 2` starts two local processes and prints the same CSV as without."""
    write_rules(tmp_path, 300, stances=3, seed=5)
    args = ["--rules", str(tmp_path), "table", "--at", QUERY_DAY.isoformat()]
    single = CliRunner().invoke(cli_module.app, args)
    sharded = CliRunner().invoke(cli_module.app, [*args, "--workers", "2"])
    assert (0, 0, single.stdout) == (single.exit_code, sharded.exit_code, sharded.stdout)
    assert 1 + 3 * 300 <= single.stdout.count("\n")


def test_cli_without_the_extra_names_it(monkeypatch, tmp_path):
    """Without Dask distributed installed, --workers exits 2 and names the extra, no traceback."""
    monkeypatch.setitem(sys.modules, "distributed", None)  # makes the import fail
    result = CliRunner().invoke(cli_module.app, ["table", "--workers", "2"])
    assert (2, "") == (result.exit_code, result.stdout)
    assert "pip install 'treatylogic[distributed]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_unreachable_address_is_a_clear_error(monkeypatch):
    """A scheduler address nobody answers at: exit 2 naming the address, no traceback."""
    monkeypatch.setattr(workers, "CONNECT_TIMEOUT", 2)
    result = CliRunner().invoke(cli_module.app, ["table", "--address", "tcp://127.0.0.1:9"])
    assert (2, "") == (result.exit_code, result.stdout)
    assert "cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'" in result.stderr
