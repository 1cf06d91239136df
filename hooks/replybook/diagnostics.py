"""Problems found in content, with the place they were found and how to fix them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Level(str, Enum):
    """Errors fail `check` and the build; warnings fail only with `--strict`."""

    error = "error"
    warning = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: where (file, line, column counted from 1, field path) and what."""

    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    level: Level = Level.error

    def text(self) -> str:
        """The one-line form: ``file:line:col: field: message (hint)``."""
        where = f"{self.file}:{self.line}:{self.column}"
        prefix = "" if self.level is Level.error else "warning: "
        what = f"{self.field}: {self.message}" if self.field else self.message
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: {prefix}{what}{hint}"

    def github(self) -> str:
        """The form GitHub Actions turns into an annotation on the pull request diff."""
        what = f"{self.field}: {self.message}" if self.field else self.message
        if self.hint:
            what += f" ({self.hint})"
        what = what.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.level.value} file={self.file},line={self.line},col={self.column}::{what}"


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
