"""Read one YAML file safely, keeping the line and column of every node.

PyYAML's ``safe_load`` forgets where values came from and silently keeps the
last of two duplicate keys; both would make errors vague or hide them. Here the
file is composed into nodes (with libyaml when available) and converted by hand,
so every value has a mark and duplicates, aliases and odd tags are reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, format_path

try:  # libyaml is much faster for large libraries; same behaviour otherwise
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

FieldPath = tuple[str | int, ...]
MAX_DEPTH = 40

_SCALARS = yaml.constructor.SafeConstructor()
_PLAIN_BOOLEAN_WORDS = {"yes", "no", "on", "off", "true", "false", "y", "n"}


@dataclass
class SourceFile:
    """A parsed YAML file: plain data plus where each value and key stands."""

    path: Path
    display: str
    data: Any = None
    value_marks: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    plain_booleans: set[FieldPath] = field(default_factory=set)

    def mark(self, path: FieldPath, *, key: bool = False) -> tuple[int, int]:
        """Line and column of ``path``'s value (or key); the nearest ancestor if absent."""
        marks = self.key_marks if key else self.value_marks
        probe = path
        while probe:
            if probe in marks:
                return marks[probe]
            if probe in self.value_marks:
                return self.value_marks[probe]
            probe = probe[:-1]
        return self.value_marks.get((), (1, 1))

    def diagnostic(self, path: FieldPath, message: str, hint: str = "", *, key: bool = False, **kw: Any) -> Diagnostic:
        """A diagnostic located at ``path`` in this file."""
        line, column = self.mark(path, key=key)
        return Diagnostic(self.display, line, column, format_path(path), message, hint, **kw)


def _position(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


class _Converter:
    """Turns a node graph into plain data, recording marks and collecting problems."""

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.problems: list[Diagnostic] = []
        self.seen: set[int] = set()

    def problem(self, node: yaml.Node, path: FieldPath, message: str, hint: str = "") -> None:
        line, column = _position(node.start_mark)
        self.problems.append(Diagnostic(self.source.display, line, column, format_path(path), message, hint))

    def convert(self, node: yaml.Node, path: FieldPath, where: yaml.Node | None = None) -> Any:
        """Convert ``node``; ``where`` locates it if it turns out to be an alias."""
        if id(node) in self.seen:  # an alias: the composer hands back the anchored node itself
            self.problem(where or node, path, "anchors and aliases (`&name`, `*name`) are not supported",
                         "write the value out in full")
            return None
        self.source.value_marks[path] = _position(node.start_mark)
        self.seen.add(id(node))
        if len(path) > MAX_DEPTH:
            self.problem(node, path, f"nested more than {MAX_DEPTH} levels deep", "flatten the structure")
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, index), node) for index, item in enumerate(node.value)]
        return self.scalar(node, path)

    def mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node, path, "merge keys (`<<`) are not supported", "write the keys out in full")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, path, "a key must be plain text, not a list or mapping")
                continue
            key = str(key_node.value)
            child = (*path, key)
            if key in result:
                self.problem(key_node, child, f"duplicate key `{key}` (first defined on line {first_seen[key]})",
                             "keep one of them: YAML would silently drop the first")
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self.source.key_marks[child] = _position(key_node.start_mark)
            result[key] = self.convert(value_node, child, key_node)
        return result

    def scalar(self, node: yaml.Node, path: FieldPath) -> Any:
        tag = node.tag or ""
        if tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"):
            return str(node.value)
        if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:null"):
            try:
                return _SCALARS.construct_object(node, deep=True)
            except (ValueError, yaml.YAMLError):
                return str(node.value)
        if tag == "tag:yaml.org,2002:bool":
            if str(node.value).lower() in _PLAIN_BOOLEAN_WORDS:
                self.source.plain_booleans.add(path)
            return _SCALARS.construct_object(node, deep=True)
        self.problem(node, path, f"unsupported YAML tag `{tag}`", "remove the tag; use plain values")
        return str(node.value)


def _decode(raw: bytes, display: str) -> tuple[str | None, list[Diagnostic]]:
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        byte = raw[exc.start : exc.start + 1].hex().upper()
        return None, [Diagnostic(display, line, column, "", f"file is not valid UTF-8 (byte 0x{byte})",
                                 "save the file with UTF-8 encoding")]


def _tabs(text: str, display: str) -> list[Diagnostic]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        column = line.find("\t")
        if column >= 0:
            problems.append(Diagnostic(display, number, column + 1, "", "tab character",
                                       "indent and separate with spaces; YAML does not allow tabs for indentation"))
    return problems


def _syntax_problem(exc: yaml.YAMLError, display: str) -> Diagnostic:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = _position(mark)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    message = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    hint = "check indentation and quote text that contains `: ` or starts with a special character"
    if "mapping values are not allowed" in str(problem):
        message = "invalid YAML: `: ` inside unquoted text"
        hint = 'put the whole text in double quotes, e.g. en: "Note: like this"'
    if "expected a single document" in str(exc):
        message, hint = "more than one YAML document in the file", "keep one document per file (remove `---`)"
    return Diagnostic(display, line, column, "", message, hint)


def read_source(path: Path, display: str | None = None) -> tuple[SourceFile, list[Diagnostic]]:
    """Parse ``path``; the SourceFile's ``data`` is None when the file cannot be read."""
    source = SourceFile(path=path, display=display or str(path))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return source, [Diagnostic(source.display, 1, 1, "", f"cannot read file: {exc.strerror}")]
    return parse_source(raw, source)


def parse_source(raw: bytes, source: SourceFile) -> tuple[SourceFile, list[Diagnostic]]:
    """Parse bytes already read into ``source`` (used by ``read_source`` and tests)."""
    text, problems = _decode(raw, source.display)
    if text is None:
        return source, problems
    problems = _tabs(text, source.display)
    if problems:
        return source, problems
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        return source, [_syntax_problem(exc, source.display)]
    except RecursionError:
        return source, [Diagnostic(source.display, 1, 1, "", "the YAML is nested too deeply to read")]
    if node is None:
        return source, [Diagnostic(source.display, 1, 1, "", "the file is empty",
                                   "start with `kind:` (see the playbook format reference)")]
    converter = _Converter(source)
    source.data = converter.convert(node, ())
    return source, converter.problems
