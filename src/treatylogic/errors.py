"""The exception tree: one root, each subclass also a fitting built-in.

>>> import treatylogic as tl
>>> issubclass(tl.UnknownIdError, KeyError)
True
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "DateError",
    "FieldError",
    "Problem",
    "RulesError",
    "TreatyLogicError",
    "UnknownIdError",
    "closest",
]


class TreatyLogicError(Exception):
    """Root of every error treatylogic raises on purpose."""


def closest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The known names nearest to ``word``, best first (for "did you mean").

    >>> closest("karakhan-1991", ["karakhan-1919", "border-1991"])
    ['karakhan-1919', 'border-1991']
    """
    return difflib.get_close_matches(word, list(candidates), n=n, cutoff=0.5)


class UnknownIdError(TreatyLogicError, KeyError):
    """An id (instrument, provision, stance, actor, ...) that the corpus does not know."""

    def __init__(self, what: str, name: str, known: Iterable[str]) -> None:
        self.what = what
        self.name = name
        self.suggestions = closest(name, known)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"unknown {self.what} {self.name!r}"
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

    def summary(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the rule files:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])

    def __str__(self) -> str:
        return self.summary()
