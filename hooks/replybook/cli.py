"""The `replybook` command: check content, report stats, scaffold, render, export.

Exit codes are part of the public interface: 0 valid, 1 content problems, 2 usage or project
problems (no mkdocs.yml, unreadable paths, unknown choices), 3 a bug in Replybook itself.
`--traceback` (or REPLYBOOK_TRACEBACK=1) shows the traceback of such a bug.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path

from .diagnostics import REPORTERS, Diagnostic, Level
from .json_schema import SCHEMA_PATH, render_schema
from .library import COLLECTIONS, LoadResult, load_library, translation_counts, yaml_files
from .model import ChannelList, Playbook
from .project import Project, ProjectError, find_root, load_project
from .rulebook import RULES, report_order
from .rulebook import TRANSLATIONS_LOCK as LOCK_RULE
from .scaffold import DEFAULT_CHANNELS, ScaffoldError, new_document, new_template
from .translations import LOCK_NAME, TranslationLock, stale_diagnostics

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(Exception):
    """The command line asks for something that does not exist; the message lists the choices."""


def _within(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _relative(path: Path, cwd: Path) -> str:
    try:
        return path.resolve().relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()


def load_for_paths(project: Project, paths: list[Path]) -> tuple[LoadResult, set[Path] | None]:
    """Load what ``paths`` need; returns the files to report on, resolved (None: all).

    Paths inside playbooks/ are checked in the context of the whole library, so that links to
    other files resolve; other paths form a library of their own.
    """
    if not paths:
        paths = [project.playbooks_dir]
    inside = [p for p in paths if _within(p, project.playbooks_dir)]
    outside = [p for p in paths if p not in inside]
    roots = ([project.playbooks_dir] if inside else []) + outside
    result = load_library(roots, project.languages, base=Path.cwd())
    wanted = None
    if inside and not any(p.resolve() == project.playbooks_dir.resolve() for p in inside):
        wanted = {p.resolve() for p in yaml_files(inside)} | {p.resolve() for p in yaml_files(outside)}
    return result, wanted


def _reported(display: str) -> Path:
    """The file a diagnostic names (relative to the working directory, or absolute)."""
    return (Path.cwd() / display).resolve()


def _translation_diagnostics(project: Project, result: LoadResult, strict: bool) -> list[Diagnostic]:
    """Stale translations, an unreadable lock, and a reminder when the lock misses new fields."""
    items = [i for i in result.documents if _within(i.source.path, project.playbooks_dir)]
    if not items:
        return []
    lock = TranslationLock.read(project.playbooks_dir)
    display = _relative(lock.path, Path.cwd().resolve())
    if lock.problem:
        return [LOCK_RULE.in_file(display, 1, 1, lock.problem,
                                  "delete the file and run `replybook translations update` to record every "
                                  "translation afresh (translators then confirm what changed)")]
    found = stale_diagnostics(lock.stale(items, project.playbooks_dir, project.languages), as_errors=strict)
    if not lock.is_current(items, project.playbooks_dir, project.languages):
        found.append(LOCK_RULE.in_file(display, 1, 1, "the translations lock does not match the playbooks",
                                       "run `replybook translations update` and commit the lock file",
                                       level=Level.error if strict else Level.warning))
    return found


def command_check(project: Project, args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(map(str, missing))}")
    result, wanted = load_for_paths(project, args.paths)
    diagnostics = result.diagnostics
    if not result.errors:
        diagnostics = diagnostics + _translation_diagnostics(project, result, args.strict)
        whole = not args.paths or any(p.resolve() == project.playbooks_dir.resolve() for p in args.paths)
        if whole:  # the project's own library: also the team settings in mkdocs.yml
            from .settings import read_settings
            diagnostics = diagnostics + read_settings(project, result.library)[1]
    lock_file = (project.playbooks_dir / LOCK_NAME).resolve()
    shown = sorted((d for d in diagnostics if wanted is None or _reported(d.file) in wanted
                    or _reported(d.file) == lock_file), key=report_order)
    sys.stdout.write(REPORTERS[args.format](shown))
    errors = sum(d.level is Level.error for d in shown)
    warnings = len(shown) - errors
    failing = errors + (warnings if args.strict else 0)
    files = len(wanted) if wanted is not None else len(yaml_files(args.paths or [project.playbooks_dir]))
    if failing:
        print(f"✗ {errors} error(s), {warnings} warning(s) in {files} file(s)", file=sys.stderr)
        return EXIT_INVALID
    note = f", {warnings} warning(s)" if warnings else ""
    print(f"✓ {files} file(s) valid{note}", file=sys.stderr if args.format == "json" else sys.stdout)
    return EXIT_OK


def command_rules(project: Project, args: argparse.Namespace) -> int:
    rows = [{"id": r.id, "stage": r.stage.name, "level": r.level.value, "summary": r.summary} for r in RULES.values()]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for row in rows:
            print(f"{row['id']:<20} {row['level']:<8} {row['summary']}")
    return EXIT_OK


def command_stats(project: Project, args: argparse.Namespace) -> int:
    result = load_library([project.playbooks_dir], project.languages, base=Path.cwd())
    counts = {"principles": 0, "playbooks": 0, "trees": 0, "templates": 0, "case_studies": 0}
    names = {"principles": "principles", "playbooks": "playbooks", "trees": "trees", "cases": "case_studies"}
    for item in result.documents:
        collection = COLLECTIONS.get(type(item.document))  # type: ignore[arg-type]
        if collection is None:
            continue
        counts[names[collection]] += 1
        if isinstance(item.document, Playbook):
            counts["templates"] += len(item.document.templates)
            counts["trees"] += item.document.tree is not None
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


def command_new(project: Project, args: argparse.Namespace) -> int:
    try:
        loaded = load_library([project.playbooks_dir], project.languages)
        playbooks = sorted((item for item in loaded.documents if isinstance(item.document, Playbook)),
                           key=lambda item: item.document.id)  # type: ignore[attr-defined]
        # a new reply names channels this project has: its first three public ones
        defined = [c for item in loaded.documents if isinstance(item.document, ChannelList)
                   for c in item.document.channels]
        channels = tuple(c.id for c in [*[c for c in defined if c.public], *defined][:3]) or DEFAULT_CHANNELS
        channels = tuple(dict.fromkeys(channels))
        if args.kind == "template":
            if not args.playbook:
                raise ScaffoldError("a template belongs to a playbook: add --playbook PLAYBOOK-ID")
            files = [item.source.path for item in playbooks if item.document.id == args.playbook]  # type: ignore[attr-defined]
            if not files:
                known = ", ".join(item.document.id for item in playbooks) or "none yet"  # type: ignore[attr-defined]
                raise ScaffoldError(f"no playbook with id `{args.playbook}` in {project.playbooks_dir} "
                                    f"(playbooks: {known})")
            target = new_template(args.id, files[0], project.languages, channels)
        else:
            example = playbooks[0].document.id if playbooks else None  # type: ignore[attr-defined]
            target = new_document(args.kind, args.id, project.playbooks_dir, project.languages,
                                  example_playbook=example, channels=channels)
    except ScaffoldError as exc:
        raise UsageError(str(exc)) from exc
    shown = _relative(target, Path.cwd().resolve())
    print(f"wrote {shown}: replace each TODO, then run `replybook check {shown}`")
    return EXIT_OK


def command_translations(project: Project, args: argparse.Namespace) -> int:
    result = load_library([project.playbooks_dir], project.languages, base=Path.cwd())
    if result.errors:
        sys.stdout.write(REPORTERS["text"](result.errors))
        print("✗ fix these errors first", file=sys.stderr)
        return EXIT_INVALID
    lock = TranslationLock.read(project.playbooks_dir)
    if lock.problem and args.action == "confirm":
        print(f"replybook: {_relative(lock.path, Path.cwd().resolve())} {lock.problem}: run "
              "`replybook translations update` first", file=sys.stderr)
        return EXIT_INVALID
    confirm = None
    only = None
    if args.action == "confirm":
        unknown = set(args.lang) - set(project.languages[1:])
        if unknown or not args.lang:
            raise UsageError(f"--lang must be one of {', '.join(project.languages[1:])}")
        confirm = set(args.lang)
        if args.paths:
            only = {TranslationLock.file_key(item, project.playbooks_dir) for item in result.documents
                    if any(item.source.path.resolve() == p.resolve() or _within(item.source.path, p)
                           for p in args.paths)}
    changed = lock.update(result.documents, project.playbooks_dir, project.languages, confirm=confirm,
                          only_files=only)
    lock.write()
    print(f"✓ {_relative(lock.path, Path.cwd().resolve())}: {changed} change(s)")
    return EXIT_OK


def command_render(project: Project, args: argparse.Namespace) -> int:
    from .build import SiteBuild

    unknown = [lang for lang in args.lang if lang not in project.languages]
    if unknown:
        raise UsageError(f"unknown language {', '.join(unknown)}: choose from {', '.join(project.languages)}")
    build = SiteBuild.load(project)
    if build.errors:
        sys.stdout.write(REPORTERS["text"](build.errors))
        print("✗ nothing rendered: fix these errors first", file=sys.stderr)
        return EXIT_INVALID
    written = build.write_markdown(args.out, tuple(args.lang) or None)
    print(f"✓ wrote {len(written)} page(s) to {args.out}")
    return EXIT_OK


def command_export(project: Project, args: argparse.Namespace) -> int:
    from .build import SiteBuild
    from .export import ExportError
    from .exports_site import export_files

    languages = args.lang or list(project.languages)
    unknown = [lang for lang in languages if lang not in project.languages]
    if unknown:
        raise UsageError(f"unknown language {', '.join(unknown)}: choose from {', '.join(project.languages)}")
    build = SiteBuild.load(project)
    if build.errors or build.library is None:
        sys.stdout.write(REPORTERS["text"](build.errors))
        print("✗ nothing exported: fix these errors first", file=sys.stderr)
        return EXIT_INVALID
    try:
        files = export_files(build.library, build.settings, args.format, languages)
    except ExportError as exc:
        raise UsageError(str(exc)) from exc
    for path, content in files.items():
        target = args.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    print(f"✓ wrote {len(files)} file(s) to {args.out}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    from .export import FORMAT_DESCRIPTIONS, FORMATS

    parser = argparse.ArgumentParser(prog="replybook",
                                     description="Check, scaffold, render and export Replybook playbooks.")
    parser.add_argument("--traceback", action="store_true",
                        help="show the traceback of an internal error (also: REPLYBOOK_TRACEBACK=1)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate playbook files (default: playbooks/)")
    check.add_argument("paths", nargs="*", type=Path, help="files or folders to check")
    check.add_argument("--strict", action="store_true", help="treat warnings (untranslated text) as errors")
    check.add_argument("--format", choices=sorted(REPORTERS), default="text",
                       help="text (default), github (annotations for GitHub Actions) or json")
    check.set_defaults(handler=command_check)
    rules = commands.add_parser("rules", help="list the rules `check` applies, with their ids")
    rules.add_argument("--json", action="store_true", help="print machine-readable JSON")
    rules.set_defaults(handler=command_rules)
    stats = commands.add_parser("stats", help="count entries and translated fields")
    stats.add_argument("--json", action="store_true", help="print machine-readable JSON")
    stats.set_defaults(handler=command_stats)
    schema = commands.add_parser("schema", help="check (or --write) the editor JSON Schema")
    schema.add_argument("--write", action="store_true", help="regenerate schema/playbook.schema.json")
    schema.set_defaults(handler=command_schema)
    new = commands.add_parser("new", help="write a skeleton with every language marked TODO")
    new.add_argument("kind", choices=["playbook", "template", "tree", "principle", "case"])
    new.add_argument("id", help="kebab-case id, e.g. late-delivery")
    new.add_argument("--playbook", help="for a template: the id of the playbook it belongs to")
    new.set_defaults(handler=command_new)
    translations = commands.add_parser("translations", help="maintain the stale-translation lock")
    translations.add_argument("action", choices=["update", "confirm"],
                              help="update: record new fields; confirm: accept translations after review")
    translations.add_argument("paths", nargs="*", type=Path, help="with confirm: only these files or folders")
    translations.add_argument("--lang", action="append", default=[], help="with confirm: the reviewed language")
    translations.set_defaults(handler=command_translations)
    render = commands.add_parser("render", help="write the generated pages as Markdown, without MkDocs")
    render.add_argument("--out", type=Path, required=True, help="folder to write to (suffix structure: page.ru.md)")
    render.add_argument("--lang", action="append", default=[], help="only this language (repeatable)")
    render.set_defaults(handler=command_render)
    export = commands.add_parser(
        "export", help="write the replies for helpdesks and spreadsheets",
        description="Formats: " + "; ".join(f"{name}: {FORMAT_DESCRIPTIONS[name]}" for name in FORMATS),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    export.add_argument("--format", action="append", choices=FORMATS, required=True,
                        help="json, csv, zendesk, front, gorgias or helpscout (repeatable)")
    export.add_argument("--lang", action="append", default=[], help="only this language (repeatable)")
    export.add_argument("--out", type=Path, default=Path("exports"), help="folder to write to (default: exports/)")
    export.set_defaults(handler=command_export)
    return parser


def _project_for(args: argparse.Namespace) -> Project:
    """The project above the paths a command names, else above the working directory."""
    paths = [p for p in getattr(args, "paths", []) if p.exists()]
    if paths:
        try:
            find_root(paths[0])
        except ProjectError:  # a draft outside any project (e.g. /tmp/draft.yaml): checked in the current one
            return load_project(None)
        return load_project(paths[0])
    return load_project(None)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:  # paths given after an option, as in `confirm --lang uk FILE`
        if hasattr(args, "paths") and not any(e.startswith("-") for e in extra):
            args.paths += [Path(e) for e in extra]
        else:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
    show_traceback = args.traceback or os.environ.get("REPLYBOOK_TRACEBACK", "") not in ("", "0")
    try:
        project = _project_for(args)
        return int(args.handler(project, args))
    except (ProjectError, UsageError) as exc:
        print(f"replybook: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:  # a bug in Replybook: one clear line, and the traceback on request
        if show_traceback:
            traceback.print_exc()
        print(f"replybook: internal error ({type(exc).__name__}: {exc}). This is a bug in Replybook, "
              "not in your files: please report it with the command you ran"
              + ("." if show_traceback else " and the output of the same command with --traceback."),
              file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
