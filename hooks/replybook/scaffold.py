"""`replybook new`: write a valid skeleton with every language present, marked TODO.

`check` reports each TODO as "not written yet" / "not translated yet" until it is
replaced, so a contributor can scaffold, fill what they know, and read exactly
what is left.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import ID_PATTERN

KIND_FOLDERS = {"playbook": "scenarios", "tree": "trees", "principle": "principles", "case": "cases"}
_ID = re.compile(ID_PATTERN)


class ScaffoldError(Exception):
    """The skeleton cannot be written (bad id, file exists, unknown playbook)."""


def localized(languages: tuple[str, ...], what: str, indent: int) -> str:
    """A LocalizedText block: the source language asks to be written, the others translated."""
    pad = " " * indent
    lines = [f'{pad}{languages[0]}: "TODO: {what}"']
    lines += [f'{pad}{language}: "TODO: translate"' for language in languages[1:]]
    return "\n".join(lines)


def _header(kind: str, ident: str) -> str:
    return (f"# yaml-language-server: $schema=../../schema/playbook.schema.json\n"
            f"# New {kind}: replace every TODO, then run `replybook check` to see what is left.\n"
            f"kind: {kind}\nid: {ident}\n")


#: The channels a new reply names when the project does not say (the real library has them).
DEFAULT_CHANNELS = ("x", "threads", "bluesky")


def playbook_skeleton(ident: str, languages: tuple[str, ...], channels: tuple[str, ...] = DEFAULT_CHANNELS) -> str:
    t = lambda what, indent=2: localized(languages, what, indent)  # noqa: E731 - a short local alias
    return (_header("playbook", ident) + f"""order: 100
title:
{t("the situation in a few words")}
search:             # words people type for this situation, comma-separated
{t("synonyms, slang, platform names")}
summary:
{t("what to do, in one or two sentences")}
signals:            # how a reader recognises the situation
  -
{t("a sign of this situation", 4)}
severity: medium    # low | medium | high | critical
first_response: 1h  # target time to the first public answer: 15m, 1h, 1d
resolution: 1d      # target time to a resolution or a clear next step
owner:
{t("who answers (a role)")}
steps:
  - id: first-step
    text:
{t("the first thing to do", 6)}
do:
  -
{t("something to do", 4)}
dont:
  -
{t("something to avoid", 4)}
principles: []      # ids from playbooks/principles/
sources: []         # ids from playbooks/sources.yaml (the article's file name)
templates:
{template_skeleton(ident + "-reply", languages, channels)}""")


def template_skeleton(ident: str, languages: tuple[str, ...], channels: tuple[str, ...] = DEFAULT_CHANNELS) -> str:
    t = lambda what, indent: localized(languages, what, indent)  # noqa: E731 - a short local alias
    return f"""  - id: {ident}
    title:
{t("what this reply is for", 6)}
    channels: [{", ".join(channels)}]   # ids from playbooks/channels.yaml; the text must fit each of them
    placeholders: []          # e.g. [issue, agent_name]; write them as {{issue}} in the text
    search:
{t("words people type for this reply, comma-separated", 6)}
    text:
{t("the reply", 6)}
"""


def tree_skeleton(ident: str, languages: tuple[str, ...], playbook: str) -> str:
    t = lambda what, indent: localized(languages, what, indent)  # noqa: E731 - a short local alias
    return (_header("tree", ident) + f"""order: 100
title:
{t("the question this tree answers", 2)}
search:             # words people type for this tree, comma-separated
{t("synonyms, slang", 2)}
summary:
{t("when to use it", 2)}
sources: []
start: first-question
nodes:
  first-question:
    question:
{t("a yes/no question", 6)}
    options:
      - label:
{t("an answer", 10)}
        outcome:
          playbook: {playbook}   # the playbook this answer leads to
      - label:
{t("another answer", 10)}
        outcome:
          playbook: {playbook}
""")


def principle_skeleton(ident: str, languages: tuple[str, ...]) -> str:
    t = lambda what, indent=2: localized(languages, what, indent)  # noqa: E731 - a short local alias
    return (_header("principle", ident) + f"""order: 100
title:
{t("the principle in a few words")}
search:             # words people type for this principle, comma-separated
{t("synonyms, slang, questions people ask")}
statement:
{t("the principle in one sentence")}
why:
{t("why it matters")}
practice:
  -
{t("how it looks in practice", 4)}
sources: []
""")


def case_skeleton(ident: str, languages: tuple[str, ...]) -> str:
    t = lambda what, indent=2: localized(languages, what, indent)  # noqa: E731 - a short local alias
    return (_header("case", ident) + f"""order: 100
title:
{t("brand and what happened, in a few words")}
search:             # words people type for this case, comma-separated
{t("the brand, the platform, what people call the story")}
summary:
{t("the story in one sentence")}
what_happened:
  -
{t("what happened", 4)}
lessons:
  -
{t("what to take from it", 4)}
principles: []
sources: []
""")


SKELETONS = {"playbook": playbook_skeleton, "principle": principle_skeleton, "case": case_skeleton}


def _check_id(ident: str) -> None:
    if not _ID.match(ident):
        raise ScaffoldError(f"`{ident}` is not a valid id: use kebab-case, e.g. `late-delivery`")


def new_document(kind: str, ident: str, playbooks_dir: Path, languages: tuple[str, ...],
                 example_playbook: str | None = None, channels: tuple[str, ...] = DEFAULT_CHANNELS) -> Path:
    """Write a new file for ``kind``; returns its path."""
    _check_id(ident)
    target = playbooks_dir / KIND_FOLDERS[kind] / f"{ident}.yaml"
    if target.exists():
        raise ScaffoldError(f"{target} already exists")
    target.parent.mkdir(parents=True, exist_ok=True)
    if kind == "tree":
        if example_playbook is None:
            raise ScaffoldError("a tree leads to playbooks, and there is none yet: "
                                "create one first with `replybook new playbook ID`")
        text = tree_skeleton(ident, languages, example_playbook)
    elif kind == "playbook":
        text = playbook_skeleton(ident, languages, channels)
    else:
        text = SKELETONS[kind](ident, languages)
    target.write_text(text, encoding="utf-8")
    return target


def new_template(ident: str, playbook_file: Path, languages: tuple[str, ...],
                 channels: tuple[str, ...] = DEFAULT_CHANNELS) -> Path:
    """Append a template skeleton to a playbook's `templates:` list."""
    _check_id(ident)
    if not playbook_file.is_file():
        raise ScaffoldError(f"no playbook file {playbook_file}")
    lines = playbook_file.read_text(encoding="utf-8").splitlines(keepends=True)
    snippet = template_skeleton(ident, languages, channels)
    start = next((i for i, line in enumerate(lines) if re.match(r"^templates:\s*(#.*)?$", line)), None)
    if start is None:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        lines += ["templates:\n", snippet]
    else:
        end = next((i for i in range(start + 1, len(lines)) if re.match(r"^[^\s#]", lines[i])), len(lines))
        if end and not lines[end - 1].endswith("\n"):
            lines[end - 1] += "\n"
        lines[end:end] = [snippet]
    playbook_file.write_text("".join(lines), encoding="utf-8")
    return playbook_file
