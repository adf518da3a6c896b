"""A compiled cache of a rules folder: a loaded corpus kept on disk, keyed by what it was read from.

Parsing and validating a large rules folder takes seconds (about 15 s for
100,000 instruments); reading back the corpus it gave takes a fraction of that.
:func:`treatylogic.load` therefore keeps each successful load of a large folder
(``CACHE_MIN_BYTES`` of rule files or more, or any folder with ``cache=True``)
in the user's cache folder, and the next load of the same folder reads it back
instead, when it is still valid.

The key of an entry is a digest of everything the corpus depends on: every rule
file's name (as shown in messages) and bytes, the folder as given, the class
loaded into, and the engine itself (treatylogic's version and the digest of its
own source files, Python's and pydantic's versions). A file reached through
``include:`` is recorded with its own digest, checked before the entry is used.
A stale entry (any file changed, added, removed or renamed; another treatylogic)
is ignored and replaced; a corrupt one (truncated, overwritten, unreadable) is
ignored and rebuilt, never an error: the cache can only ever save time. Only
successful loads are kept: a folder with problems is read and reported in full
each time.

Where: ``$TREATYLOGIC_CACHE_DIR``, else ``$XDG_CACHE_HOME/treatylogic``, else
``~/.cache/treatylogic`` (never inside the rules folder). One entry per folder
(its name is a digest of the folder's path and the engine), and at most
``MAX_ENTRIES`` entries, the least recently used removed first (a folder loaded
once from a temporary place does not stay). ``TREATYLOGIC_CACHE=off`` (or ``0``,
``no``, ``false``) turns it off; ``load(..., cache=False)`` too.

The format is :mod:`pickle` (protocol 5) of the corpus's declarations, in
chunks of ``CHUNK`` declarations, each its own pickle (its own memo), and the
rule base is indexed again from them without checking them again
(:meth:`~treatylogic.corpus.RuleBase.from_checked`: they built one when the entry
was written). Pickle's memo keeps every object it has seen until the end of a
load or a write: over a whole corpus that is a second copy's worth of memory at
1,000,000 instruments; over a chunk, a few MiB. The models pickle compact
(:func:`treatylogic.models.compact_model`), a date span as :func:`parse_date`'s
own where it is (shared as a parse shares it), a set of given fields as bits
(shared). Pickle runs code named in the file it reads, so it is
only ever read from a file this user's own process wrote: the folder is created
private (mode 0700), an entry must be owned by the current user and carry the
digest of its payload, and nothing is read from the rules folder or from any
place a rule file names. A cache shared between users, or a file from elsewhere,
is not a use this module supports.

Layout of an entry: ``MAGIC``, the pickled payload (the sources; then
``(section, declarations)`` chunks; then None), a JSON trailer (the key, the
payload's digest and length, the included files' digests), the trailer's length
in 8 bytes. The trailer is read first, so a stale entry costs no unpickling.
"""

from __future__ import annotations

import contextlib
import copyreg
import gc
import hashlib
import json
import os
import pickle
import platform
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

__all__ = ["CACHE_MIN_BYTES", "CompiledCache", "cache_dir", "cache_enabled"]

#: Folders with fewer bytes of rule files are parsed each time: they load in
#: milliseconds, and would only fill the cache folder.
CACHE_MIN_BYTES = 1 << 20
#: How many entries the cache folder keeps: the least recently used go first.
MAX_ENTRIES = 8
MAGIC = b"treatylogic-compiled-cache 2\n"
#: Declarations per pickle of an entry (each pickle has its own memo).
CHUNK = 4096
SECTIONS = ("actors", "instruments", "doctrines", "stances")
_OFF = {"0", "off", "no", "false"}
_CHUNK = 1 << 20


def cache_dir() -> Path:
    """Where entries are kept: ``$TREATYLOGIC_CACHE_DIR``, else the user cache folder."""
    chosen = os.environ.get("TREATYLOGIC_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "treatylogic"


def cache_enabled() -> bool:
    """False when ``$TREATYLOGIC_CACHE`` turns the cache off."""
    return os.environ.get("TREATYLOGIC_CACHE", "").strip().lower() not in _OFF


def _engine_digest() -> str:
    """treatylogic's version and its own source, Python's and pydantic's versions."""
    import pydantic

    from . import __version__

    digest = hashlib.blake2b(digest_size=16)
    for part in (__version__, sys.version, platform.python_implementation(),
                 pydantic.VERSION, str(pickle.HIGHEST_PROTOCOL)):
        digest.update(part.encode() + b"\0")
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        digest.update(str(source.relative_to(package)).encode() + b"\0")
        digest.update(source.read_bytes())
    return digest.hexdigest()


_ENGINE: list[str] = []


def engine_digest() -> str:
    """The engine part of every key (computed once per process)."""
    if not _ENGINE:
        _ENGINE.append(_engine_digest())
    return _ENGINE[0]


def file_digest(path: Path) -> str:
    """The digest of one file's bytes."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, lambda: hashlib.blake2b(digest_size=32)).hexdigest()


class _HashingWriter:
    """A file that pickle writes to, hashing what passes."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.digest = hashlib.blake2b(digest_size=32)
        self.length = 0

    def write(self, data: Any) -> int:
        self.digest.update(data)
        self.length += len(memoryview(data).cast("B"))
        return self.handle.write(data)


class CompiledCache:
    """The cache entry of one load: a folder's files, as given, loaded into one class.

    ``files`` are the rule files found in the folder (those included by them are
    recorded when the entry is written); ``shown`` names each file as messages do.
    """

    def __init__(self, files: Iterable[Path], shown: Iterable[str], origin: str,
                 into: type, folder: Path | None = None) -> None:
        self.files = list(files)
        self.shown = list(shown)
        self.origin = origin
        self.into = f"{into.__module__}.{into.__qualname__}"
        self.into_class: Any = into  # a RuleBase class (cache imports no corpus)
        root = folder or cache_dir()
        engine = engine_digest()
        where = hashlib.blake2b(digest_size=16)
        for part in (engine, self.into, origin, *(str(f.resolve()) for f in self.files[:1])):
            where.update(part.encode("utf-8", "surrogatepass") + b"\0")
        self.path = root / f"{where.hexdigest()}.corpus"
        self.root = root
        self.key = self._key(engine)

    def _key(self, engine: str) -> str:
        digest = hashlib.blake2b(digest_size=32)
        for part in (engine, self.into, self.origin):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        for file, shown in zip(self.files, self.shown, strict=True):
            digest.update(shown.encode("utf-8", "surrogatepass") + b"\0")
            digest.update(file_digest(file).encode() + b"\0")
        return digest.hexdigest()

    # ------------------------------------------------------------------ read
    def get(self) -> Any | None:
        """The cached corpus, or None when there is none, or it is stale or corrupt."""
        try:
            with self.path.open("rb") as handle:
                if hasattr(os, "getuid") and os.fstat(handle.fileno()).st_uid != os.getuid():
                    return None  # not written by this user: never unpickled
                trailer, payload_at = self._trailer(handle)
                if trailer is None or not self._fresh(trailer):
                    return None
                if not self._intact(handle, payload_at, trailer):
                    return None
                handle.seek(payload_at)
                paused = gc.isenabled()
                gc.disable()  # millions of objects made, none freed: no collection helps
                try:
                    corpus = self._read(handle)
                finally:
                    if paused:
                        gc.enable()
            with contextlib.suppress(OSError):
                os.utime(self.path)  # recently used: kept longest
            return corpus
        except Exception:  # any unreadable entry is a miss, rebuilt by the caller
            return None

    def _read(self, handle: BinaryIO) -> Any:
        """The corpus of the payload at ``handle``: its declarations, chunk by chunk, indexed.

        Each chunk is read where the model classes take plain assignment
        (:func:`treatylogic.models._assignable`): a model is rebuilt in a fifth of the
        time (see ``models._restore``)."""
        from .models import _assignable, _declaration_classes

        classes = _declaration_classes()
        with _assignable(classes):
            sources = pickle.load(handle)
        found: dict[str, list[Any]] = {section: [] for section in SECTIONS}
        while True:
            with _assignable(classes):
                part = pickle.load(handle)
            if part is None:
                break
            section, items = part
            found[section].extend(items)
        return self.into_class.from_checked(**found, sources=sources)

    def _trailer(self, handle: BinaryIO) -> tuple[dict[str, Any] | None, int]:
        if handle.read(len(MAGIC)) != MAGIC:
            return None, 0
        end = handle.seek(0, os.SEEK_END)
        if end < len(MAGIC) + 8:
            return None, 0
        handle.seek(end - 8)
        size = int.from_bytes(handle.read(8), "big")
        if not 0 < size <= end - len(MAGIC) - 8:
            return None, 0
        handle.seek(end - 8 - size)
        trailer = json.loads(handle.read(size))
        if not isinstance(trailer, dict) or \
                trailer.get("length") != end - 8 - size - len(MAGIC):
            return None, 0
        return trailer, len(MAGIC)

    def _fresh(self, trailer: dict[str, Any]) -> bool:
        if trailer.get("key") != self.key:
            return False
        for name, digest in trailer.get("included", []):
            try:
                if file_digest(Path(name)) != digest:
                    return False
            except OSError:
                return False
        return True

    @staticmethod
    def _intact(handle: BinaryIO, at: int, trailer: dict[str, Any]) -> bool:
        handle.seek(at)
        digest, left = hashlib.blake2b(digest_size=32), int(trailer["length"])
        while left > 0:
            chunk = handle.read(min(_CHUNK, left))
            if not chunk:
                return False
            digest.update(chunk)
            left -= len(chunk)
        return digest.hexdigest() == trailer.get("digest")

    # ----------------------------------------------------------------- write
    def put(self, corpus: Any, read: Iterable[Path]) -> bool:
        """Keep ``corpus``, loaded from ``read`` (the files and those they include).

        Returns whether it was written; a cache that cannot be written (no space,
        no permission) is skipped in silence, the corpus being loaded already.
        """
        listed = {f.resolve() for f in self.files}
        included = [[str(p.resolve()), file_digest(p)] for p in read
                    if p.resolve() not in listed]
        temporary: str | None = None
        try:
            self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.root, prefix=".writing-")
            with os.fdopen(handle, "wb") as out:
                out.write(MAGIC)
                writer = _HashingWriter(out)
                _write(corpus, writer)
                trailer = json.dumps({"key": self.key, "digest": writer.digest.hexdigest(),
                                      "length": writer.length, "included": included,
                                      "into": self.into}).encode()
                out.write(trailer)
                out.write(len(trailer).to_bytes(8, "big"))
            os.replace(temporary, self.path)
            self._prune()
            return True
        except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
            return False

    def _prune(self) -> None:
        """Remove the least recently used entries beyond ``MAX_ENTRIES``."""
        entries = []
        for entry in self.root.glob("*.corpus"):
            with contextlib.suppress(OSError):
                entries.append((entry.stat().st_mtime, entry))
        entries.sort(reverse=True)
        for _, entry in entries[MAX_ENTRIES:]:
            if entry != self.path:
                with contextlib.suppress(OSError):
                    entry.unlink()


def _reduce_span(span: Any) -> tuple[Any, tuple[Any, ...]]:
    from .dates import shared_span

    return (shared_span, (span.earliest, span.latest, span.text, span.open_start,
                          span.open_end, span.qualified))


def _write(corpus: Any, writer: _HashingWriter) -> None:
    """The payload of ``corpus``: its sources, its declarations in chunks, then None."""
    from .dates import DateSpan

    pickler = pickle.Pickler(writer, protocol=5)
    pickler.dispatch_table = {**copyreg.dispatch_table, DateSpan: _reduce_span}
    pickler.dump(tuple(corpus.sources.values()))
    for section in SECTIONS:
        items = tuple(getattr(corpus, section).values())
        for start in range(0, len(items), CHUNK):
            pickler.clear_memo()
            pickler.dump((section, items[start:start + CHUNK]))
    pickler.clear_memo()
    pickler.dump(None)
