"""The sources registry: the works a rule base cites, each once, with what a historian checks.

A rule file may hold a top-level ``sources:`` list of :class:`Source` entries
(id, author, title, date, publisher, url, pages, accessed). Every citation in
the rules (an item of a ``sources:`` list, or a rule's ``citation``) then names
one of them by id, optionally followed by a comma and a locator::

    sources: ["wp-karakhan-manifesto, Question of continued validity"]

Once a rule base declares a registry, a citation whose id is not in it is a
located error. The registry exports as CSL-JSON (Zotero, pandoc) or BibTeX.

>>> s = Source(id="vclt", title="Vienna Convention on the Law of Treaties",
...            author="United Nations", date="1969-05-23")
>>> cited_id("vclt, art. 59(1)"), cited_id("vclt")
('vclt', 'vclt')
>>> to_csl_json([s])[0]["issued"]
{'date-parts': [[1969, 5, 23]]}
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from .models import EdtfDate, Id, _as_tuple

__all__ = [
    "Source",
    "SourceType",
    "citations",
    "cited_id",
    "dumps_csl_json",
    "to_bibtex",
    "to_csl_json",
]

_CITED = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:,|$)")


class SourceType(StrEnum):
    """What kind of work a source is (CSL's vocabulary, a few of its types)."""

    BOOK = "book"
    CHAPTER = "chapter"
    ARTICLE = "article-journal"
    WEBPAGE = "webpage"
    ENCYCLOPEDIA = "entry-encyclopedia"
    TREATY = "treaty"
    LEGAL_CASE = "legal_case"
    REPORT = "report"
    DOCUMENT = "document"


class Source(BaseModel):
    """One work a rule base cites: enough to find it and check the citation."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    id: Id
    title: str
    type: SourceType = SourceType.DOCUMENT
    author: Annotated[tuple[str, ...], BeforeValidator(_as_tuple)] = Field(
        default=(), description="people or bodies, each as written ('Elleman, Bruce A.')")
    date: EdtfDate | None = Field(default=None, description="when it was issued (EDTF)")
    publisher: str = ""
    container: str = Field(default="", description="the journal, encyclopedia or website")
    url: str = ""
    pages: str = ""
    accessed: EdtfDate | None = Field(default=None, description="when the url was read (EDTF)")
    note: str = ""


def cited_id(citation: str) -> str | None:
    """The registry id a citation names: its text up to the first comma (None: not an id)."""
    match = _CITED.match(citation)
    return match.group(1) if match else None


def citations(node: object, path: tuple[str | int, ...] = ()) -> Iterator[
        tuple[tuple[str | int, ...], str]]:
    """Every citation in a declaration, with its path: items of ``sources`` and ``citation``."""
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if name == "sources" and isinstance(value, tuple):
                for index, text in enumerate(value):
                    if isinstance(text, str):
                        yield (*path, name, index), text
            elif name == "citation" and isinstance(value, str) and value:
                yield (*path, name), value
            else:
                yield from citations(value, (*path, name))
    elif isinstance(node, tuple | list):
        for index, item in enumerate(node):
            yield from citations(item, (*path, index))


# ------------------------------------------------------------------ exports
def _date_parts(span: Any) -> dict[str, Any] | None:
    if span is None:
        return None
    text = span.text
    match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$", text)
    if not match:
        return {"literal": text}
    return {"date-parts": [[int(p) for p in match.groups() if p]]}


def _csl_name(name: str) -> dict[str, str]:
    family, comma, given = name.partition(",")
    if comma:
        return {"family": family.strip(), "given": given.strip()}
    return {"literal": name}


def to_csl_json(sources: Iterable[Source]) -> list[dict[str, Any]]:
    """CSL-JSON items (for Zotero, pandoc, citeproc), in the order given."""
    items = []
    for source in sources:
        item: dict[str, Any] = {"id": source.id, "type": source.type.value,
                                "title": source.title}
        if source.author:
            item["author"] = [_csl_name(a) for a in source.author]
        for key, when in (("issued", _date_parts(source.date)),
                          ("accessed", _date_parts(source.accessed))):
            if when is not None:
                item[key] = when
        for key, text in (("publisher", source.publisher), ("container-title", source.container),
                          ("URL", source.url), ("page", source.pages), ("note", source.note)):
            if text:
                item[key] = text
        items.append(item)
    return items


_BIBTEX_TYPES = {
    SourceType.BOOK: "book", SourceType.CHAPTER: "incollection", SourceType.ARTICLE: "article",
    SourceType.REPORT: "techreport",
}


def _bibtex_text(text: str) -> str:
    escaped = re.sub(r"([&%$#_])", r"\\\1", text).replace("{", "\\{").replace("}", "\\}")
    return "{" + escaped + "}"


def to_bibtex(sources: Iterable[Source]) -> str:
    """BibTeX entries (``@misc`` where BibTeX has no closer type), in the order given."""
    entries = []
    for source in sources:
        fields: list[tuple[str, str]] = [("title", source.title)]
        if source.author:
            # a person as "Family, Given"; a body braced whole, so BibTeX keeps it one name
            fields.append(("author", " and ".join(
                _bibtex_text(a)[1:-1] if "," in a else _bibtex_text(a) for a in source.author)))
        if source.date is not None:
            fields.append(("year", str(source.date.earliest.year)))
            if re.match(r"^\d{4}-\d{2}", source.date.text):
                fields.append(("date", source.date.text))
        key = "journal" if source.type is SourceType.ARTICLE else "howpublished"
        for name, value in (("publisher", source.publisher), (key, source.container),
                            ("url", source.url), ("pages", source.pages),
                            ("urldate", source.accessed.text if source.accessed else ""),
                            ("note", source.note)):
            if value:
                fields.append((name, value))
        body = ",\n".join(f"  {name} = " + ("{" + value + "}" if name == "author"
                                             else _bibtex_text(value))
                          for name, value in fields)
        kind = _BIBTEX_TYPES.get(source.type, "misc")
        entries.append(f"@{kind}{{{source.id},\n{body}\n}}")
    return "\n\n".join(entries) + ("\n" if entries else "")


def dumps_csl_json(sources: Iterable[Source]) -> str:
    """:func:`to_csl_json` as indented JSON text."""
    return json.dumps(to_csl_json(sources), indent=2, ensure_ascii=False) + "\n"
