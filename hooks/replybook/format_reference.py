"""The playbook format reference page, derived from the models' JSON Schema.

Contributors read the same field names, types and descriptions that the
validator enforces, so the reference cannot drift from the schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .json_schema import build_schema
from .model import DOCUMENT_KINDS


@dataclass(frozen=True)
class FieldRow:
    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class ObjectDoc:
    name: str
    description: str
    fields: list[FieldRow]


def _type_name(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        return "text in every language" if name == "LocalizedText" else name
    if "anyOf" in spec:
        return " or ".join(_type_name(s) for s in spec["anyOf"] if s.get("type") != "null")
    if "const" in spec:
        return f"`{spec['const']}`"
    if "enum" in spec:
        return " | ".join(f"`{v}`" for v in spec["enum"])
    kind = spec.get("type", "any")
    if kind == "array":
        return f"list of {_type_name(spec.get('items', {}))}"
    if kind == "object" and "additionalProperties" in spec:
        return f"mapping of id → {_type_name(spec['additionalProperties'])}"
    if kind == "string" and "pattern" in spec:
        return "id" if spec["pattern"].startswith("^[a-z0-9]+") else "text (pattern)"
    return {"string": "text", "integer": "whole number", "boolean": "true/false"}.get(kind, kind)


def reference(languages: tuple[str, ...]) -> list[ObjectDoc]:
    """Every object of the format, document kinds first, with its fields."""
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
        fields = [FieldRow(field, _type_name(prop), field in required, prop.get("description", ""))
                  for field, prop in spec["properties"].items()]
        docs.append(ObjectDoc(name, spec.get("description", ""), fields))
    return docs
