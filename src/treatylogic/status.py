"""The status vocabulary and the one table of transitions between statuses.

Everything the engine knows about how an event changes a status is the
``TRANSITIONS`` table below; ``docs/semantics.md`` prints the same table. An
*event* is an accepted effect (``EffectKind``) or a clause of the instrument's
own acting on a day (``Lifecycle``: its term runs out).

>>> transition(Status.IN_FORCE, EffectKind.SUSPEND)
<Status.SUSPENDED: 'suspended'>
>>> transition(Status.SUSPENDED, EffectKind.RESUME)
<Status.IN_FORCE: 'in_force'>
>>> transition(Status.IN_FORCE, Lifecycle.EXPIRE)
<Status.EXPIRED: 'expired'>
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "ENDED",
    "TRANSITIONS",
    "VALID",
    "EffectKind",
    "Event",
    "InvalidityMode",
    "Lifecycle",
    "Status",
    "Verdict",
    "transition",
]


class Status(StrEnum):
    """Where a target stands at a date under a stance (for one party, or among its parties)."""

    PENDING = "pending"          # not yet in force (for that party: consented, not yet bound)
    SIGNED = "signed"            # the party signed; consent to be bound not yet expressed
    NOT_PARTY = "not_party"      # the party never consented: a third state (VCLT art. 34)
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    RENOUNCED = "renounced"
    SUPERSEDED = "superseded"
    TERMINATED = "terminated"
    WITHDRAWN = "withdrawn"      # the party withdrew or denounced it (VCLT arts. 54, 56, 70)
    EXPIRED = "expired"          # its own term ran out (ex nunc)
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
    WITHDRAW = "withdraw"

    @property
    def verb(self) -> str:
        """The third person for traces: ``annul`` -> ``annuls``, ``deny`` -> ``denies``."""
        return "denies" if self is EffectKind.DENY else f"{self.value}s"


class Lifecycle(StrEnum):
    """Events an instrument's own clauses cause, with no effect declaring them."""

    EXPIRE = "expire"  # its term or end date is reached


#: An event the table knows: an accepted effect or a lifecycle event.
Event = EffectKind | Lifecycle


class InvalidityMode(StrEnum):
    """From when an annulment operates."""

    EX_TUNC = "ex_tunc"  # void from the beginning: what it did never happened
    EX_NUNC = "ex_nunc"  # void from the annulment on: what it did before stands (VCLT art. 71(2))


class Verdict(StrEnum):
    """What a stance rule decides about one effect."""

    ACCEPT = "accept"
    REJECT = "reject"
    UNDETERMINED = "undetermined"


#: ``valid`` is true exactly for these statuses.
VALID = frozenset({Status.IN_FORCE, Status.SUSPENDED})
#: Statuses after which nothing but annulment changes a target.
ENDED = frozenset({Status.SUPERSEDED, Status.TERMINATED, Status.WITHDRAWN, Status.EXPIRED})

_S, _E, _L = Status, EffectKind, Lifecycle
_LIVE = (_S.IN_FORCE, _S.SUSPENDED, _S.RENOUNCED)

#: (status before, event) -> status after. A pair that is not in the table
#: leaves the status as it was (e.g. resuming what is in force).
TRANSITIONS: dict[tuple[Status, Event], Status] = {
    # renounce: the actor gives up the instrument (or the rights in it)
    (_S.IN_FORCE, _E.RENOUNCE): _S.RENOUNCED,
    (_S.SUSPENDED, _E.RENOUNCE): _S.RENOUNCED,
    # reaffirm: what was given up or paused is in force again
    (_S.RENOUNCED, _E.REAFFIRM): _S.IN_FORCE,
    (_S.SUSPENDED, _E.REAFFIRM): _S.IN_FORCE,
    # annul: void (from the beginning, or from its date: see InvalidityMode)
    **{(s, _E.ANNUL): _S.ANNULLED for s in (*_LIVE, *ENDED)},
    # supersede / terminate: ended from now on (ex nunc, VCLT arts. 59 and 70)
    **{(s, _E.SUPERSEDE): _S.SUPERSEDED for s in _LIVE},
    **{(s, _E.TERMINATE): _S.TERMINATED for s in _LIVE},
    # withdraw: one party leaves (VCLT arts. 54, 56, 70(2)); for the instrument
    # among its parties the resolver turns it into `terminate` once fewer than two remain
    **{(s, _E.WITHDRAW): _S.WITHDRAWN for s in _LIVE},
    # suspend / resume: a pause (VCLT art. 72)
    (_S.IN_FORCE, _E.SUSPEND): _S.SUSPENDED,
    (_S.SUSPENDED, _E.RESUME): _S.IN_FORCE,
    # deny: the author denies the text ever held it
    **{(s, _E.DENY): _S.NOT_IN_TEXT for s in _LIVE},
    # the instrument's own term runs out (ex nunc)
    **{(s, _L.EXPIRE): _S.EXPIRED for s in _LIVE},
}


def transition(status: Status, event: Event) -> Status:
    """The status after an accepted, effective event (the table, or the status unchanged)."""
    return TRANSITIONS.get((status, event), status)
