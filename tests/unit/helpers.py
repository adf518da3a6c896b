"""Tiny corpora built in code for unit tests."""

from __future__ import annotations

from typing import Any

import treatylogic as tl
from treatylogic.models import Actor, Instrument, Stance

ACTORS = (
    Actor(id="east", name="East", kind="state"),
    Actor(id="east-successor", name="East (successor)", kind="state", continues=["east"]),
    Actor(id="west", name="West", kind="state"),
    Actor(id="un", name="United Nations", kind="organisation"),
)


def treaty(id: str, date: str, **extra: Any) -> Instrument:
    """A bilateral East-West treaty."""
    return Instrument(id=id, title=f"Treaty {id}", kind="treaty", form="bilateral",
                      parties=["east", "west"], date=date, **extra)


def declaration(id: str, date: str, issuer: str = "east", **extra: Any) -> Instrument:
    """A unilateral declaration."""
    return Instrument(id=id, title=f"Declaration {id}", kind="declaration", form="unilateral",
                      issuer=issuer, date=date, **extra)


def effect(id: str, kind: str, target: str, **extra: Any) -> dict[str, Any]:
    return {"id": id, "kind": kind, "target": target, **extra}


def corpus(*instruments: Instrument, stances: tuple[Stance, ...] = (), **extra: Any) -> tl.Corpus:
    """A corpus over the four test actors; a stance ``plain`` that accepts everything is added."""
    plain = Stance(id="plain", actor="east", name="accepts every effect")
    return tl.Corpus(ACTORS, instruments, extra.get("doctrines", ()), (plain, *stances))
