"""Read one YAML file safely, keeping the line and column of every node.

PyYAML's ``safe_load`` forgets where values came from and silently keeps the
last of two duplicate keys; both would make errors vague or hide them. Here the
file is composed into nodes (with libyaml when available) and converted by hand,
so duplicates, aliases and odd tags are reported. The node tree is kept: the
line and column of a field are looked up from it only when a problem is
reported, which keeps checking a large library fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import rulebook as R
from .diagnostics import Diagnostic, format_path

try:  # libyaml is much faster for large libraries; same behaviour otherwise
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader

FieldPath = tuple[str | int, ...]
RAW_HTML = re.compile(r"<[A-Za-z!/?]")
MAX_DEPTH = 40

_SCALARS = yaml.constructor.SafeConstructor()
_PLAIN_BOOLEAN_WORDS = {"yes", "no", "on", "off", "true", "false", "y", "n"}
_STR = "tag:yaml.org,2002:str"


_Loader = _BaseLoader


@dataclass
class SourceFile:
    """A parsed YAML file: plain data, and the node tree to locate any field in."""

    path: Path
    display: str
    data: Any = None
    root: yaml.Node | None = None
    text: str = ""

    def release(self) -> None:
        """Drop the node tree (it is rebuilt from the text if a problem must be located).

        Thousands of live node trees make Python's garbage collector the slowest
        part of checking a large library.
        """
        self.root = None

    def _node(self, path: FieldPath, *, key: bool) -> yaml.Node | None:
        """The node at ``path`` (or its key node), or the nearest existing ancestor."""
        if self.root is None and self.text:
            self.root = yaml.compose(self.text, Loader=_Loader)
        node = self.root
        for depth, part in enumerate(path):
            if isinstance(node, yaml.MappingNode):
                found = next(((k, v) for k, v in node.value
                              if isinstance(k, yaml.ScalarNode) and str(k.value) == str(part)), None)
                if found is None:
                    return node
                node = found[0] if key and depth == len(path) - 1 else found[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
            else:
                return node
        return node

    def mark(self, path: FieldPath, *, key: bool = False) -> tuple[int, int]:
        """Line and column (from 1) of ``path``'s value (or key); the nearest ancestor if absent."""
        node = self._node(path, key=key)
        return _position(node.start_mark) if node is not None else (1, 1)

    def is_plain_boolean(self, path: FieldPath) -> bool:
        """True if the value at ``path`` is an unquoted yes/no/on/off/true/false."""
        node = self._node(path, key=False)
        return (isinstance(node, yaml.ScalarNode) and not node.style
                and str(node.value).lower() in _PLAIN_BOOLEAN_WORDS)

    def diagnostic(self, path: FieldPath, message: str, hint: str = "", *, key: bool = False, **kw: Any) -> Diagnostic:
        """A diagnostic located at ``path`` in this file."""
        line, column = self.mark(path, key=key)
        return Diagnostic(self.display, line, column, format_path(path), message, hint, **kw)


def _position(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


class _Converter:
    """Turns a node graph into plain data, collecting problems."""

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.problems: list[Diagnostic] = []
        self.seen: set[int] = set()

    def problem(self, node: yaml.Node, path: FieldPath, message: str, hint: str = "",
                rule: R.Rule = R.YAML_PLAIN) -> None:
        line, column = _position(node.start_mark)
        self.problems.append(rule.in_file(self.source.display, line, column, message, hint, field=path))

    def convert(self, node: yaml.Node, path: FieldPath, where: yaml.Node | None = None) -> Any:
        """Convert ``node``; ``where`` locates it if it turns out to be an alias."""
        if id(node) in self.seen:  # an alias: the composer hands back the anchored node itself
            self.problem(where or node, path, "anchors and aliases (`&name`, `*name`) are not supported",
                         "write the value out in full")
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.tag != _STR:
                return self.scalar(node, path)
            value = node.value
            if "<" in value:
                self.raw_html(node, path, value)
            return value
        if len(path) > MAX_DEPTH:
            self.problem(node, path, f"nested more than {MAX_DEPTH} levels deep", "flatten the structure")
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        return [self.convert(item, (*path, index), node) for index, item in enumerate(node.value)]

    def raw_html(self, node: yaml.Node, path: FieldPath, value: str) -> None:
        """No text may contain markup: it is shown exactly as typed, never interpreted."""
        found = RAW_HTML.search(value)
        if found:
            snippet = value[found.start() : found.start() + 12].split(">")[0]
            self.problem(node, path, f"raw HTML is not allowed (found `{snippet}`)",
                         "write plain text; it is shown exactly as typed", R.RAW_HTML)

    def mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node, path, "merge keys (`<<`) are not supported", "write the keys out in full")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, path, "a key must be plain text, not a list or mapping", rule=R.YAML_SYNTAX)
                continue
            key = str(key_node.value)
            if key in result:
                self.problem(key_node, (*path, key), f"duplicate key `{key}` (first defined on line {first_seen[key]})",
                             "keep one of them: YAML would silently drop the first", R.YAML_DUPLICATE_KEY)
                continue
            first_seen[key] = key_node.start_mark.line + 1
            result[key] = self.convert(value_node, (*path, key), key_node)
        return result

    def scalar(self, node: yaml.Node, path: FieldPath) -> Any:
        tag = node.tag or ""
        if tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"):
            return str(node.value)
        if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:null",
                   "tag:yaml.org,2002:bool"):
            try:
                return _SCALARS.construct_object(node, deep=True)
            except (ValueError, yaml.YAMLError):
                return str(node.value)
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
        return None, [R.YAML_ENCODING.in_file(display, line, column, f"file is not valid UTF-8 (byte 0x{byte})",
                                              "save the file with UTF-8 encoding")]


def _tabs(text: str, display: str) -> list[Diagnostic]:
    if "\t" not in text:
        return []
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        column = line.find("\t")
        if column >= 0:
            problems.append(R.YAML_TABS.in_file(display, number, column + 1, "tab character",
                                                "indent and separate with spaces; YAML does not allow tabs for "
                                                "indentation"))
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
    return R.YAML_SYNTAX.in_file(display, line, column, message, hint)


def read_source(path: Path, display: str | None = None) -> tuple[SourceFile, list[Diagnostic]]:
    """Parse ``path``; the SourceFile's ``data`` is None when the file cannot be read."""
    source = SourceFile(path=path, display=display or str(path))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return source, [R.YAML_SYNTAX.in_file(source.display, 1, 1, f"cannot read file: {exc.strerror}")]
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
        return source, [R.YAML_PLAIN.in_file(source.display, 1, 1, "the YAML is nested too deeply to read")]
    if node is None:
        return source, [R.YAML_SYNTAX.in_file(source.display, 1, 1, "the file is empty",
                                              "start with `kind:` (see the playbook format reference)")]
    source.root = node
    source.text = text
    converter = _Converter(source)
    source.data = converter.convert(node, ())
    return source, converter.problems
