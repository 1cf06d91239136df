"""The playbook format reference page, derived from the models' JSON Schema.

Contributors read the same field names, types and descriptions that the
validator enforces, so the reference cannot drift from the schema. The
descriptions are written in English in the models and the rulebook; their
translations are in format_i18n.yaml beside this file (a test keeps it complete).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .json_schema import build_schema
from .model import DOCUMENT_KINDS

CATALOG = Path(__file__).with_name("format_i18n.yaml")
#: The words of the type column; a page passes its own language's (ui.yaml `type_*` labels).
ENGLISH_TYPES = {"localized": "text in every language", "list": "list of {x}", "mapping": "mapping of id → {x}",
                 "or": "{a} or {b}", "id": "id", "pattern": "text (pattern)", "text": "text",
                 "number": "whole number", "boolean": "true/false"}


@dataclass(frozen=True)
class Described:
    """A description in the page's language, or in English (``lang`` says so) when not translated."""

    text: str
    lang: str = ""


@dataclass(frozen=True)
class FieldRow:
    name: str
    type: str
    required: bool
    description: Described


@dataclass(frozen=True)
class ObjectDoc:
    name: str
    description: Described
    fields: list[FieldRow]


@cache
def catalog() -> dict[str, dict[str, str]]:
    """English description → its translations, from format_i18n.yaml."""
    items = yaml.safe_load(CATALOG.read_text(encoding="utf-8")) or []
    return {item["en"]: item for item in items}


def describe(english: str, language: str) -> Described:
    """``english`` in ``language`` when the catalog has it, else in English, marked as such."""
    if not english or language == "en":
        return Described(english)
    translated = catalog().get(english, {}).get(language)
    return Described(translated) if translated else Described(english, "en")


def _type_name(spec: dict[str, Any], words: Callable[..., str]) -> str:
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        return words("localized") if name == "LocalizedText" else name
    if "anyOf" in spec:
        names = [_type_name(s, words) for s in spec["anyOf"] if s.get("type") != "null"]
        joined = names[0]
        for other in names[1:]:
            joined = words("or", a=joined, b=other)
        return joined
    if "const" in spec:
        return f"`{spec['const']}`"
    if "enum" in spec:
        return " | ".join(f"`{v}`" for v in spec["enum"])
    kind = spec.get("type", "any")
    if kind == "array":
        return words("list", x=_type_name(spec.get("items", {}), words))
    if kind == "object" and "additionalProperties" in spec:
        return words("mapping", x=_type_name(spec["additionalProperties"], words))
    if kind == "string" and "pattern" in spec:
        return words("id") if spec["pattern"].startswith("^[a-z0-9]+") else words("pattern")
    key = {"string": "text", "integer": "number", "boolean": "boolean"}.get(kind)
    return words(key) if key else kind


def _english_words(key: str, **values: str) -> str:
    return ENGLISH_TYPES[key].format(**values)


def reference(languages: tuple[str, ...], language: str = "en",
              words: Callable[..., str] = _english_words) -> list[ObjectDoc]:
    """Every object of the format, document kinds first, with its fields, described in ``language``."""
    schema = build_schema(languages)
    defs: dict[str, Any] = schema["$defs"]
    order = [model.__name__ for model in DOCUMENT_KINDS.values()]
    order += [name for name in defs if name not in order and name != "LocalizedText"]
    docs = []
    for name in order:
        spec = defs.get(name)
        if not spec or "properties" not in spec:
            continue
        required = set(spec.get("required", []))
        fields = [FieldRow(field, _type_name(prop, words), field in required,
                           describe(prop.get("description", ""), language))
                  for field, prop in spec["properties"].items()]
        docs.append(ObjectDoc(name, describe(spec.get("description", ""), language), fields))
    return docs
