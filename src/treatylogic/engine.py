"""The facade: a :class:`Corpus` is a rule base with the questions one asks of it.

The rule base (:mod:`treatylogic.corpus`) is data; resolution
(:mod:`treatylogic.resolution`) reads it. This module sits above both, so that
neither imports the other's caller.

>>> import treatylogic as tl
>>> corpus = tl.load()
>>> corpus.resolve("karakhan-1919", stance="roc", at="2024-09-02").status
<Status.IN_FORCE: 'in_force'>
>>> corpus.resolve("yalta-1945", stance="russia", at="1950", party="roc").status
<Status.NOT_PARTY: 'not_party'>
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import loading, resolution
from .corpus import RuleBase
from .dates import DateSpan
from .explanation import Divergence, Resolution, Timeline
from .status import Status

if TYPE_CHECKING:
    from .panel import Panel

__all__ = ["Corpus", "load"]

When = str | dt.date | DateSpan | None


class Corpus(RuleBase):
    """A checked rule base, and the questions: resolve, table, compare, timeline, diff.

    Every question takes ``party`` (the status for that party; default the
    instrument's own, among its parties); ``resolve`` and ``table`` also take
    ``as_of`` (the record as it stood on that day; default the query date).
    """

    #: The rules folders or files it was loaded from (by :func:`load`); empty if built in
    #: code. ``table(workers=N)`` sends these to its workers instead of the corpus.
    rules_paths: tuple[str, ...] = ()

    def resolve(self, target: str, stance: str, at: When = None, *, party: str | None = None,
                as_of: When = None) -> Resolution:
        """Where ``target`` stands under ``stance`` at ``at`` (EDTF; default today), and why."""
        return resolution.resolve(self, target, stance, at, party=party, as_of=as_of)

    def table(self, at: When = None, stances: list[str] | None = None, *,
              party: str | None = None, as_of: When = None, workers: int | None = None,
              address: str | None = None) -> dict[tuple[str, str], Status]:
        """``{(target, stance_id): Status}`` for every instrument and provision (no traces).

        With ``workers`` above 1 or an ``address`` (a Dask scheduler), the same table is
        computed in shards on Dask workers (the ``distributed`` extra; see
        :mod:`treatylogic.workers`).
        """
        if (workers is not None and workers != 1) or address is not None:
            from . import workers as _workers

            return _workers.table(self, at, stances, party=party, as_of=as_of,
                                  workers=2 if workers is None else workers, address=address)
        return resolution.status_table(self, at, stances, party=party, as_of=as_of)

    def compare(self, target: str, at: When = None, *, party: str | None = None,
                as_of: When = None) -> dict[str, Resolution]:
        """``{stance_id: Resolution}`` for every stance, in id order."""
        return resolution.compare(self, target, at, party=party, as_of=as_of)

    def timeline(self, target: str, stance: str, *, party: str | None = None) -> Timeline:
        """Contiguous intervals of ``target``'s status under ``stance``."""
        return resolution.timeline(self, target, stance, party=party)

    def panel(self, **kwargs: Any) -> Panel:
        """Rows (party, instrument, date, stance, status): see :func:`treatylogic.panel.panel`."""
        from .panel import panel

        return panel(self, **kwargs)

    def _repr_html_(self) -> str:
        """Its instruments and stances as HTML tables, for notebooks."""
        from .report.fragments import corpus_html

        return corpus_html(self)

    def diff(self, target: str, stance_a: str, stance_b: str, at: When = None, *,
             party: str | None = None) -> Divergence:
        """Where two readings part: the first step they decide differently."""
        return resolution.diff(self, target, stance_a, stance_b, at, party=party)


def load(path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
         *, cache: bool | None = None) -> Corpus:
    """Load rules as a :class:`Corpus` (default: ``$TREATYLOGIC_RULES``, else bundled).

    A folder, a file, or a list of them merged into one corpus. ``cache``: see
    :func:`treatylogic.loading.load` (large folders are kept in the compiled cache,
    :mod:`treatylogic.cache`, unless ``$TREATYLOGIC_CACHE=off``).

    Raises
    ------
    RulesError
        With every problem found, each naming its file, line and field.
    """
    corpus = loading.load(path, into=Corpus, cache=cache)
    chosen = path if path is not None else \
        os.environ.get("TREATYLOGIC_RULES") or loading.bundled_rules()
    corpus.rules_paths = tuple(os.path.abspath(p) for p in (
        [chosen] if isinstance(chosen, str | os.PathLike) else chosen))
    return corpus
