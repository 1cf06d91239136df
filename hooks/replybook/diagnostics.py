"""Problems found in content, with the place, the rule that found them and how to fix them.

A diagnostic is data; reporters turn a list of them into text for people (``text``), for
GitHub's pull-request annotations (``github``) or for tools (``json``). ``did_you_mean`` is the
one place that suggests a close match for a misspelt name.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from enum import Enum


class Level(str, Enum):
    """Errors fail `check` and the build; warnings fail only with `--strict`."""

    error = "error"
    warning = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: where (file, line, column counted from 1, field path), what, and which rule."""

    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    level: Level = Level.error
    rule: str = ""

    def text(self) -> str:
        """The one-line form: ``file:line:col: field: message (hint) [rule]``."""
        where = f"{self.file}:{self.line}:{self.column}"
        prefix = "" if self.level is Level.error else "warning: "
        what = f"{self.field}: {self.message}" if self.field else self.message
        hint = f" ({self.hint})" if self.hint else ""
        rule = f" [{self.rule}]" if self.rule else ""
        return f"{where}: {prefix}{what}{hint}{rule}"

    def github(self) -> str:
        """The form GitHub Actions turns into an annotation on the pull request diff."""
        what = f"{self.field}: {self.message}" if self.field else self.message
        if self.hint:
            what += f" ({self.hint})"
        what = what.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        title = f",title={self.rule}" if self.rule else ""
        return f"::{self.level.value} file={self.file},line={self.line},col={self.column}{title}::{what}"

    def as_dict(self) -> dict[str, object]:
        """A plain mapping, for the JSON reporter."""
        data = asdict(self)
        data["level"] = self.level.value
        return data


def _text(diagnostics: Iterable[Diagnostic]) -> str:
    return "".join(d.text() + "\n" for d in diagnostics)


def _github(diagnostics: Iterable[Diagnostic]) -> str:
    return "".join(d.github() + "\n" for d in diagnostics)


def _json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([d.as_dict() for d in diagnostics], ensure_ascii=False, indent=1) + "\n"


#: Reporters by name (`replybook check --format NAME`).
REPORTERS: dict[str, Callable[[Iterable[Diagnostic]], str]] = {"text": _text, "github": _github, "json": _json}


class HasDiagnostics:
    """Mixin for results that carry a `diagnostics` list: split it by level."""

    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level is Level.error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level is Level.warning]


def format_path(path: tuple[str | int, ...]) -> str:
    """Render a field path as ``steps[2].text.uk``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def did_you_mean(word: str, choices: Iterable[str], *, otherwise: str = "") -> str:
    """``did you mean `x`?`` for the closest choice, else ``otherwise``."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean `{match[0]}`?" if match else otherwise
