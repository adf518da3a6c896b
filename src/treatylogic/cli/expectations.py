"""Expectations for a rule base, written in YAML and checked by ``treatylogic test``.

Like OpenFisca's YAML tests for tax rules: each case names a target, a stance,
a date (and, once the engine has parties, a party) and the status expected,
optionally with the rule expected to decide it. A file looks like::

    expectations:
      - name: the ROC holds the manifesto valid
        target: karakhan-1919
        stance: roc
        at: 2024-09-02
        status: in_force
        rule: roc/manifestos-valid     # optional: the rule behind the why
        source: "wp-karakhan-manifesto, Question of continued validity"  # optional

A case's ``rule`` is compared with the rule of the step the command line's
"why" shows (see :func:`treatylogic.cli.render.reason_step`); either the full
``owner/rule`` id or the rule's own id matches.

>>> import treatylogic as tl
>>> case = Expectation(target="karakhan-1919", stance="roc", at="2024-09-02",
...                    status="in_force", rule="manifestos-valid")
>>> check(tl.load(), case).passed
True
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .._yaml import Positions, YamlError, read_yaml
from ..engine import Corpus
from ..errors import Problem, RulesError, TreatyLogicError
from ..explanation import Resolution
from ..status import Status
from .render import reason_step

__all__ = ["Expectation", "ExpectationsError", "Outcome", "check", "read_expectations"]


class ExpectationsError(RulesError):
    """An expectations file that cannot be read, with every problem located."""


class Expectation(BaseModel):
    """One expected answer of the rule base."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    name: str = ""
    target: str
    stance: str
    at: str = Field(description="an EDTF date")
    party: str | None = Field(default=None, description="the party, once the engine has them")
    status: Status
    rule: str | None = Field(default=None, description="the rule expected to decide it")
    source: str = ""

    @field_validator("at", mode="before")
    @classmethod
    def _date_text(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)  # YAML reads 1953 as a number
        return value.isoformat() if hasattr(value, "isoformat") else value


class _File(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    expectations: tuple[Expectation, ...]


@dataclass(frozen=True)
class Outcome:
    """What one case gave: passed, or why not (``error`` when it could not run at all)."""

    case: Expectation
    file: str
    line: int | None
    passed: bool
    status: Status | None = None
    rule: str | None = None
    error: str = ""

    @property
    def label(self) -> str:
        at = f" at {self.case.at}" + (f" for {self.case.party}" if self.case.party else "")
        return self.case.name or f"{self.case.target} under {self.case.stance}{at}"


def read_expectations(path: Path) -> list[tuple[Expectation, int | None]]:
    """The cases of one file with their lines.

    Raises
    ------
    ExpectationsError
        With every problem in the file, each with its line and field.
    """
    shown = str(path)
    try:
        data, positions = read_yaml(path.read_bytes())
    except YamlError as exc:
        raise ExpectationsError([Problem(shown, exc.message, exc.line, exc.column)]) from None
    except OSError as exc:
        raise ExpectationsError([Problem(shown, f"cannot read the file: "
                                         f"{exc.strerror or exc}")]) from None
    try:
        parsed = _File.model_validate(data)
    except ValidationError as exc:
        raise ExpectationsError(_problems(exc, shown, positions)) from None
    return [(case, positions.find(("expectations", index))[0])
            for index, case in enumerate(parsed.expectations)]


def _problems(error: ValidationError, shown: str, positions: Positions) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        line, column = positions.find(tuple(item["loc"]))
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in item["loc"])
        message = item["msg"]
        if item["type"] == "missing":
            message = f"missing required field {item['loc'][-1]!r}"
        elif item["type"] == "extra_forbidden":
            allowed = ", ".join(Expectation.model_fields)
            message = f"unknown field {item['loc'][-1]!r} (allowed: {allowed})"
        elif item["type"] == "enum":
            message = f"unknown status {item.get('input')!r} (one of: " \
                      f"{', '.join(s.value for s in Status)})"
        problems.append(Problem(shown, message, line, column, path.lstrip(".")))
    return problems


def _resolve(corpus: Corpus, case: Expectation) -> Resolution:
    if case.party is None:
        return corpus.resolve(case.target, case.stance, case.at)
    if "party" not in inspect.signature(corpus.resolve).parameters:
        raise TreatyLogicError("this version of treatylogic cannot resolve for a party yet; "
                               "remove 'party' from the case")
    resolve: Any = corpus.resolve
    result: Resolution = resolve(case.target, case.stance, case.at, party=case.party)
    return result


def _rule_matches(expected: str, actual: str | None) -> bool:
    return actual is not None and (expected == actual or actual.endswith("/" + expected))


def check(corpus: Corpus, case: Expectation, file: str = "", line: int | None = None) -> Outcome:
    """Run one case against ``corpus``."""
    try:
        resolution = _resolve(corpus, case)
    except TreatyLogicError as exc:
        return Outcome(case, file, line, False, error=str(exc))
    step = reason_step(resolution)
    rule = step.rule if step is not None else None
    passed = resolution.status is case.status and (
        case.rule is None or _rule_matches(case.rule, rule))
    return Outcome(case, file, line, passed, resolution.status, rule)
