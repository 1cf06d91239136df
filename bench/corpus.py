"""Synthetic, schema-valid Replybook libraries of any size, in every site language.

A generated library is the project's own library (a copy of playbooks/) plus N synthetic
playbooks. Each synthetic playbook is a real one (the real scenarios in turn) with new ids and
new text: every text of every language is rewritten word by word with words drawn from that
language's own vocabulary in the real library, at their real frequencies, so a page has the
real playbook's structure (signals, steps, do/don't, search terms, departures, replies with
channels, variants and placeholders, a decision tree) and the same length. A small share of the
words is new (two real words spliced), so the vocabulary keeps growing with the library as a
real one does. Placeholders, punctuation, line breaks, links and handles are kept as they are,
so every reply still fits its channels, and words that would break a language's register
(style.yaml `avoid`) are never drawn. References stay valid: a synthetic playbook's tree points
at its own replies, the real playbooks and replies the original points at stay in the library,
and coverage.yaml traces each synthetic copy to the same articles as its original.

Repeatable: the same seed gives the same library. Usage on its own:

    .venv/bin/python bench/corpus.py --playbooks 100 --out /tmp/rb-100
"""

from __future__ import annotations

import argparse
import copy
import os
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

#: What a project needs to build: configuration, theme, hooks, content.
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "playbooks")
HEADER = "# yaml-language-server: $schema=../../schema/playbook.schema.json\n"
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
TOKEN = re.compile(r"\{[^{}]*\}|[^\W\d_]+(?:['’][^\W\d_]+)*")
#: Share of words replaced by a new word (the vocabulary grows with the library, as real text does).
NEW_WORD_RATE = 0.004
PREFIX = "b"


def languages_of(project: Path) -> tuple[str, ...]:
    """The site languages, default first, read as Replybook reads them."""
    sys.path.insert(0, str(project / "hooks"))
    try:
        from replybook.project import load_project
    finally:
        sys.path.pop(0)
    return load_project(project).languages


def snapshot(repo: Path, target: Path) -> Path:
    """Copy what a build needs from ``repo`` (so that edits made meanwhile do not leak into a run)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in PROJECT_PARTS:
        source = repo / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, target / name)
    return target


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100_000, default_flow_style=False)


def localized_texts(value: Any, languages: tuple[str, ...]) -> Iterator[dict[str, str]]:
    """Every per-language text mapping inside a loaded YAML document."""
    if isinstance(value, dict):
        if set(value) == set(languages) and all(isinstance(v, str) for v in value.values()):
            yield value
            return
        for item in value.values():
            yield from localized_texts(item, languages)
    elif isinstance(value, list):
        for item in value:
            yield from localized_texts(item, languages)


class Vocabulary:
    """The words of one language as the real library uses them, by length, at their frequencies."""

    def __init__(self, tokens: list[str], avoid: set[str]) -> None:
        self.by_length: dict[int, list[str]] = {}
        for token in tokens:
            if token.lower() in avoid or "http" in token.lower():
                continue
            self.by_length.setdefault(len(token), []).append(token.lower())
        self.avoid = avoid
        self.lengths = sorted(self.by_length)

    def draw(self, length: int, rng: random.Random) -> str:
        """A word of ``length`` letters (or the longest shorter one there is)."""
        candidates = [n for n in self.lengths if n <= length]
        chosen = length if length in self.by_length else (candidates[-1] if candidates else self.lengths[0])
        return rng.choice(self.by_length[chosen])

    def new_word(self, length: int, rng: random.Random) -> str:
        """A word the library never used: the start of one real word and the end of another."""
        if length < 4:
            return self.draw(length, rng)
        for _ in range(5):
            head, tail = self.draw(length, rng), self.draw(length, rng)
            cut = rng.randint(2, length - 2)
            word = head[:cut] + tail[cut - length:] if len(head) == len(tail) == length else head
            if word not in self.avoid:
                return word
        return self.draw(length, rng)


class Rewriter:
    """Rewrites text word by word in its own language; keeps everything that is not a word."""

    def __init__(self, vocabularies: dict[str, Vocabulary], rng: random.Random) -> None:
        self.vocabularies = vocabularies
        self.rng = rng

    def text(self, value: str, language: str) -> str:
        vocabulary = self.vocabularies[language]
        out: list[str] = []
        last = 0
        for match in TOKEN.finditer(value):
            token = match.group(0)
            out.append(value[last:match.start()])
            last = match.end()
            before = value[match.start() - 1] if match.start() else " "
            after = value[match.end()] if match.end() < len(value) else " "
            keep = (token.startswith("{") or before in "@#/.:_-" or after in "@/_-"
                    or (after == "." and value[match.end() + 1:match.end() + 2].isalnum())
                    or (token.isupper() and len(token) > 1))
            if keep:
                out.append(token)
                continue
            word = (vocabulary.new_word(len(token), self.rng) if self.rng.random() < NEW_WORD_RATE
                    else vocabulary.draw(len(token), self.rng))
            if len(word.encode("utf-8")) > len(token.encode("utf-8")):
                word = token  # keep byte-counted channel limits safe (Romanian diacritics)
            if token[:1].isupper():
                word = word[:1].upper() + word[1:]
            out.append(word)
        out.append(value[last:])
        return "".join(out)

    def document(self, data: Any, languages: tuple[str, ...]) -> None:
        for texts in localized_texts(data, languages):
            for language in languages:
                texts[language] = self.text(texts[language], language)


def vocabularies(library: Path, languages: tuple[str, ...]) -> dict[str, Vocabulary]:
    """Each language's words in the real scenarios, principles, cases and trees."""
    tokens: dict[str, list[str]] = {language: [] for language in languages}
    for folder in ("scenarios", "principles", "cases", "trees"):
        for path in sorted((library / folder).glob("*.yaml")):
            for texts in localized_texts(_load(path), languages):
                for language in languages:
                    tokens[language] += WORD.findall(texts[language])
    avoid: dict[str, set[str]] = {language: set() for language in languages}
    style = library / "style.yaml"
    if style.exists():
        for register in (_load(style) or {}).get("registers", []):
            avoid.setdefault(register["language"], set()).update(w.lower() for w in register.get("avoid", []))
    return {language: Vocabulary(tokens[language], avoid[language]) for language in languages}


def synthetic_playbook(model: dict[str, Any], number: int, rewriter: Rewriter,
                       languages: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, str]]:
    """A copy of ``model`` with new ids and new text; returns it and the id map (old → new)."""
    data = copy.deepcopy(model)
    suffix = f"-{PREFIX}{number:04d}"
    ids = {model["id"]: model["id"] + suffix}
    ids.update({t["id"]: t["id"] + suffix for t in data.get("templates", [])})
    data["id"] = ids[model["id"]]
    data["order"] = 1000 + number
    for template in data.get("templates", []):
        template["id"] = ids[template["id"]]
    for node in ((data.get("tree") or {}).get("nodes") or {}).values():
        for option in node.get("options", []):
            outcome = option.get("outcome") or {}
            for key in ("playbook", "template"):
                if outcome.get(key) in ids:
                    outcome[key] = ids[outcome[key]]
    rewriter.document(data, languages)
    return data, ids


def extend_coverage(coverage: dict[str, Any], copies: list[tuple[str, dict[str, str]]]) -> None:
    """Trace each synthetic copy to its original's articles.

    Wherever a point names the original (or one of its replies or steps), it names the copy too.
    """
    by_model: dict[str, list[dict[str, str]]] = {}
    for model_id, ids in copies:
        by_model.setdefault(model_id, []).append(ids)
    for point in coverage.get("points", []):
        added: list[str] = []
        for ref in point.get("covered_by", []):
            head, _, step = ref.partition("/")
            for model_id, maps in by_model.items():
                for ids in maps:
                    if step and head == model_id:
                        added.append(f"{ids[model_id]}/{step}")
                    elif not step and ref in ids:
                        added.append(ids[ref])
        point["covered_by"] = list(dict.fromkeys([*point.get("covered_by", []), *added]))


def write_library(project: Path, playbooks: int, seed: int = 7) -> list[str]:
    """Add ``playbooks`` synthetic playbooks to the library of ``project``; returns their ids."""
    languages = languages_of(project)
    library = project / "playbooks"
    models = [_load(p) for p in sorted((library / "scenarios").glob("*.yaml"))]
    models = [m for m in models if isinstance(m, dict) and m.get("kind") == "playbook"]
    if playbooks and not models:
        raise RuntimeError(f"{library / 'scenarios'} has no playbook to model synthetic ones on")
    rewriter = Rewriter(vocabularies(library, languages), random.Random(seed))
    copies: list[tuple[str, dict[str, str]]] = []
    for number in range(playbooks):
        model = models[number % len(models)]
        data, ids = synthetic_playbook(model, number, rewriter, languages)
        (library / "scenarios" / f"{data['id']}.yaml").write_text(HEADER + _dump(data), encoding="utf-8")
        copies.append((model["id"], ids))
    coverage_file = library / "coverage.yaml"
    if copies and coverage_file.exists():
        coverage = _load(coverage_file)
        extend_coverage(coverage, copies)
        coverage_file.write_text(HEADER.replace("../../", "../") + _dump(coverage), encoding="utf-8")
    return [ids[model_id] for model_id, ids in copies]


def replybook_command(project: Path) -> list[str]:
    """`replybook` running the project's own copy of the package."""
    return [sys.executable, "-m", "replybook.cli"]


def project_env(project: Path) -> dict[str, str]:
    """The environment that makes Python, MkDocs and `replybook` use the project's copy of the hooks."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project / "hooks"),
            "PYTHONDONTWRITEBYTECODE": "1"}


def confirm_translations(project: Path) -> None:
    """What a contributor does after adding content: record the new fields and confirm the translations."""
    languages = languages_of(project)
    run = [*replybook_command(project), "translations"]
    env = project_env(project)
    subprocess.run([*run, "update"], cwd=project, env=env, check=True, capture_output=True, text=True)
    confirm = [f"--lang={language}" for language in languages[1:]]
    subprocess.run([*run, "confirm", *confirm], cwd=project, env=env, check=True, capture_output=True, text=True)


def check_strict(project: Path) -> None:
    """`replybook check --strict`, raising with its report if the library does not pass."""
    found = subprocess.run([*replybook_command(project), "check", "--strict"], cwd=project, env=project_env(project),
                           capture_output=True, text=True, check=False)
    if found.returncode:
        raise RuntimeError(f"replybook check --strict failed in {project}:\n{found.stdout[-4000:]}{found.stderr}")


def make_project(repo: Path, target: Path, playbooks: int, seed: int = 7, base: Path | None = None) -> Path:
    """A complete project in ``target``, passing `check --strict`.

    ``repo``'s (or ``base``'s) site with ``playbooks`` synthetic playbooks added, and its
    translations lock updated and confirmed.
    """
    if base is not None:
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(base, target)
    else:
        snapshot(repo, target)
    write_library(target, playbooks, seed)
    confirm_translations(target)
    check_strict(target)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--playbooks", type=int, required=True, help="how many synthetic playbooks to add")
    parser.add_argument("--out", type=Path, required=True, help="the project folder to write (replaced)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    repo = Path(__file__).resolve().parent.parent
    make_project(repo, args.out, args.playbooks, args.seed)
    total = len(list((args.out / "playbooks" / "scenarios").glob("*.yaml")))
    print(f"✓ {args.out}: {total} playbooks, `replybook check --strict` passes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
