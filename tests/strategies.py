"""Hypothesis strategies shared by the property and oracle suites.

``corpora()`` draws small but valid corpora that exercise the whole semantics:
chains of effects, unilateral declarations and their annulments (also of
annulments), cycles of dependence, uncertain dates, provisions with text
variants, and several stances with rules and shared doctrines.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

import treatylogic as tl
from treatylogic.models import (
    Actor,
    Doctrine,
    Effect,
    Instrument,
    Match,
    Provision,
    Rule,
    Stance,
    Variant,
)

__all__ = ["DAY0", "DAYS", "Drawn", "corpora", "day_text", "query_days", "rule_lists"]

DAY0 = dt.date(1900, 1, 1)
DAYS = 365 * 60  # instruments fall in 1900-1959
EFFECT_KINDS = [k.value for k in tl.EffectKind]
FORMS = ["unilateral", "bilateral", "multilateral"]


def day_text(day: dt.date, precision: str) -> str:
    """An EDTF string for ``day`` at a precision: day, month, year or a two-month interval."""
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "year":
        return f"{day.year:04d}"
    end = day + dt.timedelta(days=60)
    return f"{day.isoformat()}/{end.isoformat()}"


precisions = st.sampled_from(["day", "day", "day", "month", "year", "interval"])
offsets = st.integers(0, DAYS)


class Drawn:
    """A drawn corpus with the declarations it was built from (for shuffling and editing).

    A plain class, not a dataclass, so that hypothesis prints a falsifying corpus
    through the readable ``__repr__`` below.
    """

    def __init__(self, corpus: tl.Corpus, actors: tuple[Actor, ...],
                 instruments: tuple[Instrument, ...], doctrines: tuple[Doctrine, ...],
                 stances: tuple[Stance, ...]) -> None:
        self.corpus = corpus
        self.actors = actors
        self.instruments = instruments
        self.doctrines = doctrines
        self.stances = stances

    def rebuild(self, **changes: object) -> tl.Corpus:
        """A corpus from these declarations with some lists replaced."""
        parts = {"actors": self.actors, "instruments": self.instruments,
                 "doctrines": self.doctrines, "stances": self.stances, **changes}
        return tl.Corpus(**parts)  # type: ignore[arg-type]

    def __repr__(self) -> str:  # what hypothesis prints for a falsifying example
        lines = ["Drawn corpus:"]
        for a in self.actors:
            lines.append(f"  actor {a.id} continues={list(a.continues)}")
        for i in self.instruments:
            who = f"issuer={i.issuer}" if i.issuer else f"parties={list(i.parties)}"
            lines.append(f"  instrument {i.id} {i.kind.value}/{i.form.value} {who} date={i.date}"
                         + (f" in_force={i.in_force}" if i.in_force else "")
                         + (f" provisions={[(p.id, list(p.variants)) for p in i.provisions]}"
                            if i.provisions else ""))
            for e in i.effects:
                lines.append(f"    effect {e.id}: {e.kind.value} {e.target} date={e.date}"
                             f" actor={e.actor} grounds={list(e.grounds)}")
        for d in self.doctrines:
            lines.append(f"  doctrine {d.id}: " + "; ".join(
                f"{r.id} {r.when.model_dump(exclude_defaults=True, mode='json')} -> {r.then.value}"
                for r in d.rules))
        for s in self.stances:
            lines.append(f"  stance {s.id} actor={s.actor} doctrines={list(s.doctrines)} "
                         f"no_position={list(s.no_position)} authoritative={s.authoritative} "
                         f"does_not_recognise={list(s.does_not_recognise)}")
            for r in s.rules:
                lines.append(f"    rule {r.id} {r.when.model_dump(exclude_defaults=True, mode='json')}"
                             f" -> {r.then.value}")
        return "\n".join(lines)


@st.composite
def matches(draw: st.DrawFn, actors: list[str], instruments: list[str]) -> Match:
    """A rule's ``when`` with one or two conditions drawn from the whole Match vocabulary."""
    options = {
        "kind": st.lists(st.sampled_from(EFFECT_KINDS), min_size=1, max_size=3, unique=True),
        "actor": st.lists(st.sampled_from(actors), min_size=1, max_size=2, unique=True),
        "actor_is_target_author": st.booleans(),
        "actor_unrecognised": st.booleans(),
        "source": st.lists(st.sampled_from(instruments), min_size=1, max_size=2, unique=True),
        "target": st.lists(st.sampled_from(instruments), min_size=1, max_size=2, unique=True),
        "target_form": st.lists(st.sampled_from(FORMS), min_size=1, max_size=2, unique=True),
        "source_form": st.lists(st.sampled_from(FORMS), min_size=1, max_size=2, unique=True),
        "source_kind": st.lists(st.sampled_from(["treaty", "declaration", "statement"]),
                                min_size=1, max_size=2, unique=True),
        "target_issuer": st.lists(st.sampled_from(actors), min_size=1, max_size=1),
        "same_parties": st.booleans(),
        "has_grounds": st.booleans(),
        "level": st.sampled_from(["instrument", "provision"]),
        "date_before": offsets.map(lambda o: (DAY0 + dt.timedelta(days=o)).isoformat()),
        "date_after": offsets.map(lambda o: (DAY0 + dt.timedelta(days=o)).isoformat()),
    }
    names = draw(st.lists(st.sampled_from(sorted(options)), min_size=0, max_size=2, unique=True))
    return Match(**{name: draw(options[name]) for name in names})


def rule_lists(actors: list[str], instruments: list[str], prefix: str,
               max_size: int = 3) -> st.SearchStrategy[tuple[Rule, ...]]:
    """Rule lists with distinct ids ``{prefix}0``, ``{prefix}1``, ..."""
    rule = st.builds(lambda m, v: (m, v), matches(actors, instruments),
                     st.sampled_from(["accept", "reject", "reject", "undetermined"]))
    return st.lists(rule, max_size=max_size).map(lambda pairs: tuple(
        Rule(id=f"{prefix}{n}", when=m, then=v, reason=f"rule {prefix}{n} says {v}",
             citation=f"citation {prefix}{n}")
        for n, (m, v) in enumerate(pairs)))


@st.composite
def corpora(draw: st.DrawFn, max_instruments: int = 7, max_stances: int = 3) -> Drawn:
    """A valid corpus; see the module docstring for what it exercises."""
    n_actors = draw(st.integers(2, 4))
    actor_ids = [f"a{n}" for n in range(n_actors)]
    chain = draw(st.booleans())  # a1 continues a0: one continuing actor
    actors = tuple(Actor(id=a, name=a.upper(), kind="state",
                         continues=("a0",) if chain and a == "a1" else ())
                   for a in actor_ids)
    n = draw(st.integers(1, max_instruments))
    ids = [f"i{k}" for k in range(n)]
    starts = [draw(offsets) for _ in ids]
    instruments = []
    effect_count = 0
    for k, inst_id in enumerate(ids):
        day = DAY0 + dt.timedelta(days=starts[k])
        date = day_text(day, draw(precisions))
        in_force = None
        if draw(st.integers(0, 4)) == 0:
            in_force = (day + dt.timedelta(days=draw(st.integers(70, 400)))).isoformat()
        form = draw(st.sampled_from(FORMS))
        who: dict[str, object]
        if form == "unilateral":
            who = {"issuer": draw(st.sampled_from(actor_ids))}
        else:
            who = {"parties": draw(st.lists(st.sampled_from(actor_ids), min_size=2, max_size=3,
                                            unique=True))}
        variants: tuple[Variant, ...] = ()
        provisions: list[Provision] = []
        if draw(st.booleans()):
            variants = (Variant(id="v1", title="one text"), Variant(id="v2", title="another"))
        for p in range(draw(st.integers(0, 2))):
            in_variants = draw(st.sampled_from([(), ("v1",), ("v2",), ("v1", "v2")])) \
                if variants else ()
            provisions.append(Provision(id=f"p{p}", summary=f"clause {p}", variants=in_variants))
        instruments.append(dict(id=inst_id, title=f"Instrument {inst_id}",
                                kind=draw(st.sampled_from(["treaty", "declaration", "statement"])),
                                form=form, date=date, in_force=in_force, variants=variants,
                                provisions=tuple(provisions), **who))
    provisions_of = {i["id"]: [p.id for p in i["provisions"]] for i in instruments}
    for k, inst in enumerate(instruments):
        others = [i for i in ids if i != inst["id"]]
        if not others:
            continue
        effects = []
        for _ in range(draw(st.integers(0, 3))):
            target = draw(st.sampled_from(others))
            if provisions_of[target] and draw(st.booleans()):
                target = f"{target}#{draw(st.sampled_from(provisions_of[target]))}"
            date = None
            if draw(st.booleans()):
                eday = DAY0 + dt.timedelta(days=starts[k] + draw(st.integers(0, 3000)))
                date = day_text(eday, draw(precisions))
            grounds = draw(st.lists(st.sampled_from(ids), max_size=1))
            effects.append(Effect(id=f"e{effect_count}", kind=draw(st.sampled_from(EFFECT_KINDS)),
                                  target=target, date=date, grounds=grounds,
                                  actor=draw(st.none() | st.sampled_from(actor_ids))))
            effect_count += 1
        inst["effects"] = tuple(effects)
    built = tuple(Instrument(**i) for i in instruments)
    targets = ids + [f"{i}#{p}" for i in ids for p in provisions_of[i]]
    doctrines = tuple(Doctrine(id=f"d{k}", name=f"doctrine {k}",
                               rules=draw(rule_lists(actor_ids, ids, f"d{k}r")))
                      for k in range(draw(st.integers(0, 2))))
    stances = []
    for k in range(draw(st.integers(1, max_stances))):
        authoritative = {i.id: draw(st.sampled_from(["v1", "v2"])) for i in built
                         if i.variants and draw(st.booleans())}
        stances.append(Stance(
            id=f"s{k}", actor=draw(st.sampled_from(actor_ids)), name=f"stance {k}",
            rules=draw(rule_lists(actor_ids, ids, "r")),
            doctrines=draw(st.lists(st.sampled_from([d.id for d in doctrines]), unique=True))
            if doctrines else (),
            no_position=draw(st.lists(st.sampled_from(targets), max_size=1)),
            does_not_recognise=draw(st.lists(st.sampled_from(actor_ids), max_size=1)),
            authoritative=authoritative))
    stance_tuple = tuple(stances)
    corpus = tl.Corpus(actors, built, doctrines, stance_tuple)
    return Drawn(corpus, actors, built, doctrines, stance_tuple)


def query_days() -> st.SearchStrategy[dt.date]:
    """Query days from a little before the first instrument to well after the last effect."""
    return st.integers(-400, DAYS + 4000).map(lambda o: DAY0 + dt.timedelta(days=o))
