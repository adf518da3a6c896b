"""The exception tree: one root, each subclass also a fitting built-in.

>>> import treatylogic as tl
>>> issubclass(tl.UnknownIdError, KeyError)
True
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

__all__ = [
    "MAX_SHOWN",
    "DateError",
    "FieldError",
    "NameIndex",
    "Problem",
    "RulesError",
    "TreatyLogicError",
    "UnknownIdError",
    "closest",
    "echo",
]

#: How many problems a message lists before it gives the count of the rest.
MAX_SHOWN = 50
#: How many characters of a user's value a message repeats.
MAX_ECHO = 80
#: Names compared one by one with every candidate up to this many candidates; above
#: it, only candidates one edit away (found through an index) are compared.
_SMALL = 64
#: A word longer than this gets no "did you mean" (no id that long is a typo of another).
_LONGEST_GUESS = 200


class TreatyLogicError(Exception):
    """Root of every error treatylogic raises on purpose."""


def echo(value: object, limit: int = MAX_ECHO) -> str:
    """``repr(value)`` for a message, cut to about ``limit`` characters with the full length.

    >>> echo("x" * 1000, limit=12)
    "'xxxxxxx...' (1,000 characters)"
    """
    text = repr(value)
    if len(text) <= limit:
        return text
    full = len(value) if isinstance(value, str | bytes | list | tuple | dict) else len(text)
    quote = text[0] if text[0] in "'\"" else ""
    return f"{text[: max(limit - 4, 1)]}...{quote} ({full:,} characters)"


def _deletions(word: str) -> list[str]:
    """``word`` and every string one character shorter (the keys of a deletion index)."""
    return [word, *(word[:i] + word[i + 1:] for i in range(len(word)))]


class NameIndex:
    """Known names, searchable for "did you mean" in time that does not grow with their number.

    Up to a few dozen names, every one is compared with the word (difflib's
    ratio, as :func:`closest`). Above that, the candidates are the names one
    edit away (a letter left out, added, changed, or two swapped, case aside),
    found through an index of deletions built on the first search; they are then
    ranked the same way. Each word's answer is remembered.

    >>> index = NameIndex(f"treaty-{i}" for i in range(1000))
    >>> index.closest("traety-17")
    ['treaty-17']
    """

    def __init__(self, names: Iterable[str]) -> None:
        self.names = list(dict.fromkeys(names))
        self._index: dict[str, list[str]] | None = None
        self._seen: dict[tuple[str, int], list[str]] = {}

    def __contains__(self, name: object) -> bool:
        return name in self._set

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    @property
    def _set(self) -> frozenset[str]:
        found = self.__dict__.get("_names_set")
        if found is None:
            found = self.__dict__["_names_set"] = frozenset(self.names)
        return found

    def _candidates(self, word: str) -> list[str]:
        if self._index is None:
            index: dict[str, list[str]] = defaultdict(list)
            for name in self.names:
                if len(name) <= _LONGEST_GUESS:
                    for key in set(_deletions(name.lower())):
                        index[key].append(name)
            self._index = dict(index)
        found: dict[str, None] = {}
        for key in set(_deletions(word.lower())):
            found.update(dict.fromkeys(self._index.get(key, ())))
        return list(found)

    def closest(self, word: str, n: int = 3) -> list[str]:
        """The known names nearest to ``word``, best first."""
        if not isinstance(word, str) or len(word) > _LONGEST_GUESS:
            return []
        key = (word, n)
        if key not in self._seen:
            pool = self.names if len(self.names) <= _SMALL else self._candidates(word)
            self._seen[key] = difflib.get_close_matches(word, pool, n=n, cutoff=0.5)
        return self._seen[key]


def closest(word: str, candidates: Iterable[str] | NameIndex, n: int = 3) -> list[str]:
    """The known names nearest to ``word``, best first (for "did you mean").

    Give a :class:`NameIndex` when searching the same names many times.

    >>> closest("karakhan-1991", ["karakhan-1919", "border-1991"])
    ['karakhan-1919', 'border-1991']
    """
    index = candidates if isinstance(candidates, NameIndex) else NameIndex(candidates)
    return index.closest(word, n)


class UnknownIdError(TreatyLogicError, KeyError):
    """An id (instrument, provision, stance, actor, ...) that the corpus does not know."""

    def __init__(self, what: str, name: str, known: Iterable[str]) -> None:
        self.what = what
        self.name = name
        self.suggestions = closest(name, known)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"unknown {self.what} {echo(self.name)}"
        if self.suggestions:
            text += "; did you mean " + " or ".join(self.suggestions) + "?"
        return text

    def __str__(self) -> str:  # KeyError would quote the whole message
        return self.message


class DateError(TreatyLogicError, ValueError):
    """A date that is not a valid EDTF string (or not a possible day)."""


class FieldError(TreatyLogicError, ValueError):
    """A model check that knows which field is wrong: ``at`` is its path inside the model.

    The loader joins ``at`` to the model's own path, so the problem points at the field
    (``instruments[3].effects[0].date``) rather than at the whole instrument.

    >>> FieldError("effect 'e' targets its own instrument 't'", "effects", 0, "target").at
    ('effects', 0, 'target')
    """

    def __init__(self, message: str, *at: str | int) -> None:
        super().__init__(message)
        self.at = at


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a rules folder, located as precisely as known."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    path: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        at = f" [{self.path}]" if self.path else ""
        return f"{where}{at}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
        }


class RulesError(TreatyLogicError, ValueError):
    """A rules folder that cannot be loaded; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.summary())

    def shown(self) -> tuple[tuple[Problem, ...], int]:
        """The problems a message lists (the first ``MAX_SHOWN``) and how many it leaves out."""
        return self.problems[:MAX_SHOWN], max(len(self.problems) - MAX_SHOWN, 0)

    def summary(self) -> str:
        count = len(self.problems)
        head = f"{count:,} problem{'s' if count != 1 else ''} in the rule files:"
        shown, rest = self.shown()
        lines = [head, *(f"  {p}" for p in shown)]
        if rest:
            lines.append(f"  ... and {rest:,} more (`validate --format json` lists them all)")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()
