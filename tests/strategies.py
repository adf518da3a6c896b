"""Hypothesis strategies shared by the property and oracle suites.

``corpora()`` draws small but valid corpora that exercise the whole semantics of
docs/semantics.md:

- actors with continuity: one continuing actor, a chain, or two successors of
  one predecessor (third states to one another);
- unilateral, bilateral and multilateral instruments, parties as plain ids or as
  records (signed, consent, in_force, provisional, withdrawn), some of whose
  dates are uncertain (a month, a year, a two-month window);
- an instrument's own clauses on time: ``term`` or ``ends``, tacit ``renewal``,
  ``notice``;
- effects of every kind, withdrawals by a party (or a successor of one), effects
  bound to the clause that declares them (``by``), carve-outs (``except``),
  annulments ``ex_tunc`` / ``ex_nunc``, retroactive and permanent effects,
  effects on one shared day or in overlapping uncertain windows, ``grounds``
  naming instruments or other effects;
- doctrines and stances with rules (accept / reject / undetermined, rules for
  third states' acts with ``actor_is_party: false``, accepting rules with a
  ``notice`` period), ``no_position``, ``authoritative`` text variants and a
  stance's own view of ``continuity``.

Each feature can be switched off by name (``corpora(features=BASIC)``) for a
suite whose oracle does not state it yet.
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
    Party,
    Provision,
    Rule,
    Stance,
    Variant,
)

__all__ = ["ALL_FEATURES", "BASIC", "DAY0", "DAYS", "Drawn", "corpora", "corpus_days",
           "critical_days", "day_text", "query_days", "rule_lists"]

DAY0 = dt.date(1900, 1, 1)
DAYS = 365 * 60  # instruments fall in 1900-1959
EFFECT_KINDS = [k.value for k in tl.EffectKind]
FORMS = ["unilateral", "bilateral", "multilateral"]

#: every feature corpora() can draw; pass a subset as ``features=`` to leave some out
ALL_FEATURES = frozenset({
    "continuity",     # successors, chains, two successors of one predecessor
    "party_records",  # parties with signed / consent / in_force / provisional / withdrawn
    "time_clauses",   # term, ends, renewal, notice
    "clauses",        # effects 'by' a clause, 'except'
    "invalidity",     # mode ex_tunc / ex_nunc, retroactive, permanent
    "same_day",       # effects sharing a day or an uncertain window
    "stance_views",   # actor_is_party rules, notice on rules, effect/grounds conditions,
                      # stance continuity
    "joint_successors",  # an actor and one it continues both parties of one instrument
})
#: the corpora of the first rule engine: no party records, clauses on time or clause-bound effects
BASIC = frozenset()


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
durations = st.sampled_from(["P1Y", "P5Y", "P10Y", "P6M", "P90D", "P30Y"])
notices = st.sampled_from(["P12M", "P6M", "P1Y", "P90D"])


def _day(offset: int) -> dt.date:
    return DAY0 + dt.timedelta(days=offset)


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
            lines.append(f"  actor {a.id}" + (f" continues={list(a.continues)}"
                                              if a.continues else ""))
        for i in self.instruments:
            lines.append(_instrument_line(i))
            for p in i.parties:
                shown = p.model_dump(exclude_defaults=True, exclude={"actor"}, mode="json")
                if shown:
                    lines.append(f"    party {p.actor} {shown}")
            for e in i.effects:
                shown = e.model_dump(exclude_defaults=True, by_alias=True, mode="json",
                                     exclude={"id", "kind", "target"})
                lines.append(f"    effect {e.id}: {e.kind.value} {e.target} {shown}")
        for d in self.doctrines:
            lines.append(f"  doctrine {d.id}: " + "; ".join(_rule_text(r) for r in d.rules))
        for s in self.stances:
            shown = s.model_dump(exclude_defaults=True, mode="json",
                                 exclude={"id", "name", "rules"})
            lines.append(f"  stance {s.id} {shown}")
            for r in s.rules:
                lines.append(f"    rule {_rule_text(r)}")
        return "\n".join(lines)


def _instrument_line(i: Instrument) -> str:
    who = f"issuer={i.issuer}" if i.issuer else f"parties={list(i.party_ids)}"
    extra = i.model_dump(exclude_defaults=True, mode="json",
                         include={"in_force", "term", "ends", "renewal", "notice"})
    text = f"  instrument {i.id} {i.kind.value}/{i.form.value} {who} date={i.date}"
    if extra:
        text += f" {extra}"
    if i.provisions:
        text += f" provisions={[(p.id, list(p.variants)) for p in i.provisions]}"
    return text


def _rule_text(r: Rule) -> str:
    text = f"{r.id} {r.when.model_dump(exclude_defaults=True, mode='json')} -> {r.then.value}"
    return text + (f" notice={r.notice}" if r.notice else "")


@st.composite
def matches(draw: st.DrawFn, actors: list[str], instruments: list[str],
            effects: list[str] | None = None, views: bool = False) -> Match:
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
        "date_before": offsets.map(lambda o: _day(o).isoformat()),
        "date_after": offsets.map(lambda o: _day(o).isoformat()),
    }
    if views:
        options["actor_is_party"] = st.booleans()
        options["target_has_notice"] = st.booleans()
        options["grounds"] = st.lists(st.sampled_from(instruments), min_size=1, max_size=2,
                                      unique=True)
        if effects:
            options["effect"] = st.lists(st.sampled_from(effects), min_size=1, max_size=2,
                                         unique=True)
    names = draw(st.lists(st.sampled_from(sorted(options)), min_size=0, max_size=2, unique=True))
    return Match(**{name: draw(options[name]) for name in names})


def rule_lists(actors: list[str], instruments: list[str], prefix: str,
               max_size: int = 3, *, effects: list[str] | None = None,
               views: bool = False) -> st.SearchStrategy[tuple[Rule, ...]]:
    """Rule lists with distinct ids ``{prefix}0``, ``{prefix}1``, ...

    With ``views``, rules may also test ``actor_is_party`` (a rule saying
    ``false`` is the only kind that can accept a third state's act),
    ``target_has_notice``, ``grounds`` and named ``effects``, and an accepting
    rule may give a ``notice`` period (VCLT art. 56(2)).
    """
    verdicts = st.sampled_from(["accept", "reject", "reject", "undetermined"])
    notice = notices if views else st.none()
    rule = st.tuples(matches(actors, instruments, effects, views), verdicts,
                     st.none() | notice)
    return st.lists(rule, max_size=max_size).map(lambda drawn: tuple(
        Rule(id=f"{prefix}{n}", when=m, then=v, reason=f"rule {prefix}{n} says {v}",
             citation=f"citation {prefix}{n}", notice=p if v == "accept" else None)
        for n, (m, v, p) in enumerate(drawn)))


def _actors(draw: st.DrawFn, features: frozenset[str]) -> tuple[Actor, ...]:
    n_actors = draw(st.integers(2, 5))
    ids = [f"a{n}" for n in range(n_actors)]
    continues: dict[str, tuple[str, ...]] = {}
    if "continuity" in features:
        shape = draw(st.sampled_from(["none", "one", "chain", "siblings"]))
        if shape == "one" or (shape != "none" and n_actors < 3):
            continues = {"a1": ("a0",)}
        elif shape == "chain":
            continues = {"a1": ("a0",), "a2": ("a1",)}
        elif shape == "siblings":
            continues = {"a1": ("a0",), "a2": ("a0",)}
    elif draw(st.booleans()):
        continues = {"a1": ("a0",)}
    return tuple(Actor(id=a, name=a.upper(), kind="state", continues=continues.get(a, ()))
                 for a in ids)


def _line(actors: tuple[Actor, ...], actor: str) -> list[str]:
    """``actor`` and those it continues (its own declaration), nearest first."""
    continues = {a.id: a.continues for a in actors}
    line = [actor]
    for name in line:
        line.extend(p for p in continues[name] if p not in line)
    return line


def _party(draw: st.DrawFn, actor: str, start: int) -> Party | str:
    """A party: a plain id, or a record whose dates come in order from ``start``."""
    if draw(st.integers(0, 2)) == 0:
        return actor
    fields: dict[str, str] = {}
    day = start
    for name in ("signed", "consent", "in_force"):
        if draw(st.booleans()):
            day += draw(st.integers(0, 900))
            fields[name] = day_text(_day(day), draw(precisions) if name != "signed" else "day")
    if draw(st.integers(0, 3)) == 0:
        fields["provisional"] = _day(start + draw(st.integers(0, 400))).isoformat()
    if draw(st.integers(0, 2)) == 0:
        later = max(day, start) + draw(st.integers(1, 4000))
        fields["withdrawn"] = day_text(_day(later), draw(precisions))
    if "consent" in fields and draw(st.booleans()):
        fields["consent_by"] = draw(st.sampled_from(["ratification", "accession", "succession"]))
    return Party(actor=actor, **fields)  # type: ignore[arg-type]


def _time_clauses(draw: st.DrawFn, start: int) -> dict[str, object]:
    clauses: dict[str, object] = {}
    choice = draw(st.sampled_from(["none", "none", "term", "ends"]))
    if choice == "term":
        clauses["term"] = draw(durations)
    elif choice == "ends":
        clauses["ends"] = day_text(_day(start + draw(st.integers(500, 6000))), draw(precisions))
    if choice != "none" and draw(st.booleans()):
        clauses["renewal"] = draw(durations)
    if draw(st.booleans()):
        clauses["notice"] = draw(notices)
    return clauses


@st.composite
def corpora(draw: st.DrawFn, max_instruments: int = 6, max_stances: int = 3,
            features: frozenset[str] = ALL_FEATURES) -> Drawn:
    """A valid corpus; see the module docstring for what it exercises."""
    unknown = set(features) - ALL_FEATURES
    if unknown:
        raise ValueError(f"corpora(features=...): unknown {sorted(unknown)}; "
                         f"known: {sorted(ALL_FEATURES)}")
    actors = _actors(draw, features)
    actor_ids = [a.id for a in actors]
    lines = {a.id: _line(actors, a.id) for a in actors}
    n = draw(st.integers(1, max_instruments))
    ids = [f"i{k}" for k in range(n)]
    starts = [draw(offsets) for _ in ids]
    # a few days effects share, exactly or in windows that overlap
    shared = draw(st.lists(offsets, min_size=1, max_size=3)) if "same_day" in features else []
    instruments = []
    for k, inst_id in enumerate(ids):
        day = _day(starts[k])
        date = day_text(day, draw(precisions))
        in_force = None
        if draw(st.integers(0, 4)) == 0:
            in_force = (day + dt.timedelta(days=draw(st.integers(70, 400)))).isoformat()
        form = draw(st.sampled_from(FORMS))
        who: dict[str, object]
        if form == "unilateral":
            who = {"issuer": draw(st.sampled_from(actor_ids))}
        else:
            size = (2, 2) if form == "bilateral" else (3, 5)
            size = (min(size[0], len(actor_ids)), min(size[1], len(actor_ids)))
            if size[0] < 3:
                form = "bilateral"
                size = (2, 2)
            names = draw(st.lists(st.sampled_from(actor_ids), min_size=size[0],
                                  max_size=size[1], unique=True))
            if "joint_successors" not in features:  # no party beside one it continues
                kept: list[str] = []
                for a in names:
                    if not any(a in lines[b] or b in lines[a] for b in kept):
                        kept.append(a)
                names = kept
                form = form if len(names) > 2 else "bilateral"
            parties = [_party(draw, a, starts[k]) if "party_records" in features else a
                       for a in names]
            who = {"parties": parties}
            if len(names) < 2:
                form, who = "unilateral", {"issuer": names[0]}
        clauses: dict[str, object] = {}
        if form != "unilateral" and "time_clauses" in features and draw(st.booleans()):
            bound = starts[k] + (400 if in_force else 0)
            clauses = _time_clauses(draw, bound)
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
                                provisions=tuple(provisions), **clauses, **who))
    provisions_of = {i["id"]: [p.id for p in i["provisions"]] for i in instruments}
    authors = {i["id"]: ([i["issuer"]] if i.get("issuer") else
                         [p if isinstance(p, str) else p.actor for p in i["parties"]])
               for i in instruments}
    successors = {a.id: [b.id for b in actors if a.id in b.continues] for a in actors}
    effect_ids: list[str] = []
    for k, inst in enumerate(instruments):
        others = [i for i in ids if i != inst["id"]]
        if not others:
            continue
        effects = []
        for _ in range(draw(st.integers(0, 3))):
            effects.append(_effect(draw, inst, starts[k], others, provisions_of, authors,
                                   successors, actor_ids, ids, effect_ids, shared, features))
            effect_ids.append(effects[-1].id)
        inst["effects"] = tuple(effects)
    built = tuple(Instrument(**i) for i in instruments)
    targets = ids + [f"{i}#{p}" for i in ids for p in provisions_of[i]]
    views = "stance_views" in features
    doctrines = tuple(Doctrine(id=f"d{k}", name=f"doctrine {k}",
                               rules=draw(rule_lists(actor_ids, ids, f"d{k}r",
                                                     effects=effect_ids, views=views)))
                      for k in range(draw(st.integers(0, 2))))
    stances = []
    for k in range(draw(st.integers(1, max_stances))):
        authoritative = {i.id: draw(st.sampled_from(["v1", "v2"])) for i in built
                         if i.variants and draw(st.booleans())}
        continuity: dict[str, tuple[str, ...]] = {}
        if views and draw(st.integers(0, 3)) == 0:
            # its own view of who continues whom: deny a continuity, or assert one
            heir = draw(st.sampled_from(actor_ids))
            continuity = {heir: tuple(draw(st.lists(
                st.sampled_from([a for a in actor_ids if a != heir]), max_size=1)))}
        stances.append(Stance(
            id=f"s{k}", actor=draw(st.sampled_from(actor_ids)), name=f"stance {k}",
            rules=draw(rule_lists(actor_ids, ids, "r", effects=effect_ids, views=views)),
            doctrines=draw(st.lists(st.sampled_from([d.id for d in doctrines]), unique=True))
            if doctrines else (),
            no_position=draw(st.lists(st.sampled_from(targets), max_size=1)),
            does_not_recognise=draw(st.lists(st.sampled_from(actor_ids), max_size=1)),
            authoritative=authoritative, continuity=continuity))
    stance_tuple = tuple(stances)
    corpus = tl.Corpus(actors, built, doctrines, stance_tuple)
    return Drawn(corpus, actors, built, doctrines, stance_tuple)


def _effect(draw: st.DrawFn, inst: dict, start: int, others: list[str],
            provisions_of: dict[str, list[str]], authors: dict[str, list[str]],
            successors: dict[str, list[str]], actor_ids: list[str], ids: list[str],
            effect_ids: list[str], shared: list[int], features: frozenset[str]) -> Effect:
    """One effect of ``inst``: every field the format allows, each only where it is valid."""
    kind = draw(st.sampled_from(EFFECT_KINDS))
    target = draw(st.sampled_from(others))
    fields: dict[str, object] = {}
    clauses = "clauses" in features
    if provisions_of[target] and draw(st.booleans()):
        target = f"{target}#{draw(st.sampled_from(provisions_of[target]))}"
    elif provisions_of[target] and clauses and draw(st.integers(0, 2)) == 0:
        fields["except"] = tuple(draw(st.lists(st.sampled_from(provisions_of[target]),
                                               min_size=1, max_size=1)))
    date = None
    retroactive = False
    when = draw(st.sampled_from(["own", "none", "shared"] if shared else ["own", "none"]))
    if when == "own":
        offset = start + draw(st.integers(0, 3000))
        if "invalidity" in features and draw(st.integers(0, 5)) == 0:
            offset = start - draw(st.integers(1, 3000))  # recorded later: retroactive
            retroactive = True
        date = day_text(_day(offset), draw(precisions))
    elif when == "shared":
        offset = draw(st.sampled_from(shared))
        date = day_text(_day(offset), draw(st.sampled_from(["day", "day", "month", "interval"])))
        retroactive = offset < start  # dated before its instrument
    if date is not None:
        fields["date"] = date
        if retroactive:
            fields["retroactive"] = True
    target_id = target.partition("#")[0]
    if kind == "withdraw":
        # only a party of the target (or one that continues a party) withdraws from it
        able = [a for p in authors[target_id] for a in (p, *successors.get(p, ()))]
        fields["actor"] = draw(st.sampled_from(able))
    else:
        actor = draw(st.none() | st.sampled_from(actor_ids))
        if actor is not None:
            fields["actor"] = actor
    fields["grounds"] = tuple(draw(st.lists(st.sampled_from(ids + effect_ids), max_size=1)))
    if clauses and inst["provisions"] and draw(st.integers(0, 2)) == 0:
        fields["by"] = draw(st.sampled_from([p.id for p in inst["provisions"]]))
    if "invalidity" in features:
        if kind == "annul" and draw(st.booleans()):
            fields["mode"] = draw(st.sampled_from(["ex_tunc", "ex_nunc"]))
        if kind == "suspend" and draw(st.integers(0, 2)) == 0:
            fields["permanent"] = True
    return Effect(id=f"e{len(effect_ids)}", kind=kind, target=target,
                  **fields)  # type: ignore[arg-type]


def query_days() -> st.SearchStrategy[dt.date]:
    """Query days from a little before the first instrument to well after the last effect."""
    return st.integers(-400, DAYS + 4000).map(lambda o: DAY0 + dt.timedelta(days=o))


def critical_days(corpus: tl.Corpus) -> list[dt.date]:
    """Every day on which a date of the corpus begins or ends, with the day before and after."""
    days: set[dt.date] = set()
    for inst in corpus.instruments.values():
        spans = [inst.date, inst.start, inst.ends, *(
            s for p in inst.parties
            for s in (p.signed, p.consent, p.in_force, p.provisional, p.withdrawn))]
        days.update(d for s in spans if s is not None for d in (s.earliest, s.latest))
        if inst.term is not None:
            days.add(inst.term.after(inst.start.earliest))
    for record in corpus.effects.values():
        days.update((record.earliest, record.latest, record.acted.earliest, record.acted.latest))
    one = dt.timedelta(days=1)
    days = {d for d in days if dt.date.min < d < dt.date(9000, 1, 1)}
    return sorted(days | {d - one for d in days} | {d + one for d in days})


def corpus_days(corpus: tl.Corpus) -> st.SearchStrategy[dt.date]:
    """Query days where answers change (a corpus's critical days), and any day at all."""
    return st.sampled_from(critical_days(corpus)) | query_days()
