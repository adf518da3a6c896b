"""The status vocabulary and the one table of transitions between statuses.

Everything the engine knows about how an accepted effect changes a status is
the ``TRANSITIONS`` table below; ``docs/semantics.md`` prints the same table.

>>> transition(Status.IN_FORCE, EffectKind.SUSPEND)
<Status.SUSPENDED: 'suspended'>
>>> transition(Status.SUSPENDED, EffectKind.RESUME)
<Status.IN_FORCE: 'in_force'>
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "TRANSITIONS",
    "VALID",
    "EffectKind",
    "Status",
    "Verdict",
    "transition",
]


class Status(StrEnum):
    """Where a target stands at a date under a stance."""

    PENDING = "pending"
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    RENOUNCED = "renounced"
    SUPERSEDED = "superseded"
    TERMINATED = "terminated"
    ANNULLED = "annulled"
    UNDETERMINED = "undetermined"
    NOT_IN_TEXT = "not_in_text"


class EffectKind(StrEnum):
    """What one instrument does to another (or to one of its provisions)."""

    RENOUNCE = "renounce"
    REAFFIRM = "reaffirm"
    ANNUL = "annul"
    SUPERSEDE = "supersede"
    TERMINATE = "terminate"
    SUSPEND = "suspend"
    RESUME = "resume"
    DENY = "deny"

    @property
    def verb(self) -> str:
        """The third person for traces: ``annul`` -> ``annuls``, ``deny`` -> ``denies``."""
        return "denies" if self is EffectKind.DENY else f"{self.value}s"


class Verdict(StrEnum):
    """What a stance rule decides about one effect."""

    ACCEPT = "accept"
    REJECT = "reject"
    UNDETERMINED = "undetermined"


#: ``valid`` is true exactly for these statuses.
VALID = frozenset({Status.IN_FORCE, Status.SUSPENDED})

_S, _E = Status, EffectKind
_LIVE = (_S.IN_FORCE, _S.SUSPENDED, _S.RENOUNCED)

#: (status before, accepted effect kind) -> status after. A pair that is not in
#: the table leaves the status as it was (e.g. resuming what is in force).
TRANSITIONS: dict[tuple[Status, EffectKind], Status] = {
    # renounce: the actor gives up the instrument (or the rights in it)
    (_S.IN_FORCE, _E.RENOUNCE): _S.RENOUNCED,
    (_S.SUSPENDED, _E.RENOUNCE): _S.RENOUNCED,
    # reaffirm: what was given up or paused is in force again
    (_S.RENOUNCED, _E.REAFFIRM): _S.IN_FORCE,
    (_S.SUSPENDED, _E.REAFFIRM): _S.IN_FORCE,
    # annul: void from the beginning (ex tunc)
    **{(s, _E.ANNUL): _S.ANNULLED for s in (*_LIVE, _S.SUPERSEDED, _S.TERMINATED)},
    # supersede / terminate: ended from now on (ex nunc, VCLT arts. 59 and 70)
    **{(s, _E.SUPERSEDE): _S.SUPERSEDED for s in _LIVE},
    **{(s, _E.TERMINATE): _S.TERMINATED for s in _LIVE},
    # suspend / resume: a pause (VCLT art. 72)
    (_S.IN_FORCE, _E.SUSPEND): _S.SUSPENDED,
    (_S.SUSPENDED, _E.RESUME): _S.IN_FORCE,
    # deny: the author denies the text ever held it
    **{(s, _E.DENY): _S.NOT_IN_TEXT for s in _LIVE},
}


def transition(status: Status, kind: EffectKind) -> Status:
    """The status after an accepted, effective effect of ``kind``.

    ``undetermined`` is absorbing: once the engine cannot tell where a target
    stands, no later effect can tell it either.
    """
    return TRANSITIONS.get((status, kind), status)
