"""The declarations: frozen, typed models of actors, instruments, effects and stances.

They hold data only; building the graph and resolving are functions elsewhere.
Every model forbids unknown fields, so a misspelt key is an error, not silence.

>>> from treatylogic.models import Instrument
>>> i = Instrument(id="t", title="A treaty", kind="treaty", form="bilateral",
...                parties=["a", "b"], date="1924-05-31")
>>> i.date.earliest
datetime.date(1924, 5, 31)
"""

from __future__ import annotations

import itertools
import keyword
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from .dates import DateSpan, parse_date
from .durations import IsoDuration
from .errors import DateError, FieldError
from .status import EffectKind, InvalidityMode, Verdict

__all__ = [
    "Actor",
    "ActorKind",
    "ConsentKind",
    "Doctrine",
    "Effect",
    "Form",
    "Instrument",
    "InstrumentKind",
    "Match",
    "Party",
    "Provision",
    "Rule",
    "RuleFile",
    "Stance",
    "Variant",
    "compact_model",
    "split_ref",
]

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
REF_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*(#[A-Za-z0-9][A-Za-z0-9._-]*)?$"
_REF_RE = re.compile(REF_PATTERN)

#: An id: letters, digits, '.', '_' and '-', starting with a letter or digit.
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
#: An instrument id or ``instrument#provision``.
Ref = Annotated[str, StringConstraints(pattern=REF_PATTERN)]


def _to_span(value: Any) -> Any:
    if type(value) is str:  # what a rule file gives: the same as the last branch below
        try:
            return parse_date(value)
        except DateError as exc:
            raise ValueError(str(exc)) from None
    if isinstance(value, DateSpan):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # YAML reads a bare 1953 as a number
    if hasattr(value, "isoformat"):
        value = value.isoformat()  # YAML reads 1919-07-25 as a date
    if not isinstance(value, str):  # parse_date caches by value: a list would not hash
        raise ValueError("a date is text such as '1919-07-25', '1919-07' or '1919'")
    try:
        return parse_date(value)
    except DateError as exc:
        raise ValueError(str(exc)) from None


#: An EDTF date string, held as the span of days it may mean.
EdtfDate = Annotated[
    DateSpan,
    BeforeValidator(_to_span),
    PlainSerializer(lambda span: span.text, return_type=str),
    WithJsonSchema(
        {"type": "string", "description": "EDTF date: 1919-07-25, 1919-07, 1919, 1922-10/.."}
    ),
]


def _as_tuple(value: Any) -> Any:
    """Let a rule author write one value where a list is expected."""
    if value is None:
        return ()
    if isinstance(value, str | int | float | bool):
        return (value,)
    return value


Sources = Annotated[tuple[str, ...], BeforeValidator(_as_tuple)]
Ids = Annotated[tuple[Id, ...], BeforeValidator(_as_tuple)]
Refs = Annotated[tuple[Ref, ...], BeforeValidator(_as_tuple)]


M = TypeVar("M", bound=BaseModel)


def split_ref(ref: str) -> tuple[str, str | None]:
    """Split ``instrument#provision`` into its two ids.

    >>> split_ref("karakhan-1919#cer-return")
    ('karakhan-1919', 'cer-return')
    >>> split_ref("yalta-1945")
    ('yalta-1945', None)
    """
    instrument, _, provision = ref.partition("#")
    return instrument, provision or None


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        prime_layout(cls)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its class, which fields it was given and its fields' values, read in C,
        and rebuilt compact (:func:`compact_model`): no per-model state dict, which pickle's
        memo would keep alive to the end of a load or a write."""
        cls = type(self)
        if self.__pydantic_extra__ or self.__pydantic_private__:  # a subclass's own state:
            return (_bare, (cls,), self.__getstate__())  # pickled as pydantic does
        return (_restore, (cls, _fields_mask(cls, self.__pydantic_fields_set__),
                           _values_getter(cls)(self)))


# ------------------------------------------------------------------ memory layout
# A validated model keeps its fields in a dict of its own (pydantic-core assigns
# ``__dict__``): 464 bytes for 14 to 21 fields. CPython (3.11+) keeps the attributes
# of an instance whose dict was never asked for in a compact array of values, the
# names shared by every instance of its class, when they are set one by one in the
# same order. A compacted model is that: the same class, the same field values (the
# same objects) and the same set of fields given; it compares, hashes, dumps, copies
# and pickles as the model it was made from. Asking for its ``__dict__`` (pydantic's
# ``==``, ``hash``, ``model_dump`` do) builds a small dict over the same array, for
# that model only. Nothing is validated again: only models already valid are compacted.

_new = object.__new__
_setattr = object.__setattr__
_NAMES: dict[type[BaseModel], tuple[str, ...]] = {}
_GETTERS: dict[type[BaseModel], Any] = {}
#: One shared set of given field names per (class, distinct set): models are frozen, and
#: ``model_copy`` copies the set before it changes it.
_FIELD_SETS: dict[tuple[type[BaseModel], int], set[str]] = {}
_MASKS: dict[int, tuple[set[str], type[BaseModel], int, set[str]]] = {}


def _bare(cls: type[M]) -> M:
    """An instance of ``cls`` with nothing set, for ``__setstate__`` to fill."""
    bare: M = _new(cls)
    return bare


def prime_layout(cls: type[BaseModel]) -> None:
    """Give ``cls``'s shared attribute names its fields, in order, before any instance exists.

    CPython 3.11 lets the names shared by a class's instances grow by one fewer
    with every instance created; pydantic creates its models and assigns each a
    dict, so after a few validations no name could be added and no instance
    would be compact. Setting every field once on a bare instance first fixes
    the names (called for every model of this module as its class is created).
    """
    template = _new(cls)
    for name in _field_names(cls):
        _setattr(template, name, None)


def _field_names(cls: type[BaseModel]) -> tuple[str, ...]:
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(cls.model_fields)
    return names


def _values_getter(cls: type[BaseModel]) -> Any:
    """Every field's value of a model of ``cls``, as a tuple in field order (read in C)."""
    getter = _GETTERS.get(cls)
    if getter is None:
        names = _field_names(cls)
        if len(names) == 1:
            one = operator.attrgetter(names[0])
            getter = _GETTERS[cls] = lambda model: (one(model),)
        else:
            getter = _GETTERS[cls] = operator.attrgetter(*names)
    return getter


def _fields_mask(cls: type[BaseModel], given: set[str]) -> int:
    """The set of fields a model was given, as bits in field order (memoised by the set)."""
    return _known_set(cls, given)[0]


def _known_set(cls: type[BaseModel], given: set[str]) -> tuple[int, set[str]]:
    """``given`` as bits, and the one set shared by the models of ``cls`` given those fields."""
    known = _MASKS.get(id(given))
    if known is not None and known[0] is given and known[1] is cls:
        return known[2], known[3]
    names = _field_names(cls)
    mask = sum(1 << k for k, name in enumerate(names) if name in given)
    shared = _FIELD_SETS.setdefault((cls, mask), shared_fields_set(given))
    if len(_MASKS) > 4096:  # it keeps the sets it saw alive: bounded (models share few)
        _MASKS.clear()
    _MASKS[id(given)] = (given, cls, mask, shared)
    return mask, shared


_BY_NAMES: dict[frozenset[str], set[str]] = {}


def shared_fields_set(given: set[str]) -> set[str]:
    """The one set of field names equal to ``given`` that compacted models share."""
    key = frozenset(given)
    found = _BY_NAMES.get(key)
    if found is None:
        found = _BY_NAMES[key] = given
    return found


def _fields_set(cls: type[BaseModel], mask: int) -> set[str]:
    found = _FIELD_SETS.get((cls, mask))
    if found is None:
        names = _field_names(cls)
        found = _FIELD_SETS[(cls, mask)] = shared_fields_set(
            {n for k, n in enumerate(names) if mask >> k & 1})
    return found


_RESTORERS: dict[type[BaseModel], Any] = {}


def _restorer(cls: type[BaseModel]) -> Any:
    """``restore(values, given)``: a bare model of ``cls`` with its fields set one by one, in
    field order, from ``values`` (a tuple in field order), and ``given`` as its set of given
    fields. Written out per class (as :mod:`dataclasses` writes ``__init__``): a loop over
    the names costs twice as much, and a million instruments make millions of models."""
    found = _RESTORERS.get(cls)
    if found is None:
        found = _RESTORERS[cls] = _written_restorer(
            cls, lambda name, value: f"put(model, {name!r}, {value})")
    return found


def _written_restorer(cls: type[BaseModel], assign: Callable[[str, str], str]) -> Any:
    """``restore(values, given)`` for ``cls``, each field set by the statement
    ``assign(name, value)`` writes (the field names of a model class only)."""
    names = _field_names(cls)
    local = [f"v{k}" for k in range(len(names))]
    lines = ["def restore(values, given):",
             f"    {', '.join(local)}, = values",
             "    model = new(cls)",
             *(f"    {assign(name, f'v{k}')}" for k, name in enumerate(names)),
             f"    {assign('__pydantic_fields_set__', 'given')}",
             f"    {assign('__pydantic_extra__', 'None')}",
             f"    {assign('__pydantic_private__', 'None')}",
             "    return model"]
    scope: dict[str, Any] = {"new": _new, "put": _setattr, "cls": cls}
    exec("\n".join(lines), scope)
    return scope["restore"]


_ASSIGNING: dict[type[BaseModel], Any] = {}


def _assigning_restorer(cls: type[BaseModel]) -> Any:
    """:func:`_restorer`'s function, written with plain assignments (``model.id = v0``):
    the same model, built in a seventh of the time (Python specialises an assignment to
    an instance's compact values; a call of ``object.__setattr__`` builds its arguments
    each time). Valid only inside :func:`_assignable` for ``cls``, where ``cls`` takes
    object's own ``__setattr__``; None for a class whose field names cannot be written
    so (there are none in this module)."""
    if cls in _ASSIGNING:
        return _ASSIGNING[cls]
    names = _field_names(cls)
    if not all(name.isidentifier() and not keyword.iskeyword(name) and
               not name.startswith("__") for name in names):
        _ASSIGNING[cls] = None
        return None
    found = _ASSIGNING[cls] = _written_restorer(cls, lambda name, value: f"model.{name} = {value}")
    return found


_OWN = object()  # a class without a method of its own (it inherits pydantic's)


@contextmanager
def _assignable(classes: Iterable[type[BaseModel]]) -> Iterator[None]:
    """Inside the block, instances of ``classes`` take attribute assignment as any object
    does (object's own ``__setattr__`` and ``__delattr__``: with pydantic's, or either of
    them, Python calls a function for each assignment, and pydantic's refuses it on a
    frozen model), for :func:`_assigning_restorer`'s models. However the block ends, each
    class has its own methods back (pydantic's, inherited). The loader opens it around the
    compaction of one file's models (milliseconds), where nothing else assigns to them."""
    changed: list[tuple[type[BaseModel], str, Any]] = []
    try:
        for cls in classes:
            for name, plain in (("__setattr__", object.__setattr__),
                                ("__delattr__", object.__delattr__)):
                changed.append((cls, name, cls.__dict__.get(name, _OWN)))
                type.__setattr__(cls, name, plain)
        yield
    finally:
        for cls, name, own in reversed(changed):
            if own is _OWN:
                type.__delattr__(cls, name)
            else:
                type.__setattr__(cls, name, own)


_PLAIN_SETATTR = object.__setattr__


def _restore(cls: type[M], mask: int, values: tuple[Any, ...]) -> M:
    """A compact model of ``cls`` from its fields' values in field order (see above); by
    plain assignment inside :func:`_assignable` for ``cls`` (the compiled cache's read)."""
    fast = _assigning_restorer(cls) if cls.__setattr__ is _PLAIN_SETATTR else None
    restored: M = (fast or _restorer(cls))(values, _fields_set(cls, mask))
    return restored


def compact_model(model: M, values: tuple[Any, ...] | None = None) -> M:
    """``model`` (valid, without extra fields or private attributes) in the compact layout.

    ``values``: its fields' values in field order, where some are replaced by equal
    ones (compacted nested models, a shared string); by default its own.
    """
    cls = type(model)
    if model.__pydantic_extra__ or model.__pydantic_private__:
        return model  # state a compact model would not carry: left as it is
    if values is None:
        values = _values_getter(cls)(model)
    compacted: M = _restorer(cls)(values, shared_fields_set(model.__pydantic_fields_set__))
    return compacted


class ActorKind(StrEnum):
    STATE = "state"
    GOVERNMENT = "government"
    ORGANISATION = "organisation"
    SCHOLAR = "scholar"
    PERSON = "person"


class Form(StrEnum):
    UNILATERAL = "unilateral"
    BILATERAL = "bilateral"
    MULTILATERAL = "multilateral"


class InstrumentKind(StrEnum):
    TREATY = "treaty"
    AGREEMENT = "agreement"
    CONVENTION = "convention"
    DECLARATION = "declaration"
    PROTOCOL = "protocol"
    RESOLUTION = "resolution"
    STATUTE = "statute"
    STATEMENT = "statement"
    NOTE = "note"
    DECREE = "decree"
    VOTE = "vote"
    OTHER = "other"


EffectKinds = Annotated[tuple[EffectKind, ...], BeforeValidator(_as_tuple)]
InstrumentKinds = Annotated[tuple[InstrumentKind, ...], BeforeValidator(_as_tuple)]
Forms = Annotated[tuple[Form, ...], BeforeValidator(_as_tuple)]


class Actor(_Model):
    """A state, government, organisation or scholar that makes or reads instruments."""

    id: Id
    name: str
    kind: ActorKind
    continues: Ids = Field(default=(), description="predecessors whose acts it inherits")
    aliases: Ids = ()
    note: str = ""
    sources: Sources = ()


class Variant(_Model):
    """One text version of an instrument (e.g. as published, as delivered)."""

    id: Id
    title: str
    date: EdtfDate | None = Field(
        default=None, description="when this text came to be (published, delivered): a clause "
                                  "found only in dated texts binds no earlier"
    )
    note: str = ""
    judgement: str = Field(
        default="", description="a modelling judgement the sources do not settle, and why "
                                "(shown in the trace's reasons)"
    )
    sources: Sources = ()


class Provision(_Model):
    """A clause of an instrument; public id ``instrument#provision``."""

    id: Id
    summary: str
    variants: Ids = Field(
        default=(), description="the text variants that contain it; empty: all of them"
    )
    judgement: str = Field(
        default="", description="a modelling judgement the sources do not settle, and why "
                                "(shown in the trace's reasons)"
    )
    sources: Sources = ()


class ConsentKind(StrEnum):
    """How a party expressed its consent to be bound (VCLT arts. 11-15)."""

    SIGNATURE = "signature"
    RATIFICATION = "ratification"
    ACCEPTANCE = "acceptance"
    APPROVAL = "approval"
    ACCESSION = "accession"
    SUCCESSION = "succession"


class Party(_Model):
    """One party of an instrument and its own dates (VCLT arts. 11-25).

    A plain id in ``parties`` is a party that consents on the instrument's date
    and is bound from the instrument's start.
    """

    actor: Id
    signed: EdtfDate | None = Field(default=None, description="signature")
    consent: EdtfDate | None = Field(
        default=None, description="expression of consent to be bound (ratification, accession...)"
    )
    consent_by: ConsentKind | None = None
    in_force: EdtfDate | None = Field(
        default=None, description="entry into force for this party (art. 24(3))"
    )
    provisional: EdtfDate | None = Field(
        default=None, description="provisional application from (art. 25)"
    )
    withdrawn: EdtfDate | None = Field(
        default=None, description="its withdrawal or denunciation takes effect"
    )
    note: str = ""
    sources: Sources = ()

    @model_validator(mode="after")
    def _check_dates(self) -> Party:
        if self.signed is None and self.consent is None and self.in_force is None:
            return self  # no date to order (most parties; 'withdrawn' alone orders nothing)
        order = [(name, getattr(self, name)) for name in ("signed", "consent", "in_force")]
        known = [(name, span) for name, span in order if span is not None]
        for (first, a), (second, b) in itertools.pairwise(known):
            if b.latest < a.earliest:
                raise FieldError(f"{second!r} {b} is before {first!r} {a}", second)
        if self.withdrawn is not None and known:
            first, a = known[0]
            if self.withdrawn.latest < a.earliest:
                raise FieldError(f"'withdrawn' {self.withdrawn} is before {first!r} {a}",
                                 "withdrawn")
        return self


def _to_party(value: Any) -> Any:
    return {"actor": value} if isinstance(value, str) else value


def _as_parties(value: Any) -> Any:
    if isinstance(value, dict):  # one party written without the list
        value = [value]
    return tuple(_to_party(v) for v in _as_tuple(value))


Parties = Annotated[
    tuple[Party, ...],
    # rule files may write a party as its plain id or as a record
    BeforeValidator(_as_parties, json_schema_input_type=list[Id | Party]),
]


class Effect(_Model):
    """What the instrument that declares it does to a target instrument or provision."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True,
                              populate_by_name=True)

    id: Id
    kind: EffectKind
    target: Ref
    date: EdtfDate | None = Field(default=None, description="defaults to the instrument's")
    actor: Id | None = Field(default=None, description="defaults to the issuer or the parties")
    grounds: Refs = Field(default=(), description="instruments or effects invoked")
    by: Id | None = Field(
        default=None, description="the provision of its own instrument that declares it"
    )
    exceptions: Ids = Field(
        default=(), alias="except",
        description="provisions of the target instrument it does not reach",
    )
    mode: InvalidityMode | None = Field(
        default=None, description="for annul: ex_tunc (the default) or ex_nunc"
    )
    retroactive: bool = Field(
        default=False, description="it may be dated before its own instrument"
    )
    permanent: bool | None = Field(
        default=None,
        description="outlasts its source; default: a suspension lasts only while its source "
                    "is in force, every other kind is permanent",
    )
    judgement: str = Field(
        default="", description="a modelling judgement the sources do not settle, and why "
                                "(shown in the trace's reasons)"
    )
    note: str = ""
    sources: Sources = ()

    @model_validator(mode="after")
    def _check_kind_fields(self) -> Effect:
        if self.mode is not None and self.kind is not EffectKind.ANNUL:
            raise FieldError(f"'mode' says how an annulment operates; this effect is a "
                             f"{self.kind.value}", "mode")
        if self.exceptions and "#" in self.target:
            raise FieldError("'except' carves provisions out of an effect on a whole "
                             "instrument; this effect targets a provision", "except")
        return self

    @property
    def invalidity(self) -> InvalidityMode | None:
        """How an annulment operates (ex tunc unless it says ex nunc); None for other kinds."""
        if self.kind is not EffectKind.ANNUL:
            return None
        return self.mode or InvalidityMode.EX_TUNC

    @property
    def lasting(self) -> bool:
        """True when it outlasts its source (every kind but a suspension, unless said)."""
        if self.permanent is not None:
            return self.permanent
        return self.kind is not EffectKind.SUSPEND


class Instrument(_Model):
    """A treaty, declaration, protocol, resolution, statute or statement."""

    id: Id
    title: str
    kind: InstrumentKind
    form: Form
    parties: Parties = ()
    issuer: Id | None = None
    addressees: Ids = ()
    date: EdtfDate
    in_force: EdtfDate | None = None
    term: IsoDuration | None = Field(
        default=None, description="its own term, from entry into force (ISO 8601 duration)"
    )
    ends: EdtfDate | None = Field(default=None, description="its own end date")
    renewal: IsoDuration | None = Field(
        default=None, description="tacit renewal for this long, period after period"
    )
    notice: IsoDuration | None = Field(
        default=None, description="notice period for denunciation or withdrawal (art. 56)"
    )
    amends: Id | None = Field(
        default=None, description="the instrument it amends or is a protocol to"
    )
    provisions: tuple[Provision, ...] = ()
    variants: tuple[Variant, ...] = ()
    effects: tuple[Effect, ...] = ()
    judgement: str = Field(
        default="", description="a modelling judgement the sources do not settle, and why "
                                "(shown in the trace's reasons)"
    )
    note: str = ""
    sources: Sources = ()

    @model_validator(mode="after")
    def _check_shape(self) -> Instrument:
        if self.form is Form.UNILATERAL:
            if self.issuer is None:
                raise FieldError("a unilateral instrument needs an 'issuer'", "issuer")
            if self.parties:
                raise FieldError("a unilateral instrument has an 'issuer', not 'parties'",
                                 "parties")
        elif len(self.parties) < 2:
            raise FieldError(f"a {self.form.value} instrument needs at least two 'parties'",
                             "parties")
        if self.in_force is not None and self.in_force.latest < self.date.earliest:
            raise FieldError(f"'in_force' {self.in_force} is before the date {self.date}",
                             "in_force")
        if self.ends is not None or self.renewal is not None or self.notice is not None:
            self._check_time_clauses()  # 'term' alone, or no clause, has nothing to check
        if self.parties:
            self._check_parties()
        provisions, variants, effects = self.provisions, self.variants, self.effects
        if len(provisions) > 1:  # one or none cannot repeat an id
            _unique("provisions", provisions)
        if len(variants) > 1:
            _unique("variants", variants)
        if len(effects) > 1:
            _unique("effects", effects)
        if any(provision.variants for provision in provisions):
            variant_ids = {v.id for v in variants}
            for k, provision in enumerate(provisions):
                for m, variant in enumerate(provision.variants):
                    if variant not in variant_ids:
                        raise FieldError(
                            f"provision {provision.id!r} names variant {variant!r}, which "
                            f"{self.id!r} does not declare (known: "
                            f"{sorted(variant_ids) or 'none'})",
                            "provisions", k, "variants", m,
                        )
        if not effects:
            return self
        provision_ids: set[str] | None = None  # built for the first effect declared 'by'
        own = self.id
        for j, effect in enumerate(effects):
            if effect.target.partition("#")[0] == own:  # split_ref
                raise FieldError(f"effect {effect.id!r} targets its own instrument {own!r}",
                                 "effects", j, "target")
            if effect.date is not None and effect.date.latest < self.date.earliest \
                    and not effect.retroactive:
                raise FieldError(
                    f"effect {effect.id!r} is dated {effect.date}, before its instrument "
                    f"({self.date}); say 'retroactive: true' if the instrument records an "
                    "earlier act",
                    "effects", j, "date",
                )
            if effect.by is not None:
                if provision_ids is None:
                    provision_ids = {p.id for p in provisions}
                if effect.by not in provision_ids:
                    raise FieldError(
                        f"effect {effect.id!r} is declared 'by' provision {effect.by!r}, which "
                        f"{own!r} does not have (known: {sorted(provision_ids) or 'none'})",
                        "effects", j, "by",
                    )
        return self

    def _check_time_clauses(self) -> None:
        if self.term is not None and self.ends is not None:
            raise FieldError("give 'term' (a duration) or 'ends' (a date), not both", "ends")
        if self.ends is not None and self.ends.latest < self.start.earliest:
            raise FieldError(f"'ends' {self.ends} is before the start {self.start}", "ends")
        if self.renewal is not None and self.term is None and self.ends is None:
            raise FieldError("'renewal' renews a term: give 'term' or 'ends' too", "renewal")
        if self.form is Form.UNILATERAL and (self.notice or self.renewal):
            field = "notice" if self.notice else "renewal"
            raise FieldError(f"a unilateral instrument has no parties to give notice or renew; "
                             f"drop {field!r}", field)

    def _check_parties(self) -> None:
        seen: set[str] = set()
        for k, party in enumerate(self.parties):
            if party.actor in seen:
                raise FieldError(f"party {party.actor!r} is listed twice", "parties", k)
            seen.add(party.actor)
            if party.signed is None and party.consent is None and party.in_force is None \
                    and party.provisional is None:
                continue  # no date of its own (most parties)
            for name in ("signed", "consent", "in_force", "provisional"):
                span = getattr(party, name)
                if span is not None and span.latest < self.date.earliest:
                    raise FieldError(
                        f"party {party.actor!r}: {name!r} {span} is before the instrument's "
                        f"date {self.date}", "parties", k, name)

    @property
    def party_ids(self) -> tuple[str, ...]:
        """The parties' actor ids, in declaration order."""
        return tuple(p.actor for p in self.parties)

    def party(self, actor: str) -> Party | None:
        """The party record of ``actor``, if it is listed."""
        for party in self.parties:
            if party.actor == actor:
                return party
        return None

    @property
    def start(self) -> DateSpan:
        """When it binds: entry into force if given, else its date."""
        return self.in_force or self.date

    def text_date(self, provision: str) -> DateSpan | None:
        """When the text of a clause came to be, where that is later than the instrument's start.

        A clause found only in some text variants, each with its own ``date``,
        exists from the earliest of them, and binds no earlier than the
        instrument does. None when it is in every text, or in a text without a
        date: it exists with the instrument.

        >>> i = Instrument(id="m", title="M", kind="declaration", form="unilateral",
        ...                issuer="a", date="1919-07-25",
        ...                variants=[{"id": "late", "title": "as delivered", "date": "1920-03"}],
        ...                provisions=[{"id": "p", "summary": "a clause", "variants": ["late"]}])
        >>> i.text_date("p").earliest
        datetime.date(1920, 3, 1)
        """
        found = next((p for p in self.provisions if p.id == provision), None)
        if found is None or not found.variants:
            return None
        dates = {v.id: v.date for v in self.variants}
        spans = [dates.get(v) for v in found.variants]
        known = [span for span in spans if span is not None]
        if len(known) < len(spans):
            return None
        start = self.start
        earliest = max(min(s.earliest for s in known), start.earliest)
        latest = max(min(s.latest for s in known), start.latest)
        if (earliest, latest) == (start.earliest, start.latest):
            return None
        text = known[0].text if len(known) == 1 else " or ".join(s.text for s in known)
        return DateSpan(earliest, latest, text)

    def effect_date(self, effect: Effect) -> DateSpan:
        """An effect's date, defaulting to its instrument's entry into force."""
        return effect.date or self.start

    def effect_actors(self, effect: Effect) -> tuple[str, ...]:
        """Who acts in ``effect``: its actor, else the issuer, else the parties."""
        if effect.actor:
            return (effect.actor,)
        return self.author()

    def author(self) -> tuple[str, ...]:
        """The issuer of a unilateral act, or the parties."""
        return (self.issuer,) if self.issuer else self.party_ids


def _unique(what: str, items: tuple[Any, ...]) -> None:
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item.id in seen:
            raise FieldError(f"two {what} have the id {item.id!r}", what, index, "id")
        seen.add(item.id)


class Match(_Model):
    """The ``when`` of a rule: every condition given must hold (an empty match holds always)."""

    effect: Ids = Field(default=(), description="these effect ids")
    kind: EffectKinds = Field(default=(), description="these effect kinds")
    level: str | None = Field(
        default=None, pattern="^(instrument|provision)$", description="the target's level"
    )
    actor: Ids = Field(default=(), description="acted by these actors (or their line)")
    actor_is_target_author: bool | None = Field(
        default=None, description="the actor made the target (issuer, or one of its parties) "
                                  "or continues one who did"
    )
    actor_unrecognised: bool | None = Field(
        default=None, description="the actor is one the stance does not recognise"
    )
    actor_is_party: bool | None = Field(
        default=None,
        description="the actor is a party (or author) of the target, or continues one; a rule "
                    "with 'actor_is_party: false' is the only kind that can accept a third "
                    "state's act",
    )
    source: Ids = Field(default=(), description="declared by these instruments")
    source_kind: InstrumentKinds = ()
    source_form: Forms = ()
    target: Refs = Field(default=(), description="aimed at these instruments/provisions")
    target_kind: InstrumentKinds = ()
    target_form: Forms = ()
    target_issuer: Ids = ()
    same_parties: bool | None = Field(
        default=None, description="source and target have the same parties (VCLT art. 59)"
    )
    grounds: Refs = Field(default=(), description="invokes any of these")
    grounds_kind: InstrumentKinds = Field(
        default=(), description="invokes an instrument of these kinds"
    )
    has_grounds: bool | None = None
    target_has_notice: bool | None = Field(
        default=None, description="the target instrument has its own notice clause"
    )
    date_before: EdtfDate | None = Field(default=None, description="dated before this")
    date_after: EdtfDate | None = Field(default=None, description="dated after this")


class Rule(_Model):
    """``when`` an effect matches, ``then`` accept, reject or leave it undetermined."""

    id: Id
    when: Match = Match()
    then: Verdict
    reason: str
    notice: IsoDuration | None = Field(
        default=None,
        description="with 'accept': a denunciation or withdrawal takes effect this long after "
                    "notice (e.g. P12M for VCLT art. 56(2)) when the target has no notice clause",
    )
    citation: str = ""
    judgement: str = Field(
        default="", description="a modelling judgement the sources do not settle, and why "
                                "(shown in the trace's reasons)"
    )
    sources: Sources = ()


class Doctrine(_Model):
    """A named, reusable rule set (a VCLT article, an ILC principle)."""

    id: Id
    name: str
    summary: str = ""
    rules: tuple[Rule, ...]
    sources: Sources = ()

    @model_validator(mode="after")
    def _unique_rules(self) -> Doctrine:
        _unique("rules", self.rules)
        return self


class Stance(_Model):
    """An actor's reading: its own rules first, then the doctrines it holds, in order."""

    id: Id
    actor: Id
    name: str
    summary: str = ""
    aliases: Ids = ()
    authoritative: dict[Id, Id] = Field(
        default_factory=dict, description="instrument id -> the text variant it holds authoritative"
    )
    no_position: Refs = Field(default=(), description="targets it takes no position on")
    does_not_recognise: Ids = Field(
        default=(), description="actors whose acts it does not recognise"
    )
    continuity: dict[Id, Ids] = Field(
        default_factory=dict,
        description="its own view of who continues whom: actor id -> the predecessors it "
                    "continues (replaces that actor's 'continues' for this stance)",
    )
    rules: tuple[Rule, ...] = ()
    doctrines: Ids = ()
    sources: Sources = ()

    @model_validator(mode="after")
    def _unique_rules(self) -> Stance:
        _unique("rules", self.rules)
        return self


# The registry's model lives in its own module, which reads this one's types.
from .sources import Source  # noqa: E402

prime_layout(Source)


class RuleFile(_Model):
    """One YAML file of a rules folder; any file may hold any of the four lists."""

    actors: tuple[Actor, ...] = ()
    instruments: tuple[Instrument, ...] = ()
    doctrines: tuple[Doctrine, ...] = ()
    stances: tuple[Stance, ...] = ()
    sources: tuple[Source, ...] = Field(
        default=(), description="the works cited in the rules, cited by id (see sources.py)")
    include: Annotated[tuple[str, ...], BeforeValidator(_as_tuple)] = Field(
        default=(), description="more rule files or folders to load: a path relative to "
                                "this file, or 'treatylogic:NAME' for a library that ships "
                                "with treatylogic")


_CLASSES: list[tuple[type[BaseModel], ...]] = []


def _declaration_classes() -> tuple[type[BaseModel], ...]:
    """The model classes a rule file's declarations can hold (found from the fields of
    :class:`RuleFile`, once): those the loader compacts and the compiled cache rebuilds."""
    if not _CLASSES:
        found: list[type[BaseModel]] = []
        todo = list(_models_in(RuleFile))
        while todo:
            model = todo.pop()
            if model not in found:
                found.append(model)
                todo += _models_in(model)
        _CLASSES.append(tuple(found))
    return _CLASSES[0]


def _models_in(model: type[BaseModel]) -> list[type[BaseModel]]:
    """The model classes the fields of ``model`` hold (alone, in a tuple, optional)."""
    found = []
    for info in model.model_fields.values():
        todo = [info.annotation]
        while todo:
            annotation = todo.pop()
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                found.append(annotation)
            else:
                todo += getattr(annotation, "__args__", ()) or ()
    return found
