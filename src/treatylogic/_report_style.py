"""How each status looks: a word, a fill, a text colour and a pattern, shared by HTML and charts.

The fills form a lightness ramp and the patterns differ, so a status can be
told apart in greyscale and by readers who do not see colour; the word is
always printed next to it.

>>> look(Status.IN_FORCE).word
'in force'
"""

from __future__ import annotations

from dataclasses import dataclass

from .status import Status

__all__ = ["LOOKS", "STATUS_ORDER", "Look", "look", "status_word"]


@dataclass(frozen=True, slots=True)
class Look:
    """How one status is drawn."""

    word: str
    fill: str       # background colour
    ink: str        # text colour on that background
    hatch: str      # matplotlib hatch ("" for solid)
    meaning: str    # one line for the legend


#: The order the legend lists statuses in: binding first, ended next, unknown last.
STATUS_ORDER = (
    Status.IN_FORCE, Status.SUSPENDED, Status.RENOUNCED, Status.SUPERSEDED,
    Status.TERMINATED, Status.WITHDRAWN, Status.EXPIRED, Status.ANNULLED, Status.PENDING,
    Status.SIGNED, Status.NOT_PARTY, Status.UNDETERMINED, Status.NOT_IN_TEXT,
)

LOOKS: dict[Status, Look] = {
    Status.IN_FORCE: Look("in force", "#1b7837", "#ffffff", "", "binding"),
    Status.SUSPENDED: Look("suspended", "#a6dba0", "#111111", "..", "binding, but paused"),
    Status.RENOUNCED: Look("renounced", "#fdb863", "#111111", "\\\\", "given up by its author"),
    Status.SUPERSEDED: Look("superseded", "#b2abd2", "#111111", "--", "replaced by a later one"),
    Status.TERMINATED: Look("terminated", "#c2423a", "#ffffff", "", "ended from that day on"),
    Status.ANNULLED: Look("annulled", "#2a0a3d", "#ffffff", "", "void from the beginning"),
    Status.WITHDRAWN: Look("withdrawn", "#e7898a", "#111111", "", "the party left it"),
    Status.EXPIRED: Look("expired", "#8c6d62", "#ffffff", "", "its own term ran out"),
    Status.PENDING: Look("pending", "#f4f4f4", "#333333", "", "not yet made"),
    Status.SIGNED: Look("signed", "#deebf7", "#111111", "", "signed, consent not yet given"),
    Status.NOT_PARTY: Look("not a party", "#fcfcfc", "#555555", "", "never consented to it"),
    Status.UNDETERMINED: Look("undetermined", "#ffffff", "#111111", "//",
                              "cannot be told from the rules"),
    Status.NOT_IN_TEXT: Look("not in text", "#c8c8c8", "#111111", "xx",
                             "absent from the text this reading holds"),
}


def look(status: Status | str) -> Look:
    """The look of a status (a :class:`Status` or its value)."""
    return LOOKS[Status(status)]


def status_word(status: Status | str) -> str:
    """The status in words: ``in_force`` -> ``in force``."""
    return look(status).word
