"""The explanation trace, recorded once and rendered many ways (text, Markdown, JSON).

A :class:`Resolution` carries the ordered :class:`Step` list that produced its
status; the last step's status is the result.

>>> import treatylogic as tl
>>> r = tl.load().resolve("karakhan-1919", stance="russia", at="2024")
>>> r.trace[-1].status == r.status
True
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from .status import VALID, Status

__all__ = [
    "Comparison",
    "Divergence",
    "Interval",
    "Resolution",
    "Step",
    "StepKind",
    "StepVerdict",
    "Timeline",
    "render_markdown",
    "render_text",
]


class StepKind(StrEnum):
    """What a trace step looked at."""

    START = "start"            # the instrument's date and entry into force
    PENDING = "pending"        # the query date is before it
    DATE = "date"              # the query date falls inside an uncertain date
    PARTY = "party"            # the party's own consent and entry into force
    NO_POSITION = "no_position"
    VARIANT = "variant"        # the authoritative text variant
    CYCLE = "cycle"
    EFFECT = "effect"          # one effect, decided by the stance
    CLAUSE = "clause"          # the instrument's own clause on time (its term)
    POSSIBLE = "possible"      # the statuses every admissible order and instant allows


class StepVerdict(StrEnum):
    """What became of the step."""

    APPLIED = "applied"
    REJECTED = "rejected"
    INERT = "inert"
    UNDETERMINED = "undetermined"
    INFO = "info"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Step(_Frozen):
    """One step of an explanation."""

    kind: StepKind
    effect: str | None = None
    effect_kind: str | None = None
    source: str | None = None
    rule: str | None = None
    verdict: StepVerdict
    reason: str
    status: Status
    citations: tuple[str, ...] = ()


class Resolution(_Frozen):
    """Where one target stands under one stance at one date, and why.

    ``party``: the status is that party's (None: the instrument's own, among its
    parties). ``as_of``: the record as it stood on that day (None: on ``at``).
    ``possible``: the statuses the record allows; one exactly when the status is
    settled, several when it is ``undetermined`` for want of an order or a date,
    none when ``undetermined`` for another reason (no position, a cycle).
    """

    target: str
    stance: str
    at: str
    status: Status
    trace: tuple[Step, ...]
    party: str | None = None
    as_of: str | None = None
    possible: tuple[Status, ...] = ()

    @property
    def valid(self) -> bool:
        """True exactly for ``in_force`` and ``suspended``."""
        return self.status in VALID

    def explain(self, fmt: str = "text") -> str:
        """The trace as readable text (``fmt="text"``) or Markdown (``"markdown"``)."""
        return render_markdown(self) if fmt == "markdown" else render_text(self)

    def to_dict(self) -> dict[str, object]:
        """The JSON contract: target, stance, party, at, as_of, status, valid, possible, trace."""
        data = self.model_dump(mode="json")
        data["valid"] = self.valid
        return {k: data[k] for k in ("target", "stance", "party", "at", "as_of", "status",
                                     "valid", "possible", "trace")}

    def __str__(self) -> str:
        who = f" for {self.party}" if self.party else ""
        return f"{self.target}{who} under {self.stance} at {self.at}: {self.status.value}"

    def _repr_html_(self) -> str:
        """The answer and its trace as HTML, for notebooks."""
        from .report.fragments import resolution_html

        return resolution_html(self)


class Comparison(dict):  # dict[str, Resolution]
    """``{stance_id: Resolution}`` for one target at one date; a table in a notebook.

    >>> import treatylogic as tl
    >>> comparison = tl.load().compare("karakhan-1919", at="2024")
    >>> isinstance(comparison, dict), "<table" in comparison._repr_html_()
    (True, True)
    """

    def _repr_html_(self) -> str:
        """One row per stance, each status expandable into its trace."""
        from .report.fragments import comparison_html

        return comparison_html(self)


class Interval(_Frozen):
    """A stretch of days with one status; ``start`` None: from the beginning, ``end`` None: open."""

    start: dt.date | None
    end: dt.date | None  # exclusive: the next interval's start
    status: Status

    def to_dict(self) -> dict[str, object]:
        return {"from": self.start.isoformat() if self.start else None,
                "to": self.end.isoformat() if self.end else None,
                "status": self.status.value}


class Timeline(_Frozen):
    """Contiguous, ordered intervals of a target's status under one stance (for one party)."""

    target: str
    stance: str
    party: str | None = None
    intervals: tuple[Interval, ...]

    def status_on(self, day: dt.date) -> Status:
        """The status the timeline gives for ``day``."""
        for interval in self.intervals:
            if (interval.start is None or interval.start <= day) and \
                    (interval.end is None or day < interval.end):
                return interval.status
        raise ValueError(f"{day} is outside the timeline")  # unreachable: intervals cover all days

    def to_dict(self) -> list[dict[str, object]]:
        return [i.to_dict() for i in self.intervals]

    def _repr_html_(self) -> str:
        """The intervals as an HTML table, for notebooks."""
        from .report.fragments import timeline_html

        return timeline_html(self)

    def __str__(self) -> str:
        lines = [f"{self.target} under {self.stance}:"]
        for i in self.intervals:
            start = i.start.isoformat() if i.start else "…"
            end = i.end.isoformat() if i.end else "…"
            lines.append(f"  {start:>10} – {end:<10}  {i.status.value}")
        return "\n".join(lines)


class Divergence(_Frozen):
    """Where two stances part on one target: the first step they decide differently."""

    target: str
    at: str
    stance_a: str
    stance_b: str
    status_a: Status
    status_b: Status
    step_a: Step | None
    step_b: Step | None

    @property
    def agree(self) -> bool:
        return self.step_a is None and self.step_b is None

    def _repr_html_(self) -> str:
        """Both answers and where they part, as HTML, for notebooks."""
        from .report.fragments import divergence_html

        return divergence_html(self)

    def __str__(self) -> str:
        head = (f"{self.target} at {self.at}: {self.stance_a} says {self.status_a.value}, "
                f"{self.stance_b} says {self.status_b.value}")
        if self.agree:
            return head + "; they decide every step alike."
        lines = [head, "They part at:"]
        for name, step in ((self.stance_a, self.step_a), (self.stance_b, self.step_b)):
            lines.append(f"  {name}: " + (_step_line(step) if step else "(no such step)"))
        return "\n".join(lines)


def _step_line(step: Step) -> str:
    what = f"{step.effect} ({step.effect_kind}, by {step.source})" if step.effect \
        else step.kind.value
    rule = f" [rule {step.rule}]" if step.rule else ""
    return f"{what}: {step.verdict.value}{rule} -> {step.status.value}. {step.reason}"


def render_text(resolution: Resolution) -> str:
    """A plain-text explanation, one numbered line per step, citations indented."""
    who = f" for party {resolution.party}" if resolution.party else ""
    record = f" (the record as of {resolution.as_of})" if resolution.as_of else ""
    lines = [f"{resolution.target}{who} under stance {resolution.stance} at {resolution.at}"
             f"{record}: {resolution.status.value} "
             f"(valid: {'yes' if resolution.valid else 'no'})"]
    if len(resolution.possible) > 1:
        lines.append("     possible: " + ", ".join(s.value for s in resolution.possible))
    for number, step in enumerate(resolution.trace, 1):
        lines.append(f"{number:>3}. {_step_line(step)}")
        lines.extend(f"       source: {c}" for c in step.citations)
    return "\n".join(lines)


def render_markdown(resolution: Resolution) -> str:
    """A Markdown explanation: a heading, then one table row per step."""
    lines = [f"### `{resolution.target}` under `{resolution.stance}` at {resolution.at}: "
             f"**{resolution.status.value}**", "",
             "| # | step | verdict | rule | status | reason | sources |",
             "|---|---|---|---|---|---|---|"]
    for number, step in enumerate(resolution.trace, 1):
        what = f"`{step.effect}` ({step.effect_kind} by `{step.source}`)" if step.effect \
            else step.kind.value
        cells = [str(number), what, step.verdict.value, f"`{step.rule}`" if step.rule else "",
                 step.status.value, step.reason, "; ".join(step.citations)]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)
