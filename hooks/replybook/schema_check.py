"""Check a parsed file against the schema (model.py) and explain problems plainly.

Pydantic finds the problems; this module turns each one into a message a
contributor can act on, placed on the right line, with a suggestion where one
helps ("did you mean `summary`?").
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from . import rulebook as R
from .diagnostics import Diagnostic, did_you_mean
from .model import DOCUMENT_KINDS, PATTERN_HINTS, LocalizedText, StrictModel
from .yaml_source import FieldPath, SourceFile

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "list_type": "a list",
    "dict_type": "a mapping (key: value pairs)",
    "model_type": "a mapping (key: value pairs)",
    "model_attributes_type": "a mapping (key: value pairs)",
    "bool_type": "true or false",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}` (true/false)"
    if isinstance(value, (int, float)):
        return f"the number `{value}`"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"`{value}`"


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types inside Optional / Union / Annotated / list / dict."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    if origin in (list, dict):
        return [t for arg in typing.get_args(annotation)[-1:] for t in _unwrap(arg)]
    return [annotation]


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class whose field set applies at ``loc`` (for "did you mean")."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None or isinstance(part, int) or part not in current.model_fields:
            continue
        candidates = [t for t in _unwrap(current.model_fields[part].annotation)
                      if isinstance(t, type) and issubclass(t, BaseModel)]
        current = candidates[0] if candidates else None
        if current is not None and issubclass(current, LocalizedText):
            return None
    return current


def _nearest(word: str, choices: list[str]) -> str:
    return did_you_mean(word, choices, otherwise=f"allowed here: {', '.join(choices)}")


def _explain(model: type[StrictModel], error: Any, source: SourceFile) -> Diagnostic:
    loc: FieldPath = tuple(error["loc"])
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    if kind == "missing":
        return R.SCHEMA.at(source, loc, "missing field", f"add `{loc[-1]}:`")
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        choices = [name for name in parent.model_fields if name != "kind"] if parent else []
        hint = _nearest(str(loc[-1]), choices) if choices else "remove it"
        return R.SCHEMA.at(source, loc, f"unknown field `{loc[-1]}`", hint, key=True)
    if kind == "string_pattern_mismatch":
        hint = PATTERN_HINTS.get(ctx.get("pattern", ""), f"must match {ctx.get('pattern')}")
        return R.SCHEMA.at(source, loc, f"{_describe(value)} is not a valid value", hint)
    if kind in ("enum", "literal_error"):
        return R.SCHEMA.at(source, loc, f"{_describe(value)} is not allowed", f"use one of: {ctx.get('expected', '')}")
    if kind == "too_short":
        need = ctx.get("min_length", 1)
        return R.SCHEMA.at(source, loc, f"needs at least {need} item{'s' if need != 1 else ''}", "")
    if kind == "string_too_short":
        return R.SCHEMA.at(source, loc, "must not be empty")
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return R.SCHEMA.at(source, loc, f"{_describe(value)} is out of range", error["msg"].lower())
    if kind in _TYPE_NAMES:
        hint = ""
        if source.is_plain_boolean(loc):
            hint = 'YAML reads unquoted yes/no/on/off as true/false: put the text in quotes, e.g. "Yes"'
        return R.SCHEMA.at(source, loc, f"expected {_TYPE_NAMES[kind]}, found {_describe(value)}", hint)
    return R.SCHEMA.at(source, loc, error["msg"])


def check_schema(source: SourceFile) -> tuple[StrictModel | None, list[Diagnostic]]:
    """Validate ``source.data`` as the document its ``kind:`` names."""
    data = source.data
    kinds = ", ".join(DOCUMENT_KINDS)
    if not isinstance(data, dict):
        return None, [R.SCHEMA.at(source, (), f"expected a mapping with `kind:` at the top, found {_describe(data)}",
                                        f"kind is one of: {kinds}")]
    if "kind" not in data:
        return None, [R.SCHEMA.at(source, (), "missing field `kind`", f"add `kind:` with one of: {kinds}")]
    model = DOCUMENT_KINDS.get(str(data["kind"]))
    if model is None:
        hint = _nearest(str(data["kind"]), list(DOCUMENT_KINDS))
        return None, [R.SCHEMA.at(source, ("kind",), f"unknown kind {_describe(data['kind'])}", hint)]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [_explain(model, error, source) for error in exc.errors()]
