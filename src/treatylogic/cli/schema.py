"""The JSON Schema of a rule file, as editors need it.

Pydantic writes the schema of :class:`treatylogic.models.RuleFile` (draft
2020-12); this module adds what it cannot see: list fields that also take a
single value (``kind: annul`` as well as ``kind: [annul, terminate]``), and
dates that YAML reads as a number (``date: 1953``). It then writes it as JSON
Schema draft 7, the dialect the YAML language server (VS Code, Neovim, Emacs)
reads: ``definitions`` instead of ``$defs``.

>>> schema = rule_file_schema()
>>> schema["$schema"]
'http://json-schema.org/draft-07/schema#'
>>> schema["definitions"]["Match"]["properties"]["kind"]["anyOf"][0]
{'$ref': '#/definitions/EffectKind'}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, BeforeValidator, WithJsonSchema
from pydantic.fields import FieldInfo

from .. import models
from ..models import RuleFile

__all__ = ["rule_file_schema"]

DIALECT = "http://json-schema.org/draft-07/schema#"


def rule_file_schema() -> dict[str, Any]:
    """The JSON Schema (draft 7) that every rule file follows."""
    schema = RuleFile.model_json_schema()
    for model in _models(RuleFile):
        where = schema if model is RuleFile else schema["$defs"][model.__name__]
        for name, info in model.model_fields.items():
            if _takes_one_or_many(info):
                key = info.alias or name
                where["properties"][key] = _one_or_many(where["properties"][key])
    schema = _draft_7(_widen_dates(schema, _date_schema()))
    return {"$schema": DIALECT, **schema, "title": "treatylogic rule file"}


def _draft_7(node: Any) -> Any:
    """Draft 2020-12 as draft 7: ``$defs`` become ``definitions`` (and the refs to them).

    Pydantic's schemas use no other keyword that draft 7 lacks (``prefixItems``,
    ``$dynamicRef``, ``unevaluatedProperties``); :func:`_check_draft_7` holds that.
    """
    if isinstance(node, dict):
        out = {("definitions" if k == "$defs" else k): _draft_7(v) for k, v in node.items()}
        ref = out.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            out["$ref"] = "#/definitions/" + ref.removeprefix("#/$defs/")
        _check_draft_7(out)
        return out
    if isinstance(node, list):
        return [_draft_7(v) for v in node]
    return node


_NOT_IN_DRAFT_7 = ("prefixItems", "$dynamicRef", "$dynamicAnchor", "unevaluatedProperties",
                   "unevaluatedItems", "dependentSchemas", "dependentRequired", "$anchor")


def _check_draft_7(node: dict[str, Any]) -> None:
    found = [k for k in _NOT_IN_DRAFT_7 if k in node]
    if found:  # a newer pydantic: translate these too before shipping the schema
        raise ValueError(f"the rule-file schema uses {found}, which draft 7 does not have")


def _date_schema() -> dict[str, Any] | None:
    """The schema the models give an EDTF date (a string)."""
    for meta in getattr(models.EdtfDate, "__metadata__", ()):
        if isinstance(meta, WithJsonSchema):
            return meta.json_schema
    return None


def _widen_dates(node: Any, date: dict[str, Any] | None) -> Any:
    """Let every date also be an integer: YAML reads ``date: 1953`` as one; the models take it."""
    if date is not None and node == date:
        return {**node, "type": ["string", "integer"]}
    if isinstance(node, dict):
        return {k: _widen_dates(v, date) for k, v in node.items()}
    if isinstance(node, list):
        return [_widen_dates(v, date) for v in node]
    return node


def _models(root: type[BaseModel]) -> Iterator[type[BaseModel]]:
    """``root`` and every model its fields hold, each once."""
    seen: set[type[BaseModel]] = set()
    stack = [root]
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.add(model)
        yield model
        for info in model.model_fields.values():
            stack.extend(_inner_models(info.annotation))


def _inner_models(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _inner_models(arg)


def _takes_one_or_many(info: FieldInfo) -> bool:
    # The models widen these fields with one validator, models._as_tuple.
    widen = getattr(models, "_as_tuple", None)
    return any(isinstance(m, BeforeValidator) and m.func is widen for m in info.metadata)


def _one_or_many(prop: dict[str, Any]) -> dict[str, Any]:
    if prop.get("type") != "array" or "items" not in prop:
        return prop
    rest = {k: v for k, v in prop.items() if k not in ("type", "items")}
    return {"anyOf": [prop["items"], {"type": "array", "items": prop["items"]}], **rest}
