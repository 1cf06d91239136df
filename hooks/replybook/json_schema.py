"""Derive the editor JSON Schema from the models (never written by hand)."""

from __future__ import annotations

import json
from typing import Annotated, Any

from pydantic import Field, TypeAdapter

from .model import Document

SCHEMA_PATH = "schema/playbook.schema.json"


def build_schema(languages: tuple[str, ...]) -> dict[str, Any]:
    """The JSON Schema of every playbook file, with the site languages filled in."""
    adapter: TypeAdapter[Any] = TypeAdapter(Annotated[Document, Field(discriminator="kind")])
    schema = adapter.json_schema()
    schema["$defs"]["LocalizedText"] = {
        "title": "Localized text",
        "description": "Text in every site language: " + ", ".join(languages) + ".",
        "type": "object",
        "properties": {lang: {"type": "string", "minLength": 1} for lang in languages},
        "required": list(languages),
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Replybook playbook file",
        "description": "Generated from hooks/replybook/model.py by `replybook schema --write`; do not edit.",
        **schema,
    }


def render_schema(languages: tuple[str, ...]) -> str:
    """The schema as committed: stable key order, trailing newline."""
    return json.dumps(build_schema(languages), indent=2, ensure_ascii=False) + "\n"
