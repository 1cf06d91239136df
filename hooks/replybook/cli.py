"""The `replybook` command: check content, report stats, scaffold new files.

Exit codes are part of the public interface: 0 valid, 1 content problems,
2 usage or project problems (no mkdocs.yml, unreadable paths).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .diagnostics import Diagnostic, Level
from .json_schema import SCHEMA_PATH, render_schema
from .library import LoadResult, load_library, translation_counts, yaml_files
from .project import Project, ProjectError, load_project

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _within(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def load_for_paths(project: Project, paths: list[Path]) -> tuple[LoadResult, set[str] | None]:
    """Load what ``paths`` need; returns the files to report on (None: all).

    Paths inside playbooks/ are checked in the context of the whole library, so
    that links to other files resolve; other paths form a library of their own.
    """
    if not paths:
        paths = [project.playbooks_dir]
    inside = [p for p in paths if _within(p, project.playbooks_dir)]
    outside = [p for p in paths if p not in inside]
    roots = ([project.playbooks_dir] if inside else []) + outside
    result = load_library(roots, project.languages, base=Path.cwd())
    wanted = None
    if inside and not any(p.resolve() == project.playbooks_dir.resolve() for p in inside):
        cwd = Path.cwd().resolve()
        wanted = {_relative(p, cwd) for p in yaml_files(inside)} | {_relative(p, cwd) for p in yaml_files(outside)}
    return result, wanted


def _relative(path: Path, cwd: Path) -> str:
    try:
        return path.resolve().relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()


def _print(diagnostics: list[Diagnostic], fmt: str) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.github() if fmt == "github" else diagnostic.text())


def command_check(project: Project, args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"replybook: no such file or folder: {', '.join(map(str, missing))}", file=sys.stderr)
        return EXIT_USAGE
    result, wanted = load_for_paths(project, args.paths)
    shown = [d for d in result.diagnostics if wanted is None or d.file in wanted]
    _print(shown, args.format)
    errors = sum(d.level is Level.error for d in shown)
    warnings = len(shown) - errors
    failing = errors + (warnings if args.strict else 0)
    files = len(wanted) if wanted is not None else len(yaml_files(args.paths or [project.playbooks_dir]))
    if failing:
        print(f"✗ {errors} error(s), {warnings} warning(s) in {files} file(s)", file=sys.stderr)
        return EXIT_INVALID
    note = f", {warnings} warning(s)" if warnings else ""
    print(f"✓ {files} file(s) valid{note}")
    return EXIT_OK


def command_stats(project: Project, args: argparse.Namespace) -> int:
    result = load_library([project.playbooks_dir], project.languages, base=Path.cwd())
    counts = {"principles": 0, "playbooks": 0, "trees": 0, "templates": 0, "case_studies": 0}
    for item in result.documents:
        kind = getattr(item.document, "kind", "")
        if kind == "principle":
            counts["principles"] += 1
        elif kind == "playbook":
            counts["playbooks"] += 1
            counts["templates"] += len(item.document.templates)  # type: ignore[attr-defined]
            counts["trees"] += item.document.tree is not None  # type: ignore[attr-defined]
        elif kind == "tree":
            counts["trees"] += 1
        elif kind == "case":
            counts["case_studies"] += 1
    translated = {
        language: {"translated": done, "total": total, "share": round(done / total, 4) if total else 1.0}
        for language, (done, total) in translation_counts(result.documents, project.languages).items()
    }
    report = {"counts": counts, "languages": translated, "errors": len(result.errors),
              "warnings": len(result.warnings)}
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for kind, number in counts.items():
            print(f"{kind:>13}: {number}")
        for language, row in translated.items():
            print(f"{language:>13}: {row['share']:.1%} of {row['total']} fields translated")
    return EXIT_OK


def command_schema(project: Project, args: argparse.Namespace) -> int:
    target = project.root / SCHEMA_PATH
    fresh = render_schema(project.languages)
    if args.write:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(fresh, encoding="utf-8")
        print(f"wrote {SCHEMA_PATH}")
        return EXIT_OK
    if not target.exists() or target.read_text(encoding="utf-8") != fresh:
        print(f"{SCHEMA_PATH} is out of date: run `replybook schema --write`", file=sys.stderr)
        return EXIT_INVALID
    print(f"✓ {SCHEMA_PATH} is up to date")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="replybook", description="Check and scaffold Replybook playbooks.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate playbook files (default: playbooks/)")
    check.add_argument("paths", nargs="*", type=Path, help="files or folders to check")
    check.add_argument("--strict", action="store_true", help="treat warnings (untranslated text) as errors")
    check.add_argument("--format", choices=["text", "github"], default="text",
                       help="`github` prints annotations for GitHub Actions")
    check.set_defaults(handler=command_check)
    stats = commands.add_parser("stats", help="count entries and translated fields")
    stats.add_argument("--json", action="store_true", help="print machine-readable JSON")
    stats.set_defaults(handler=command_stats)
    schema = commands.add_parser("schema", help="check (or --write) the editor JSON Schema")
    schema.add_argument("--write", action="store_true", help="regenerate schema/playbook.schema.json")
    schema.set_defaults(handler=command_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        project = load_project()
        return int(args.handler(project, args))
    except ProjectError as exc:
        print(f"replybook: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
