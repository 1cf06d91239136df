"""Interface labels (headings, buttons, units) of the generated pages, per language."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic
from .yaml_source import read_source

UI_FILE = Path(__file__).with_name("ui.yaml")


@dataclass(frozen=True)
class UiStrings:
    """Every label in one language; ``t("chars_left", n=3)`` fills ``{n}``."""

    language: str
    labels: dict[str, str]

    def t(self, key: str, **values: object) -> str:
        text = self.labels[key]
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text


def load_ui_strings(languages: tuple[str, ...]) -> tuple[dict[str, UiStrings], list[Diagnostic]]:
    """Read ui.yaml; every label must exist in every site language."""
    source, problems = read_source(UI_FILE, "hooks/replybook/ui.yaml")
    data = source.data if isinstance(source.data, dict) else {}
    per_language: dict[str, dict[str, str]] = {language: {} for language in languages}
    for key, texts in data.items():
        for language in languages:
            value = texts.get(language) if isinstance(texts, dict) else None
            if not isinstance(value, str) or not value.strip():
                problems.append(source.diagnostic((key, language), "missing interface label",
                                                  f"add `{language}:` to `{key}`"))
                value = key
            per_language[language][key] = value
    return {language: UiStrings(language, labels) for language, labels in per_language.items()}, problems
