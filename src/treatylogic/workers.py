"""The status table across several processes or machines, on Dask distributed.

``Corpus.table(at, workers=N)`` (and ``treatylogic table --workers N``) cuts the
table into *shards*: first blocks of stances, then, inside each block, bins of
whole weakly connected components of the dependency graph
(:attr:`~treatylogic.corpus.RuleBase.dependencies`), packed by size so that the
bins weigh about the same. A target is resolved from the effects on it and on
what they depend on, all inside its component, so a shard never needs another
shard's answers, and each component keeps the order the single-process table
resolves it in: the cells are the same, and the table is reassembled in the same
order.

Each worker holds the whole corpus once, never a copy per task: a corpus loaded
from rule files is sent as its paths and a hash of their content, and each
worker loads it once and keeps it (:func:`held`, keyed by that hash); a corpus
built in code is scattered once to every worker as its declarations (the
models it is built from, not its indexes and memos) and built there once
(:func:`built`).

Without ``address`` a local cluster of ``workers`` processes (one thread each)
is started for the call and closed after it; with ``address`` (``tcp://host:8786``)
an existing Dask scheduler is used and left running. Dask distributed is the
optional extra ``treatylogic[distributed]``; see docs/scale.md for the choice.

>>> import treatylogic as tl
>>> corpus = tl.load()
>>> shards = plan(corpus, sorted(corpus.stances), 2)
>>> cells = sorted((t, k) for s in shards for k in s.stances for t in s.targets)
>>> cells == sorted((t, k) for t in corpus.targets() for k in corpus.stances)  # each once
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import networkx as nx

from . import kernel, resolution
from .dates import DateSpan
from .errors import TreatyLogicError, UnknownIdError
from .loading import rule_files
from .models import Actor, Doctrine, Instrument, Stance, split_ref
from .sources import Source
from .status import Status

if TYPE_CHECKING:
    from .engine import Corpus

__all__ = ["EXTRA", "SHARDS_PER_WORKER", "Declarations", "MissingExtraError", "Shard",
           "WorkersError", "built", "components", "declarations", "held", "plan",
           "rules_digest", "table"]

#: The optional extra that brings Dask distributed.
EXTRA = "distributed"
#: Shards per worker: a few, so that a worker that finishes early takes another.
SHARDS_PER_WORKER = 2
#: Seconds to wait for a scheduler given by address.
CONNECT_TIMEOUT = 20

When = str | dt.date | DateSpan | None


class WorkersError(TreatyLogicError, RuntimeError):
    """The cluster cannot be reached, or a worker failed."""


class MissingExtraError(TreatyLogicError, ImportError):
    """Dask distributed is not installed: the message names the extra to install."""

    def __init__(self, missing: str) -> None:
        super().__init__(f"--workers needs the optional extra 'treatylogic[{EXTRA}]' "
                         f"(Dask distributed; {missing} is not installed): "
                         f"pip install 'treatylogic[{EXTRA}]'")


class Declarations(NamedTuple):
    """A corpus as its declarations (what ``RuleBase`` is built from), for scattering."""

    actors: tuple[Actor, ...]
    instruments: tuple[Instrument, ...]
    doctrines: tuple[Doctrine, ...]
    stances: tuple[Stance, ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Shard:
    """Some stances and some targets (whole components), resolved by one task."""

    stances: tuple[str, ...]
    targets: tuple[str, ...]


def components(corpus: Corpus) -> list[list[str]]:
    """The targets of each weakly connected component, each list sorted, largest first.

    A component holds its instruments and their provisions (``inst#prov``).
    """
    deps: nx.DiGraph = corpus.dependencies
    group = {}
    for index, members in enumerate(nx.weakly_connected_components(deps)):
        for node in members:
            group[node] = index
    found: list[list[str]] = [[] for _ in range(len(set(group.values())))]
    for target in corpus.targets():
        found[group[split_ref(target)[0]]].append(target)
    return sorted(found, key=lambda c: (-len(c), c[0]))


def _blocks(stances: Sequence[str], count: int) -> list[tuple[str, ...]]:
    """``stances`` cut into ``count`` contiguous blocks of nearly equal length."""
    size, extra = divmod(len(stances), count)
    blocks, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        blocks.append(tuple(stances[start:end]))
        start = end
    return blocks


def _bins(groups: Iterable[list[str]], count: int) -> list[tuple[str, ...]]:
    """Whole components packed into ``count`` bins, largest first into the lightest bin.

    (The longest-processing-time rule: no bin exceeds the ideal by more than the
    largest component.) Each bin lists its targets sorted, as the table visits them.
    """
    loads = [0] * count
    contents: list[list[str]] = [[] for _ in range(count)]
    for group in groups:  # largest first
        lightest = min(range(count), key=loads.__getitem__)
        loads[lightest] += len(group)
        contents[lightest] += group
    return [tuple(sorted(c)) for c in contents if c]


def plan(corpus: Corpus, stances: Sequence[str], workers: int,
         per_worker: int = SHARDS_PER_WORKER) -> list[Shard]:
    """The shards for ``workers`` workers: stance blocks, then component bins in each.

    About ``workers * per_worker`` shards in all: as many stance blocks as that
    allows (at most one per stance), and the rest of the split made by components.
    """
    wanted = max(1, workers * per_worker)
    block_count = min(len(stances), wanted) or 1
    bin_count = math.ceil(wanted / block_count)
    groups = components(corpus)
    bins = _bins(groups, min(bin_count, len(groups)) or 1)
    return [Shard(block, targets) for block in _blocks(stances, block_count) if block
            for targets in bins]


# ------------------------------------------------------------- on a worker
_HELD: dict[str, Corpus] = {}


def rules_digest(paths: Sequence[str]) -> str:
    """A SHA-256 over the rule files of ``paths`` (folders or files): names and content."""
    digest = hashlib.sha256()
    for path in paths:
        root = Path(path)
        files = [root] if root.is_file() else rule_files(root)
        for file in files:
            digest.update(str(file.resolve()).encode() + b"\0")
            digest.update(file.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def held(paths: tuple[str, ...], digest: str) -> Corpus:
    """The corpus of ``paths`` on this worker: loaded once, kept while its files are unchanged.

    Raises
    ------
    WorkersError
        If the files this worker reads are not those the caller hashed (another
        machine without the same files, or files changed meanwhile).
    """
    corpus = _HELD.get(digest)
    if corpus is None:
        from .engine import load

        here = rules_digest(paths)
        if here != digest:
            raise WorkersError(f"the rule files at {', '.join(paths)} differ on this worker "
                               "from the caller's (changed meanwhile, or another machine "
                               "without the same files)")
        corpus = load(list(paths) if len(paths) > 1 else paths[0])
        _HELD.clear()  # one corpus per worker: a new version replaces the old
        _HELD[digest] = corpus
    return corpus


#: Declarations scattered to this worker -> the corpus built from them (the
#: declarations are kept with it, so that their id is not reused meanwhile).
_BUILT: dict[int, tuple[Declarations, Corpus]] = {}


def declarations(corpus: Corpus) -> Declarations:
    """What a corpus is built from, in order: no index, no memo (what is scattered)."""
    return Declarations(tuple(corpus.actors.values()), tuple(corpus.instruments.values()),
                        tuple(corpus.doctrines.values()), tuple(corpus.stances.values()),
                        tuple(corpus.sources.values()))


def built(found: Declarations) -> Corpus:
    """The corpus of scattered declarations on this worker: built once, then kept."""
    entry = _BUILT.get(id(found))
    if entry is None or entry[0] is not found:
        from .engine import Corpus

        corpus = Corpus(found.actors, found.instruments, found.doctrines, found.stances,
                        origin="<scattered>", sources=found.sources)
        _BUILT.clear()  # one corpus per worker: the previous scatter is done with
        entry = _BUILT[id(found)] = (found, corpus)
    return entry[1]


def _run_shard(source: Any, shard: Shard, at: When, party: str | None,
               as_of: When) -> list[str]:
    """The statuses of one shard (stance-major, targets in order), as their values."""
    corpus: Corpus = held(*source) if isinstance(source, tuple) and \
        not isinstance(source, Declarations) else built(source)
    found = kernel.table(corpus, at, list(shard.stances), party=party, as_of=as_of,
                         targets=shard.targets)
    return [status.value for row in found.statuses for status in row]


# ------------------------------------------------------------- the caller
def _client(workers: int, address: str | None) -> tuple[Any, Any]:
    """A Dask client (and the local cluster it owns, or None) for this call."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise MissingExtraError((exc.name or "distributed").split(".")[0]) from None
    if address is not None:
        try:
            return Client(address, timeout=CONNECT_TIMEOUT), None
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            raise WorkersError(f"cannot reach the Dask scheduler at {address!r} "
                               f"(--address): {exc}") from None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=40)
    return Client(cluster), cluster


def table(corpus: Corpus, at: When = None, stances: list[str] | None = None, *,
          party: str | None = None, as_of: When = None, workers: int = 2,
          address: str | None = None) -> dict[tuple[str, str], Status]:
    """``Corpus.table`` computed in shards on Dask workers: the same dict, in the same order.

    Raises
    ------
    MissingExtraError
        If Dask distributed is not installed.
    WorkersError
        If the scheduler at ``address`` cannot be reached or a worker fails.
    UnknownIdError, DateError
        For an unknown stance or party, or a bad date, before any worker starts.
    """
    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
        raise WorkersError(f"workers must be a whole number of at least 1, not {workers!r}")
    if party is not None and party not in corpus.actors:
        raise UnknownIdError("party (actor)", party, corpus.actors)
    chosen = [corpus.stance(s).id for s in stances] if stances else sorted(corpus.stances)
    day, _ = resolution.query_day(at)
    resolution.as_of_day(as_of, day)  # a bad as_of fails here, not on a worker
    client, cluster = _client(workers, address)
    try:
        count = workers if address is None else max(1, len(client.nthreads()))
        shards = plan(corpus, chosen, count)
        if corpus.rules_paths:
            paths = tuple(corpus.rules_paths)
            source: Any = (paths, rules_digest(paths))
        else:
            # once to every worker; the index and memos are rebuilt there, not sent
            source = client.scatter(declarations(corpus), broadcast=True)
        futures = [client.submit(_run_shard, source, shard, at, party, as_of, pure=False)
                   for shard in shards]
        try:
            answers = client.gather(futures)
        except TreatyLogicError:
            raise
        except Exception as exc:  # a worker died, or the cluster went away
            raise WorkersError(f"a worker failed: {type(exc).__name__}: {exc}") from None
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    found: dict[tuple[str, str], Status] = {}
    for shard, cells in zip(shards, answers, strict=True):
        width = len(shard.targets)
        for row, stance in enumerate(shard.stances):
            for target, value in zip(shard.targets, cells[row * width:(row + 1) * width],
                                     strict=True):
                found[target, stance] = Status(value)
    targets = corpus.targets()
    return {(target, stance): found[target, stance] for stance in chosen for target in targets}

