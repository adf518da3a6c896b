"""Synthetic corpora: realistic, seeded, of any size, for benchmarks and stress tests.

A corpus is drawn as *families* of about ten instruments around one treaty: a
chain of supersession, unilateral declarations that renounce, annul (also an
earlier annulment), reaffirm, suspend and resume, denials of provisions held in
one text variant only, a few cycles of mutual annulment and some uncertain
dates. ``stances`` stances read it through doctrines that differ. The same seed
always gives the same corpus; :func:`write_rules` writes it as rule files, so
that loading can be measured too.

>>> corpus = synthetic_corpus(200, stances=3, seed=1)
>>> len(corpus.instruments), len(corpus.stances)
(200, 3)
>>> synthetic_corpus(200, stances=3, seed=1).effects.keys() == corpus.effects.keys()
True
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from .engine import Corpus
from .models import RuleFile

__all__ = ["QUERY_DAY", "synthetic_corpus", "synthetic_declarations", "write_rules"]

#: A day after every synthetic date: the day of the benchmark's full table.
QUERY_DAY = dt.date(2030, 12, 31)
FAMILY = 10
PER_FILE = 500

Declarations = dict[str, list[dict[str, Any]]]


def _text(day: dt.date, rng: random.Random) -> str:
    """An EDTF date, now and then uncertain (a month, a year, an interval)."""
    roll = rng.random()
    if roll < 0.03:
        return f"{day.year:04d}-{day.month:02d}"
    if roll < 0.04:
        return f"{day.year:04d}"
    if roll < 0.05:
        return f"{day.isoformat()}/{(day + dt.timedelta(days=45)).isoformat()}"
    return day.isoformat()


class _Family:
    """One treaty and the instruments around it; appends to the shared lists."""

    def __init__(self, number: int, rng: random.Random, actors: list[str],
                 out: list[dict[str, Any]]) -> None:
        self.rng, self.out, self.prefix = rng, out, f"f{number}"
        self.parties = rng.sample(actors, 2)
        self.day = dt.date(1900, 1, 1) + dt.timedelta(days=rng.randrange(36500))
        self.effects = 0

    def later(self) -> dt.date:
        self.day += dt.timedelta(days=self.rng.randrange(30, 900))
        return self.day

    def add(self, inst: dict[str, Any]) -> dict[str, Any]:
        inst.setdefault("title", f"Instrument {inst['id']}")
        self.out.append(inst)
        return inst

    def effect(self, kind: str, target: str, **extra: Any) -> dict[str, Any]:
        self.effects += 1
        return {"id": f"{self.prefix}-e{self.effects}", "kind": kind, "target": target, **extra}

    def treaty(self, n: int, supersedes: str | None) -> dict[str, Any]:
        rng = self.rng
        inst: dict[str, Any] = {"id": f"{self.prefix}-t{n}", "kind": "treaty",
                                "form": "bilateral", "parties": list(self.parties),
                                "date": _text(self.later(), rng)}
        if rng.random() < 0.3:
            inst["in_force"] = (self.day + dt.timedelta(days=rng.randrange(30, 300))).isoformat()
        if rng.random() < 0.3:
            inst["variants"] = [{"id": "signed", "title": "as signed"},
                                {"id": "published", "title": "as published"}]
        provisions = []
        for p in range(rng.randrange(0, 3)):
            provision: dict[str, Any] = {"id": f"art{p + 1}", "summary": f"article {p + 1}"}
            if "variants" in inst and rng.random() < 0.5:
                provision["variants"] = [rng.choice(["signed", "published"])]
            provisions.append(provision)
        if provisions:
            inst["provisions"] = provisions
        if supersedes:
            inst["effects"] = [self.effect("supersede", supersedes)]
        if rng.random() < 0.15:  # its own term: it expires (ex nunc)
            inst["term"] = f"P{rng.randrange(5, 40)}Y"
        if rng.random() < 0.2:  # the second party's own dates: late, signed only, or it leaves
            first, second = self.parties
            start = self.day + dt.timedelta(days=rng.randrange(1, 400))
            record: dict[str, Any] = {"actor": second, "signed": self.day.isoformat()}
            shape = rng.random()
            if shape < 0.3:
                pass  # signed, never bound (VCLT art. 18)
            else:
                record["consent"] = start.isoformat()
                if shape > 0.7:
                    left = start + dt.timedelta(days=rng.randrange(400, 9000))
                    record["withdrawn"] = left.isoformat()
            inst["parties"] = [first, record]
        return self.add(inst)

    def declaration(self, n: int, issuer: str, effects: list[dict[str, Any]]) -> dict[str, Any]:
        return self.add({"id": f"{self.prefix}-d{n}", "kind": "declaration",
                         "form": "unilateral", "issuer": issuer,
                         "date": _text(self.later(), self.rng), "effects": effects})


def _family(number: int, size: int, rng: random.Random, actors: list[str],
            out: list[dict[str, Any]]) -> None:
    """``size`` instruments: a chain of treaties, then declarations about them."""
    fam = _Family(number, rng, actors, out)
    treaties = [fam.treaty(0, None)]
    for n in range(1, max(1, size // 4)):
        previous = treaties[-1]["id"] if rng.random() < 0.7 else None
        treaties.append(fam.treaty(n, previous))
    declarations: list[dict[str, Any]] = []
    while len(treaties) + len(declarations) < size:
        n = len(declarations)
        target = rng.choice(treaties)
        issuer = rng.choice(fam.parties if rng.random() < 0.8 else actors)
        roll = rng.random()
        if declarations and roll < 0.25:  # annul (or reaffirm) an earlier declaration
            earlier = rng.choice(declarations)["id"]
            kind = "annul" if rng.random() < 0.7 else "reaffirm"
            effects = [fam.effect(kind, earlier)]
            if n % 7 == 3:  # now and then a cycle: the earlier one annuls this one back
                back = next(d for d in declarations if d["id"] == earlier)
                back["effects"].append(fam.effect("annul", f"{fam.prefix}-d{n}"))
        elif roll < 0.4 and target.get("provisions"):
            provision = rng.choice(target["provisions"])["id"]
            kind = rng.choice(["deny", "renounce", "reaffirm"])
            effects = [fam.effect(kind, f"{target['id']}#{provision}")]
        else:
            kind = rng.choice(["renounce", "renounce", "annul", "terminate", "suspend",
                               "resume", "reaffirm"])
            extra: dict[str, Any] = {}
            if rng.random() < 0.2:
                extra["grounds"] = [rng.choice(treaties)["id"]]
            effects = [fam.effect(kind, target["id"], **extra)]
        declarations.append(fam.declaration(n, issuer, effects))


def _doctrines() -> list[dict[str, Any]]:
    def rule(rid: str, when: dict[str, Any], then: str) -> dict[str, Any]:
        return {"id": rid, "when": when, "then": then, "reason": f"synthetic rule {rid}"}

    return [
        {"id": "lex-posterior", "name": "a later treaty between the same parties",
         "rules": [rule("other-parties", {"kind": "supersede", "same_parties": False}, "reject")]},
        {"id": "no-unilateral-annulment", "name": "no annulment by one party",
         "rules": [rule("unilateral", {"kind": ["annul", "terminate"], "source_form": "unilateral",
                                       "actor_is_target_author": True}, "reject"),
                   rule("stranger", {"kind": "annul", "actor_is_target_author": False},
                        "reject")]},
        {"id": "recognition", "name": "acts of unrecognised actors",
         "rules": [rule("unrecognised", {"actor_unrecognised": True}, "reject")]},
        {"id": "doubtful-denials", "name": "denials of a text",
         "rules": [rule("deny", {"kind": "deny", "has_grounds": False}, "undetermined")]},
        {"id": "grounded-renunciation", "name": "renunciation needs grounds",
         "rules": [rule("grounds", {"kind": "renounce", "has_grounds": True}, "accept"),
                   rule("bare", {"kind": "renounce", "level": "instrument",
                                 "date_before": "1950"}, "reject")]},
    ]


def _stances(count: int, rng: random.Random, actors: list[str],
             instruments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    names = [d["id"] for d in _doctrines()]
    with_variants = [i["id"] for i in instruments if "variants" in i]
    stances = []
    for k in range(count):
        held = rng.sample(names, rng.randrange(1, len(names) + 1))
        stance: dict[str, Any] = {
            "id": f"stance-{k}", "actor": actors[k % len(actors)], "name": f"Reading {k}",
            "doctrines": held,
            "does_not_recognise": rng.sample(actors, min(len(actors), 2)),
            "no_position": [rng.choice(instruments)["id"] for _ in range(3)],
            "authoritative": {i: rng.choice(["signed", "published"])
                              for i in rng.sample(with_variants, len(with_variants) // 2)},
            "rules": [{"id": "own-suspensions", "when": {"kind": ["suspend", "resume"],
                                                          "actor": [actors[k % len(actors)]]},
                       "then": rng.choice(["accept", "reject"]), "reason": "its own acts"}],
        }
        stances.append(stance)
    return stances


def synthetic_declarations(size: int, *, stances: int = 5, seed: int = 0) -> Declarations:
    """The four lists of a corpus of ``size`` instruments, as plain data (YAML-ready).

    >>> len(synthetic_declarations(50, stances=2)["instruments"])
    50
    """
    if size < 1 or stances < 1:
        raise ValueError(f"size and stances must be at least 1, not {size} and {stances}")
    rng = random.Random(seed)
    n_actors = max(4, size // 40)
    actor_ids = [f"state-{a}" for a in range(n_actors)]
    actors: list[dict[str, Any]] = [{"id": a, "name": a.title(), "kind": "state"}
                                    for a in actor_ids]
    for a in range(10, n_actors, 10):  # a few successor states
        actors[a]["continues"] = [actor_ids[a - 1]]
    instruments: list[dict[str, Any]] = []
    number = 0
    while len(instruments) < size:
        _family(number, min(FAMILY, size - len(instruments)), rng, actor_ids, instruments)
        number += 1
    return {"actors": actors, "instruments": instruments, "doctrines": _doctrines(),
            "stances": _stances(stances, rng, actor_ids, instruments)}


def synthetic_corpus(size: int, *, stances: int = 5, seed: int = 0) -> Corpus:
    """A checked :class:`Corpus` of ``size`` instruments read by ``stances`` stances."""
    data = RuleFile.model_validate(synthetic_declarations(size, stances=stances, seed=seed))
    return Corpus(data.actors, data.instruments, data.doctrines, data.stances,
                  origin=f"<synthetic {size}/{stances}/{seed}>")


def write_rules(folder: str | Path, size: int, *, stances: int = 5, seed: int = 0) -> list[Path]:
    """Write the corpus as rule files under ``folder`` (``PER_FILE`` instruments a file).

    >>> import tempfile, treatylogic as tl
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = write_rules(tmp, 120, stances=2)
    ...     len(tl.load(tmp).instruments)
    120
    """
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    data = synthetic_declarations(size, stances=stances, seed=seed)
    chunks: list[tuple[str, dict[str, Any]]] = [
        ("actors.yaml", {"actors": data["actors"]}),
        ("doctrines.yaml", {"doctrines": data["doctrines"]}),
        ("stances.yaml", {"stances": data["stances"]}),
    ]
    instruments = data["instruments"]
    for start in range(0, len(instruments), PER_FILE):
        chunks.append((f"instruments-{start // PER_FILE:05d}.yaml",
                       {"instruments": instruments[start:start + PER_FILE]}))
    written = []
    for name, content in chunks:
        path = folder / name
        path.write_text(yaml.dump(content, Dumper=dumper, sort_keys=False, allow_unicode=True),
                        encoding="utf-8")
        written.append(path)
    return written
