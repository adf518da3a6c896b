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

import re
from enum import StrEnum
from typing import Annotated, Any

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
from .errors import DateError, FieldError
from .status import EffectKind, Verdict

__all__ = [
    "Actor",
    "ActorKind",
    "Doctrine",
    "Effect",
    "Form",
    "Instrument",
    "InstrumentKind",
    "Match",
    "Provision",
    "Rule",
    "RuleFile",
    "Stance",
    "Variant",
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
    note: str = ""
    sources: Sources = ()


class Provision(_Model):
    """A clause of an instrument; public id ``instrument#provision``."""

    id: Id
    summary: str
    variants: Ids = Field(
        default=(), description="the text variants that contain it; empty: all of them"
    )
    sources: Sources = ()


class Effect(_Model):
    """What the instrument that declares it does to a target instrument or provision."""

    id: Id
    kind: EffectKind
    target: Ref
    date: EdtfDate | None = Field(default=None, description="defaults to the instrument's")
    actor: Id | None = Field(default=None, description="defaults to the issuer or the parties")
    grounds: Refs = Field(default=(), description="instruments or effects invoked")
    note: str = ""
    sources: Sources = ()


class Instrument(_Model):
    """A treaty, declaration, protocol, resolution, statute or statement."""

    id: Id
    title: str
    kind: InstrumentKind
    form: Form
    parties: Ids = ()
    issuer: Id | None = None
    addressees: Ids = ()
    date: EdtfDate
    in_force: EdtfDate | None = None
    provisions: tuple[Provision, ...] = ()
    variants: tuple[Variant, ...] = ()
    effects: tuple[Effect, ...] = ()
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
        _unique("provisions", self.provisions)
        _unique("variants", self.variants)
        _unique("effects", self.effects)
        variant_ids = {v.id for v in self.variants}
        for k, provision in enumerate(self.provisions):
            for m, variant in enumerate(provision.variants):
                if variant not in variant_ids:
                    raise FieldError(
                        f"provision {provision.id!r} names variant {variant!r}, which "
                        f"{self.id!r} does not declare (known: {sorted(variant_ids) or 'none'})",
                        "provisions", k, "variants", m,
                    )
        for j, effect in enumerate(self.effects):
            if split_ref(effect.target)[0] == self.id:
                raise FieldError(f"effect {effect.id!r} targets its own instrument {self.id!r}",
                                 "effects", j, "target")
            if effect.date is not None and effect.date.latest < self.date.earliest:
                raise FieldError(
                    f"effect {effect.id!r} is dated {effect.date}, "
                    f"before its instrument ({self.date})",
                    "effects", j, "date",
                )
        return self

    @property
    def start(self) -> DateSpan:
        """When it binds: entry into force if given, else its date."""
        return self.in_force or self.date

    def effect_date(self, effect: Effect) -> DateSpan:
        """An effect's date, defaulting to its instrument's entry into force."""
        return effect.date or self.start

    def effect_actors(self, effect: Effect) -> tuple[str, ...]:
        """Who acts in ``effect``: its actor, else the issuer, else the parties."""
        if effect.actor:
            return (effect.actor,)
        return (self.issuer,) if self.issuer else self.parties

    def author(self) -> tuple[str, ...]:
        """The issuer of a unilateral act, or the parties."""
        return (self.issuer,) if self.issuer else self.parties


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
        default=None, description="the actor made the target (issuer, or one of its parties)"
    )
    actor_unrecognised: bool | None = Field(
        default=None, description="the actor is one the stance does not recognise"
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
    date_before: EdtfDate | None = Field(default=None, description="dated before this")
    date_after: EdtfDate | None = Field(default=None, description="dated after this")


class Rule(_Model):
    """``when`` an effect matches, ``then`` accept, reject or leave it undetermined."""

    id: Id
    when: Match = Match()
    then: Verdict
    reason: str
    citation: str = ""
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
    rules: tuple[Rule, ...] = ()
    doctrines: Ids = ()
    sources: Sources = ()

    @model_validator(mode="after")
    def _unique_rules(self) -> Stance:
        _unique("rules", self.rules)
        return self


# The registry's model lives in its own module, which reads this one's types.
from .sources import Source  # noqa: E402


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
