"""Property: whatever bytes a contributor saves, loading returns problems or a model, never raises."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replybook.library import check_document, load_library
from replybook.project import load_project
from replybook.yaml_source import SourceFile, parse_source
from tests.conftest import FIXTURES, ROOT

BASE_FILES = sorted((FIXTURES / "base").glob("*.yaml"))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LANGUAGES = load_project(ROOT).languages
#: Base files that define ids other base files name (removing one leaves a dangling reference).
REFERENCED = {"sources.yaml", "placeholders.yaml", "channels.yaml", "principle.yaml", "playbook.yaml",
              "quiet-praise.yaml", "triage.yaml"}

yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


def _check_bytes(raw: bytes) -> None:
    source, problems = parse_source(raw, SourceFile(Path("x.yaml"), "x.yaml"))
    if source.data is not None and not problems:
        document, problems = check_document(source, LANGUAGES)
        assert document is not None or problems
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message


@SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes(raw):
    _check_bytes(raw)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("kind:playbook id-\n -[]{}\"'#&*!|>%@`\t,?ыї")), max_size=200))
def test_yaml_looking_text(text):
    _check_bytes(text.encode("utf-8"))


@SETTINGS
@given(yaml_values)
def test_arbitrary_structures(value):
    _check_bytes(yaml.safe_dump(value, allow_unicode=True).encode("utf-8"))


@SETTINGS
@given(st.sampled_from(BASE_FILES), st.data())
def test_mutated_real_files(path, data):
    """Delete, duplicate or garble one line of a valid file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    index = data.draw(st.integers(0, len(lines) - 1))
    action = data.draw(st.sampled_from(["delete", "duplicate", "garble", "dedent"]))
    if action == "delete":
        del lines[index]
    elif action == "duplicate":
        lines.insert(index, lines[index])
    elif action == "garble":
        lines[index] = data.draw(st.text(max_size=30))
    else:
        lines[index] = lines[index].lstrip()
    _check_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))


def test_mutations_of_the_whole_library_are_reported_not_raised(tmp_path):
    """Removing any one base file leaves dangling links: reported as problems."""
    for removed in BASE_FILES:
        folder = tmp_path / removed.stem
        folder.mkdir()
        for path in BASE_FILES:
            if path != removed:
                (folder / path.name).write_bytes(path.read_bytes())
        result = load_library([folder], LANGUAGES, base=folder)
        linked_to = removed.name in REFERENCED
        assert bool(result.errors) == linked_to, f"removing {removed.name}: {result.errors}"
        assert all(d.rule == "unknown-reference" for d in result.errors)
