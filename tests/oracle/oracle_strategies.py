"""Hypothesis strategies for the differential test: corpora with the whole of issue 12.

``oracle_corpora()`` draws small valid corpora with what the semantics of
docs/semantics.md speaks of: parties with their own dates (signature, consent,
entry into force, provisional application, withdrawal), continuing actors and
siblings, a stance's own view of continuity, terms, end dates, tacit renewal,
notice periods (the instrument's own and a rule's), clause-bound effects
(``by``), carve-outs (``except``), ex tunc and ex nunc annulments, retroactive
and permanent effects, grounds naming instruments and effects, uncertain dates,
text variants, and rules using every ``Match`` condition.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

import treatylogic as tl
from treatylogic.models import (
    Actor,
    Doctrine,
    Effect,
    Instrument,
    Match,
    Party,
    Provision,
    Rule,
    Stance,
    Variant,
)

__all__ = ["DAY0", "Drawn", "oracle_corpora", "query_days"]

DAY0 = dt.date(1900, 1, 1)
SPAN = 365 * 40
EFFECT_KINDS = [k.value for k in tl.EffectKind]
FORMS = ["unilateral", "bilateral", "multilateral"]
KINDS = ["treaty", "declaration", "convention"]
DURATIONS = ["P1Y", "P6M", "P10Y", "P90D"]


def day_text(day: dt.date, precision: str) -> str:
    """An EDTF string for ``day`` at a precision: day, month, year or a two-month interval."""
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "year":
        return f"{day.year:04d}"
    return f"{day.isoformat()}/{(day + dt.timedelta(days=60)).isoformat()}"


precisions = st.sampled_from(["day", "day", "day", "day", "month", "year", "interval"])


class Drawn:
    """A drawn corpus; hypothesis prints a falsifying one through the readable ``__repr__``."""

    def __init__(self, corpus: tl.Corpus) -> None:
        self.corpus = corpus

    def __repr__(self) -> str:
        lines = ["Drawn corpus:"]
        for actor in self.corpus.actors.values():
            lines.append(f"  actor {actor.id} continues={list(actor.continues)}")
        for inst in self.corpus.instruments.values():
            lines.append("  instrument " + str(inst.model_dump(
                mode="json", exclude_defaults=True, exclude={"title"}, by_alias=True)))
        for doctrine in self.corpus.doctrines.values():
            lines.append(f"  doctrine {doctrine.id}")
            lines += [f"    {r.id}: {_rule_text(r)}" for r in doctrine.rules]
        for stance in self.corpus.stances.values():
            lines.append("  stance " + str(stance.model_dump(
                mode="json", exclude_defaults=True, exclude={"rules", "name", "actor"})))
            lines += [f"    {r.id}: {_rule_text(r)}" for r in stance.rules]
        return "\n".join(lines)


def _rule_text(rule: Rule) -> str:
    notice = f" notice {rule.notice}" if rule.notice else ""
    return f"{rule.when.model_dump(mode='json', exclude_defaults=True)} -> {rule.then.value}{notice}"


def _day(offset: int) -> dt.date:
    return DAY0 + dt.timedelta(days=offset)


@st.composite
def _party(draw: st.DrawFn, actor: str, start: int) -> str | Party:
    """A plain party, or one with its own dates, each on or after the instrument's day."""
    if draw(st.booleans()):
        return actor
    fields: dict[str, Any] = {"actor": actor}
    at = start
    for name in ("signed", "consent", "in_force"):
        if draw(st.integers(0, 2)) > 0:
            at += draw(st.integers(0, 900))
            fields[name] = day_text(_day(at), draw(st.sampled_from(["day", "day", "month"])))
            at += 62  # a month or an interval further: the next one cannot come first
    if draw(st.integers(0, 3)) == 0:
        fields["provisional"] = _day(start + draw(st.integers(0, 900))).isoformat()
    if draw(st.integers(0, 2)) == 0:
        fields["withdrawn"] = day_text(_day(at + draw(st.integers(0, 4000))),
                                       draw(precisions))
    return Party(**fields)


def _match_options(actors: list[str], instruments: list[str], refs: list[str],
                   effects: list[str]) -> dict[str, st.SearchStrategy[Any]]:
    dates = st.integers(0, SPAN).map(lambda o: _day(o).isoformat())
    options: dict[str, st.SearchStrategy[Any]] = {
        "kind": st.lists(st.sampled_from(EFFECT_KINDS), min_size=1, max_size=3, unique=True),
        "level": st.sampled_from(["instrument", "provision"]),
        "actor": st.lists(st.sampled_from(actors), min_size=1, max_size=2, unique=True),
        "actor_is_target_author": st.booleans(),
        "actor_unrecognised": st.booleans(),
        "actor_is_party": st.booleans(),
        "source": st.lists(st.sampled_from(instruments), min_size=1, max_size=2, unique=True),
        "source_kind": st.lists(st.sampled_from(KINDS), min_size=1, max_size=2, unique=True),
        "source_form": st.lists(st.sampled_from(FORMS), min_size=1, max_size=2, unique=True),
        "target": st.lists(st.sampled_from(refs), min_size=1, max_size=2, unique=True),
        "target_kind": st.lists(st.sampled_from(KINDS), min_size=1, max_size=2, unique=True),
        "target_form": st.lists(st.sampled_from(FORMS), min_size=1, max_size=2, unique=True),
        "target_issuer": st.lists(st.sampled_from(actors), min_size=1, max_size=1),
        "target_has_notice": st.booleans(),
        "same_parties": st.booleans(),
        "grounds": st.lists(st.sampled_from(instruments + effects), min_size=1, max_size=2,
                            unique=True),
        "grounds_kind": st.lists(st.sampled_from(KINDS), min_size=1, max_size=2, unique=True),
        "has_grounds": st.booleans(),
        "date_before": dates,
        "date_after": dates,
    }
    if effects:
        options["effect"] = st.lists(st.sampled_from(effects), min_size=1, max_size=2,
                                     unique=True)
    return options


@st.composite
def _rules(draw: st.DrawFn, options: dict[str, st.SearchStrategy[Any]],
           prefix: str) -> tuple[Rule, ...]:
    rules = []
    for n in range(draw(st.integers(0, 3))):
        names = draw(st.lists(st.sampled_from(sorted(options)), max_size=2, unique=True))
        then = draw(st.sampled_from(["accept", "accept", "reject", "undetermined"]))
        notice = draw(st.sampled_from([None, "P12M"])) if then == "accept" else None
        rules.append(Rule(id=f"{prefix}{n}", when=Match(**{k: draw(options[k]) for k in names}),
                          then=then, notice=notice, reason=f"rule {prefix}{n}"))
    return tuple(rules)


@st.composite
def _effect(draw: st.DrawFn, number: int, source: dict[str, Any], start: int,
            targets: list[dict[str, Any]], actors: list[str], grounds: list[str]) -> Effect:
    target = draw(st.sampled_from(targets))
    kind = draw(st.sampled_from(EFFECT_KINDS))
    fields: dict[str, Any] = {"id": f"e{number}", "kind": kind, "target": target["id"]}
    provisions = [p.id for p in target["provisions"]]
    if provisions and draw(st.booleans()):
        fields["target"] = f"{target['id']}#{draw(st.sampled_from(provisions))}"
    elif provisions and draw(st.integers(0, 2)) == 0:
        fields["except"] = draw(st.lists(st.sampled_from(provisions), min_size=1, max_size=1))
    if draw(st.booleans()):
        shift = draw(st.integers(-1500, 4000))
        fields["date"] = day_text(_day(max(0, start + shift)), draw(precisions))
        if shift < 0 or draw(st.integers(0, 5)) == 0:
            fields["retroactive"] = True
    fields["grounds"] = draw(st.lists(st.sampled_from(grounds), max_size=1)) if grounds else ()
    fields["actor"] = draw(st.none() | st.none() | st.sampled_from(actors))
    if kind == "withdraw":  # the loader refuses a withdrawal by a non-party
        authors = [target["issuer"]] if target.get("issuer") else \
            [p if isinstance(p, str) else p.actor for p in target["parties"]]
        fields["actor"] = draw(st.sampled_from(authors))
    own = [p.id for p in source["provisions"]]
    if own and draw(st.integers(0, 2)) == 0:
        fields["by"] = draw(st.sampled_from(own))
    if kind == "annul" and draw(st.booleans()):
        fields["mode"] = draw(st.sampled_from(["ex_tunc", "ex_nunc"]))
    if draw(st.integers(0, 3)) == 0:
        fields["permanent"] = draw(st.booleans())
    return Effect(**fields)


@st.composite
def _instrument(draw: st.DrawFn, inst_id: str, start: int, actors: list[str]) -> dict[str, Any]:
    day = _day(start)
    fields: dict[str, Any] = {"id": inst_id, "title": inst_id, "kind": draw(st.sampled_from(KINDS)),
                              "form": draw(st.sampled_from(FORMS)),
                              "date": day_text(day, draw(precisions))}
    if draw(st.integers(0, 3)) == 0:
        fields["in_force"] = (day + dt.timedelta(days=draw(st.integers(70, 400)))).isoformat()
    if fields["form"] == "unilateral":
        fields["issuer"] = draw(st.sampled_from(actors))
    else:
        chosen = draw(st.lists(st.sampled_from(actors), min_size=2, max_size=3, unique=True))
        spare = [a for a in actors if a not in ("a0", "a1", *chosen)]
        if {"a0", "a1"} <= set(chosen) and spare and draw(st.integers(0, 5)) > 0:
            # an actor and its predecessor both listed: a known divergence, kept rare
            chosen[chosen.index("a1")] = spare[0]
        fields["parties"] = tuple(draw(_party(a, start)) for a in chosen)
        if draw(st.integers(0, 2)) == 0:
            fields["notice"] = draw(st.sampled_from(DURATIONS))
    clause = draw(st.integers(0, 4))
    if clause == 0:
        fields["term"] = draw(st.sampled_from(["P5Y", "P10Y", "P30Y"]))
    elif clause == 1:
        fields["ends"] = _day(start + 500 + draw(st.integers(0, 6000))).isoformat()
    if clause < 2 and fields["form"] != "unilateral" and draw(st.integers(0, 2)) == 0:
        fields["renewal"] = draw(st.sampled_from(["P1Y", "P5Y"]))
    variants: tuple[Variant, ...] = ()
    if draw(st.booleans()):
        variants = (Variant(id="v1", title="one text"), Variant(id="v2", title="another"))
    fields["variants"] = variants
    fields["provisions"] = tuple(
        Provision(id=f"p{p}", summary=f"clause {p}",
                  variants=draw(st.sampled_from([(), ("v1",), ("v2",)])) if variants else ())
        for p in range(draw(st.integers(0, 2))))
    return fields


@st.composite
def oracle_corpora(draw: st.DrawFn, max_instruments: int = 5, max_stances: int = 2) -> Drawn:
    """A valid corpus; see the module docstring for what it exercises."""
    actor_ids = [f"a{n}" for n in range(draw(st.integers(3, 4)))]
    lines = draw(st.sampled_from(["none", "chain", "siblings"]))
    continues = {"a1": ("a0",)} if lines != "none" else {}
    if lines == "siblings" and "a2" in actor_ids:
        continues["a2"] = ("a0",)
    actors = tuple(Actor(id=a, name=a.upper(), kind="state", continues=continues.get(a, ()))
                   for a in actor_ids)
    ids = [f"i{k}" for k in range(draw(st.integers(1, max_instruments)))]
    starts = {i: draw(st.integers(0, SPAN)) for i in ids}
    instruments = [draw(_instrument(i, starts[i], actor_ids)) for i in ids]
    number = 0
    effect_ids: list[str] = []
    for inst in instruments:
        others = [t for t in instruments if t["id"] != inst["id"]]
        effects = []
        for _ in range(draw(st.integers(0, 3)) if others else 0):
            effects.append(draw(_effect(number, inst, starts[inst["id"]], others, actor_ids,
                                        ids + effect_ids)))
            number += 1
        inst["effects"] = tuple(effects)
        effect_ids += [e.id for e in effects]
    built = tuple(Instrument(**i) for i in instruments)
    refs = ids + [f"{i.id}#{p.id}" for i in built for p in i.provisions]
    options = _match_options(actor_ids, ids, refs, effect_ids)
    doctrines = tuple(Doctrine(id=f"d{k}", name=f"doctrine {k}",
                               rules=draw(_rules(options, f"d{k}r")))
                      for k in range(draw(st.integers(0, 2))))
    stances = []
    for k in range(draw(st.integers(1, max_stances))):
        continuity = {}
        if draw(st.integers(0, 3)) == 0:
            continuity = {draw(st.sampled_from(actor_ids[1:])): ()}  # denies a continuity
        elif draw(st.integers(0, 3)) == 0 and len(actor_ids) > 2:
            continuity = {actor_ids[-1]: (actor_ids[0],)}  # holds one the actors do not
        stances.append(Stance(
            id=f"s{k}", actor=draw(st.sampled_from(actor_ids)), name=f"stance {k}",
            rules=draw(_rules(options, f"s{k}r")),
            doctrines=draw(st.lists(st.sampled_from([d.id for d in doctrines]), unique=True))
            if doctrines else (),
            no_position=draw(st.lists(st.sampled_from(refs), max_size=1)),
            does_not_recognise=draw(st.lists(st.sampled_from(actor_ids), max_size=1)),
            continuity=continuity,
            authoritative={i.id: draw(st.sampled_from(["v1", "v2"])) for i in built
                           if i.variants and draw(st.booleans())}))
    return Drawn(tl.Corpus(actors, built, doctrines, tuple(stances)))


def query_days() -> st.SearchStrategy[dt.date]:
    """Query days from a little before the first instrument to well after the last effect."""
    return st.integers(-400, SPAN + 6000).map(_day)
