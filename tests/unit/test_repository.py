"""Repository conventions contributors rely on: valid workflows, hooks and templates."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT


def test_github_workflows_are_valid():
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert workflows
    run = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                          *map(str, workflows)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_ci_workflow_runs_the_readme_test_command_and_uploads_the_site():
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    steps = ci["jobs"]["test"]["steps"]
    commands = " ".join(step.get("run", "") for step in steps)
    assert ".ci/run" in commands and "mkdocs build --strict" in commands
    assert any("upload-artifact" in step.get("uses", "") for step in steps)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_pre_commit_runs_check_ruff_and_schema():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    ids = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert {"replybook-check", "replybook-schema", "ruff"} <= ids


def test_every_playbook_file_points_editors_to_the_schema():
    for path in Path(ROOT / "playbooks").rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target == (ROOT / "schema" / "playbook.schema.json").resolve(), path


def _needs(jobs: dict, name: str) -> set[str]:
    """Every job ``name`` waits for, directly or through others."""
    direct = jobs[name].get("needs") or []
    direct = [direct] if isinstance(direct, str) else direct
    found = set(direct)
    for other in direct:
        found |= _needs(jobs, other)
    return found


def test_deploy_publishes_only_after_the_ci_checks_and_a_strict_build():
    deploy = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    jobs = deploy["jobs"]
    runs = {name: " ".join(step.get("run", "") for step in job.get("steps", [])) for name, job in jobs.items()}
    publishing = [name for name, job in jobs.items()
                  if any("deploy-pages" in step.get("uses", "") for step in job.get("steps", []))]
    assert publishing
    for name in publishing:
        before = _needs(jobs, name)
        assert any(".ci/run" in runs[job] and "CI=true" in runs[job] for job in before), "CI checks before deploy"
        assert any("mkdocs build --strict" in runs[job] for job in before), "a strict build before deploy"


def test_every_test_file_is_collected():
    """pytest skips some folder names (e.g. `build`) by default: every test_*.py must really run."""
    files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "tests").rglob("test_*.py")
             if "node_modules" not in p.parts}
    run = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                         cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    collected = {line.split("::", 1)[0] for line in run.stdout.splitlines() if "::" in line}
    assert files - collected == set(), "test files pytest never collects"


def test_make_serve_previews_one_language_fast_and_shows_unfinished_work():
    """`make serve` previews one language, page by page, and shows unfinished work.

    One language (SITE_LANG, English by default, `all` for five), rebuilt page by page
    (--dirty), and entries still marked TODO shown rather than refused (--no-strict).
    """
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    serve = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "mkdocs serve" in serve and "--dirty" in serve and "--no-strict" in serve
    assert "REPLYBOOK_PREVIEW_LANG=$(SITE_LANG)" in serve and "filter all,$(SITE_LANG)" in serve
    assert "SITE_LANG ?= en" in makefile
    mkdocs_yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "build_only_locale: !ENV [REPLYBOOK_PREVIEW_LANG, null]" in mkdocs_yml
    bench = (ROOT / "bench" / "run.py").read_text(encoding="utf-8")  # the benchmark times what `make serve` runs
    flags = re.search(r"SERVE_FLAGS = \(([^)]*)\)", bench)
    assert flags and all(f'"{flag}"' in flags.group(1) for flag in ("--dirty", "--no-strict")), "bench/run.py"
