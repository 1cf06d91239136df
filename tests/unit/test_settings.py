"""The team's settings in mkdocs.yml (`extra: replybook:`): validated like content, then used everywhere."""

from __future__ import annotations

import shutil

import pytest

from replybook.build import SiteBuild
from replybook.project import Project, load_project
from replybook.settings import TeamSettings, read_settings
from tests.conftest import FIXTURES, ROOT

TEAM_LINE = "    team: {}\n"


def _project(tmp_path, replybook_block: str) -> Project:
    """The real mkdocs.yml with its `extra: replybook:` settings replaced by ``replybook_block``."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert TEAM_LINE in config and "    export: {}\n" in config
    config = config.replace(TEAM_LINE, replybook_block).replace("    export: {}\n", "", 1)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    return load_project(tmp_path)


def _line(project: Project, text: str) -> int:
    lines = (project.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith(text))


def test_valid_team_values_reach_every_reply(tmp_path, base_library, languages):
    project = _project(tmp_path, (
        "    team:\n"
        "      brand: Northwind\n"
        "      website: {en: example.com/help, uk: example.com/uk/help}\n"
        "    export:\n"
        "      zendesk_locale_ids: {en: 1, uk: 1173}\n"))
    settings, problems = read_settings(project, base_library)
    assert problems == []
    for language in languages:
        assert settings.team_value("brand", language) == "Northwind"
    assert settings.team_value("website", "uk") == "example.com/uk/help"
    assert settings.team_value("website", "en") == "example.com/help"
    assert settings.team_value("website", "ru") == ""  # given for some languages only: none for the others
    assert settings.team_value("agent_name", "en") == ""
    assert settings.export == {"zendesk_locale_ids": {"en": 1, "uk": 1173}}


def test_profile_fields_are_the_agent_and_team_placeholders(base_library):
    settings = TeamSettings(team={"brand": {"*": "Northwind"}})
    fields = {f["name"]: f for f in settings.profile_fields(base_library, "uk")}
    assert set(fields) == {"agent_name", "brand", "website"}  # `case` placeholders belong to one conversation
    assert fields["brand"] == {"name": "brand", "scope": "team", "label": "Бренд", "form": "",
                               "example": "Нордвінд", "team": "Northwind"}
    assert fields["agent_name"]["scope"] == "agent" and fields["agent_name"]["team"] == ""
    assert settings.profile_fields(None, "uk") == []


def test_unknown_setting_names_the_valid_ones(tmp_path, base_library):
    project = _project(tmp_path, "    teams:\n      brand: Northwind\n    colour: blue\n")
    _, problems = read_settings(project, base_library)
    assert [(d.file, d.line, d.field, d.message, d.hint, d.rule) for d in problems] == [
        ("mkdocs.yml", _line(project, "colour:"), "extra.replybook.colour", "unknown setting `colour`",
         "settings are `team` and `export`", "schema"),
        ("mkdocs.yml", _line(project, "teams:"), "extra.replybook.teams", "unknown setting `teams`",
         "did you mean `team`?", "schema"),
    ]


def test_team_default_only_for_team_placeholders(tmp_path, base_library):
    project = _project(tmp_path, "    team:\n      customer_name: Ann\n      brandd: Northwind\n")
    settings, problems = read_settings(project, base_library)
    assert [(d.line, d.field, d.message, d.hint) for d in problems] == [
        (_line(project, "customer_name:"), "extra.replybook.team.customer_name",
         "`customer_name` cannot have a team default", "team values: brand, website"),
        (_line(project, "brandd:"), "extra.replybook.team.brandd", "`brandd` cannot have a team default",
         "did you mean `brand`?"),
    ]
    assert settings.team == {}


def test_per_language_value_with_an_unknown_language(tmp_path, base_library, languages):
    project = _project(tmp_path, "    team:\n      brand: {en: Northwind, de: Nordwind, fr: Vent du Nord}\n")
    settings, problems = read_settings(project, base_library)
    assert [(d.field, d.message, d.hint) for d in problems] == [
        ("extra.replybook.team.brand", "unknown language de, fr", f"site languages are: {', '.join(languages)}")]
    assert settings.team_value("brand", "en") == "Northwind"


@pytest.mark.parametrize(("block", "field", "message"), [
    ("    team: [brand]\n", "extra.replybook.team", "expected a mapping of placeholder names to values"),
    ("    team:\n      brand: 5\n", "extra.replybook.team.brand", "expected text, or text per language"),
    ("    team:\n      brand: {en: [a]}\n", "extra.replybook.team.brand", "expected text, or text per language"),
    ("    export: [zendesk]\n", "extra.replybook.export", "expected a mapping"),
])
def test_wrong_shapes_are_reported(tmp_path, base_library, block, field, message):
    _, problems = read_settings(_project(tmp_path, block), base_library)
    assert [(d.field, d.message, d.rule) for d in problems] == [(field, message, "schema")]


def test_settings_problems_stop_the_build(tmp_path):
    project = _project(tmp_path, "    team:\n      customer_name: Ann\n")
    shutil.copytree(FIXTURES / "base", tmp_path / "playbooks")
    build = SiteBuild.load(project)
    assert [d.file for d in build.errors] == ["mkdocs.yml"]
    assert build.pages == {}  # nothing is rendered
    assert "`customer_name` cannot have a team default" in build.error_report()


def test_render_reports_settings_problems(tmp_path, monkeypatch, cli):
    _project(tmp_path, "    team:\n      customer_name: Ann\n")
    shutil.copytree(FIXTURES / "base", tmp_path / "playbooks")
    monkeypatch.chdir(tmp_path)
    run = cli("render", "--out", tmp_path / "out")
    assert run.code == 1 and "mkdocs.yml:" in run.out and "cannot have a team default" in run.out


def test_check_reports_settings_problems(tmp_path, monkeypatch, cli):
    project = _project(tmp_path, "    team:\n      customer_name: Ann\n")
    shutil.copytree(FIXTURES / "base", tmp_path / "playbooks")
    monkeypatch.chdir(tmp_path)
    run = cli("check")
    line = _line(project, "customer_name:")
    assert run.code == 1
    assert f"mkdocs.yml:{line}:7: extra.replybook.team.customer_name: `customer_name` cannot have a team default" \
        in run.out


def test_checking_a_draft_folder_does_not_judge_the_settings_by_it(tmp_path, monkeypatch, cli):
    _project(tmp_path, "    team:\n      brand: Northwind\n")
    shutil.copytree(FIXTURES / "base", tmp_path / "playbooks")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    shutil.copy(FIXTURES / "negative" / "sources-cited.yaml", drafts)  # valid on its own, no placeholders
    monkeypatch.chdir(tmp_path)
    assert cli("translations", "update").code == 0
    assert cli("check").code == 0
    run = cli("check", "drafts")
    assert "mkdocs.yml" not in run.out


def test_export_refuses_settings_problems(tmp_path, monkeypatch, cli):
    _project(tmp_path, "    export:\n      mapping: {zendesk: {order_nr: x}}\n")
    shutil.copytree(FIXTURES / "base", tmp_path / "playbooks")
    monkeypatch.chdir(tmp_path)
    run = cli("export", "--format", "zendesk", "--out", tmp_path / "out")
    assert run.code == 1 and "unknown placeholder `order_nr`" in run.out and not (tmp_path / "out").exists()


# -- export settings -----------------------------------------------------------------------------


def test_valid_export_settings_reach_the_exports(tmp_path, base_library):
    project = _project(tmp_path, (
        "    export:\n"
        "      mapping: {zendesk: {customer_name: \"{{ticket.requester.first_name}}\"}, front: {brand: null}}\n"
        "      zendesk_locale_ids: {en: 1, uk: 1173}\n"))
    settings, problems = read_settings(project, base_library)
    assert problems == []
    assert settings.export == {"mapping": {"zendesk": {"customer_name": "{{ticket.requester.first_name}}"},
                                           "front": {"brand": None}},
                               "zendesk_locale_ids": {"en": 1, "uk": 1173}}


def test_export_settings_problems_name_the_choices(tmp_path, base_library, languages):
    project = _project(tmp_path, (
        "    export:\n"
        "      maping: {}\n"
        "      mapping:\n"
        "        zendsk: {brand: x}\n"
        "        front: {brnd: x, customer_name: 5}\n"
        "        gorgias: [brand]\n"
        "      zendesk_locale_ids: {en: one, de: 2}\n"))
    settings, problems = read_settings(project, base_library)
    found = {(d.field, d.message, d.hint) for d in problems}
    assert found == {
        ("extra.replybook.export.maping", "unknown export setting `maping`", "did you mean `mapping`?"),
        ("extra.replybook.export.mapping.zendsk", "unknown helpdesk `zendsk`", "did you mean `zendesk`?"),
        ("extra.replybook.export.mapping.front.brnd", "unknown placeholder `brnd`", "did you mean `brand`?"),
        ("extra.replybook.export.mapping.front.customer_name", "expected the tool's variable as text, or null",
         'e.g. `"{{ticket.external_id}}"`; null keeps the placeholder visible'),
        ("extra.replybook.export.mapping.gorgias", "expected placeholder names mapped to the tool's variables",
         'e.g. `order_number: "{{ticket.external_id}}"`, or `null` to keep it visible'),
        ("extra.replybook.export.zendesk_locale_ids.en", "expected a Zendesk locale id (a number)",
         "Zendesk's `GET /api/v2/locales` lists the ids of your account's languages"),
        ("extra.replybook.export.zendesk_locale_ids.de", "unknown language `de`",
         f"site languages are: {', '.join(languages)}"),
    }
    assert all(d.file == "mkdocs.yml" and d.rule == "schema" for d in problems)
    assert settings.export == {}  # nothing wrong is passed on


def test_settings_problems_point_at_the_key(tmp_path, base_library):
    project = _project(tmp_path, "    export:\n      mapping: {zendesk: {brand: x, brnd: y}}\n")
    _, [problem] = read_settings(project, base_library)
    text = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert text[problem.column - 1:].startswith("brnd:")


def test_team_values_are_prefilled_in_the_cards(tmp_path):
    project = _project(tmp_path, "    team:\n      brand: Northwind\n      website: {uk: example.com/uk}\n")
    shutil.copytree(FIXTURES / "base", tmp_path / "playbooks")
    build = SiteBuild.load(project)
    assert build.errors == []
    page = build.content_for("playbooks/angry-post.uk.md")
    assert '"brand":{"label":"Бренд","example":"Нордвінд","scope":"team","form":"","team":"Northwind"}' in page
    assert '"team":"example.com/uk"' in page
    profile = {f["name"]: f["team"] for f in build.theme_context("uk")["profile"]}
    assert profile == {"agent_name": "", "brand": "Northwind", "website": "example.com/uk"}


def test_project_settings_come_from_mkdocs_yml(tmp_path, project):
    assert project.settings == {"team": {}, "export": {}}
    custom = _project(tmp_path, "    team:\n      brand: X\n")
    assert custom.settings == {"team": {"brand": "X"}}
    assert custom.languages == project.languages
