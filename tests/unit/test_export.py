"""The export engine: schemas, completeness, texts, placeholders, stability and errors."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from replybook.export import FORMATS, TOOLS, Channel, ExportError, Placeholder, Reply, export
from replybook.export.mapping import resolve
from replybook.export.neutral import CSV_COLUMNS
from tests.conftest import ROOT

SCHEMA_DIR = ROOT / "schema" / "export"
VENDOR_SCHEMAS = {tool: SCHEMA_DIR / "vendors" / f"{tool}.schema.json" for tool in TOOLS}
TEAM = {"brand": "Northwind", "phone": "+1 555 0100", "website": "example.com"}
LOCALE_IDS = {"en": 1, "ru": 27, "uk": 1173}

# --- synthetic records -------------------------------------------------------------------


def _ph(name: str, label: str, example: str, *, form: str | None = None, team: bool = False) -> Placeholder:
    return Placeholder(name=name, label=label, example=example, form=form, team_default=team)


X = Channel("x", "X", 280, "x-weighted", True)
FB_EN = Channel("facebook-comment", "Facebook comment", 8000, "characters", False)
EMAIL_EN = Channel("email", "Email", None, "characters", True)
GOOGLE_UK = Channel("google-review-reply", "Відповідь на відгук Google", 4096, "utf8-bytes", True)
X_UK = Channel("x", "X", 280, "x-weighted", True)
X_RU = Channel("x", "X", 280, "x-weighted", True)

EN_CUSTOMER = _ph("customer_name", "Customer name", "Anna")
EN_BRAND = _ph("brand", "Brand name", "Northwind", team=True)
EN_ORDER = _ph("order_number", "Order number", "A-100734")
EN_AGENT = _ph("agent_name", "Your name", "Mark")
EN_PHONE = _ph("phone", "Support phone", "+1 555 010 0100", team=True)
UK_CUSTOMER = _ph("customer_name", "Ім'я клієнта", "Ганно", form="кличний відмінок (Ганно)")
UK_BRAND = _ph("brand", "Назва бренду", "Нордвінд", team=True)
UK_AGENT = _ph("agent_name", "Ваше ім'я", "Марко")
RU_CUSTOMER = _ph("customer_name", "Имя клиента", "Анна")
RU_CASE = _ph("case_number", "Номер обращения", "48213")

EMAIL_TEXT = (
    'Hello {customer_name},\n\nThanks for writing to {brand}. Your order {order_number} is "on its way", '
    "finally, and we're sorry it took so long.\nIf anything is still wrong, call us on {phone} & we'll fix it <today>."
    "\n\n— {agent_name}"
)

REPLIES: tuple[Reply, ...] = (
    Reply(
        id="late-delivery-email",
        template_id="late-delivery-email",
        language="en",
        title='Email: "late, but on its way"',
        playbook_id="late-delivery",
        playbook_title="Late delivery",
        channels=(EMAIL_EN,),
        placeholders=(EN_CUSTOMER, EN_BRAND, EN_ORDER, EN_PHONE, EN_AGENT),
        text=EMAIL_TEXT,
    ),
    Reply(
        id="first-reply-x",
        template_id="first-reply-x",
        language="en",
        title="First public reply",
        playbook_id="public-complaint",
        playbook_title="A customer complains in public",
        channels=(X, FB_EN),
        placeholders=(EN_CUSTOMER, EN_AGENT),
        text="{customer_name}, we're sorry, and thank you for telling us. — {agent_name}",
    ),
    Reply(
        id="first-reply-x--formal",
        template_id="first-reply-x",
        language="en",
        title="First public reply",
        playbook_id="public-complaint",
        playbook_title="A customer complains in public",
        channels=(X,),
        placeholders=(EN_CUSTOMER,),
        text="Dear {customer_name}, we apologise for the inconvenience.",
    ),
    Reply(
        id="first-reply-x",
        template_id="first-reply-x",
        language="uk",
        title="Перша публічна відповідь",
        playbook_id="public-complaint",
        playbook_title="Клієнт скаржиться публічно",
        channels=(X_UK,),
        placeholders=(UK_CUSTOMER, UK_AGENT),
        text="{customer_name}, нам дуже прикро, що так сталося, і дякуємо, що розповіли. — {agent_name}",
    ),
    Reply(
        id="review-reply",
        template_id="review-reply",
        language="uk",
        title="Відповідь на відгук «дуже погано»",
        playbook_id="public-complaint",
        playbook_title="Клієнт скаржиться публічно",
        channels=(GOOGLE_UK,),
        placeholders=(UK_BRAND,),
        text="Дякуємо за відгук. Команда {brand} уже з'ясовує, що пішло не так.",
    ),
    Reply(
        id="first-reply-x",
        template_id="first-reply-x",
        language="ru",
        title="Первый публичный ответ",
        playbook_id="public-complaint",
        playbook_title="Клиент жалуется публично",
        channels=(X_RU,),
        placeholders=(RU_CUSTOMER, RU_CASE),
        text="{customer_name}, нам очень жаль. Номер обращения: {case_number}.",
    ),
)

LANGUAGES = ("en", "ru", "uk")


def _by_language(language: str) -> list[Reply]:
    return [r for r in REPLIES if r.language == language]


def _load_json(content: bytes) -> Any:
    return json.loads(content.decode("utf-8"))


def _schema(path: Path) -> dict[str, Any]:
    schema = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _validate(document: Any, schema_path: Path) -> None:
    validator = jsonschema.Draft202012Validator(_schema(schema_path))
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def _run(fmt: str, **kwargs: Any) -> dict[str, bytes]:
    kwargs.setdefault("team_defaults", TEAM)
    return export(REPLIES, fmt, **kwargs)


# Expected fills for each tool (shipped defaults), for the texts above.
TOOL_FILLS = {
    "zendesk": {"customer_name": "{{ticket.requester.first_name}}", "agent_name": "{{current_user.first_name}}",
                "case_number": "{{ticket.id}}"},
    "front": {"customer_name": "{{recipient.first_name}}", "agent_name": "{{user.first_name}}",
              "case_number": "{{conversation.ticket_id}}"},
    "gorgias": {"customer_name": "{{ticket.customer.firstname}}", "agent_name": "{{current_user.firstname}}",
                "case_number": "{{ticket.id}}"},
    "helpscout": {"customer_name": "{%customer.firstName%}", "agent_name": "{%user.firstName%}",
                  "case_number": "{%conversation.number%}"},
}


def _expected_plain(reply: Reply, tool: str | None, team: dict[str, str] = TEAM) -> str:
    """Independent re-implementation: fill with str.replace per placeholder."""
    text = reply.text
    for placeholder in reply.placeholders:
        if placeholder.team_default and placeholder.name in team:
            value = team[placeholder.name]
        elif tool and placeholder.form is None and placeholder.name in TOOL_FILLS[tool]:
            value = TOOL_FILLS[tool][placeholder.name]
        else:
            continue
        text = text.replace("{" + placeholder.name + "}", value)
    return text


def _html_to_plain(body: str) -> str:
    """Undo the HTML rendering: paragraphs back to blank lines, <br> to newlines."""
    assert body.startswith("<p>") and body.endswith("</p>"), body
    assert "<script" not in body
    paragraphs = body[len("<p>") : -len("</p>")].split("</p><p>")
    plain = "\n\n".join(p.replace("<br>", "\n") for p in paragraphs)
    assert not re.search(r"<(?!/?p>|br>)", plain), plain  # no other tags: literal < was escaped
    return html.unescape(plain)


# --- schemas ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [SCHEMA_DIR / "replies-v1.schema.json", *VENDOR_SCHEMAS.values()])
def test_schemas_are_valid_draft_2020_12(path: Path) -> None:
    schema = _schema(path)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("tool", TOOLS)
def test_vendor_schema_cites_vendor_documentation(tool: str) -> None:
    description = _schema(VENDOR_SCHEMAS[tool])["description"]
    expected = {
        "zendesk": "developer.zendesk.com",
        "front": "front-api-specs",
        "gorgias": "developers.gorgias.com",
        "helpscout": "developer.helpscout.com",
    }[tool]
    assert expected in description and "https://" in description


def test_json_export_validates_against_replies_schema() -> None:
    files = _run("json")
    assert sorted(files) == [f"replybook-replies.{lang}.json" for lang in LANGUAGES]
    for content in files.values():
        _validate(_load_json(content), SCHEMA_DIR / "replies-v1.schema.json")


@pytest.mark.parametrize("tool", TOOLS)
def test_vendor_export_validates_against_vendor_schema(tool: str) -> None:
    kwargs: dict[str, Any] = {"zendesk_locale_ids": LOCALE_IDS} if tool == "zendesk" else {}
    files = _run(tool, **kwargs)
    assert files
    for content in files.values():
        _validate(_load_json(content), VENDOR_SCHEMAS[tool])


@pytest.mark.parametrize(
    ("tool", "mutate"),
    [
        ("zendesk", lambda d: d["macros"][0]["payload"]["macro"].pop("title")),
        ("zendesk", lambda d: d["macros"][0]["payload"]["macro"].update(name="x")),
        ("front", lambda d: d["message_templates"][0]["payload"].pop("body")),
        ("gorgias", lambda d: d["macros"][0]["payload"].update(language="ukr")),
        ("helpscout", lambda d: d["saved_replies"][0]["payload"].update(title="x")),
    ],
)
def test_vendor_schemas_reject_broken_payloads(tool: str, mutate: Any) -> None:
    document = _load_json(next(iter(_run(tool).values())))
    mutate(document)
    with pytest.raises(AssertionError):
        _validate(document, VENDOR_SCHEMAS[tool])


# --- completeness -------------------------------------------------------------------------


def _ids_in(fmt: str, document: Any) -> list[str]:
    if fmt == "json":
        return [r["id"] for r in document["replies"]]
    entries = {"zendesk": "macros", "front": "message_templates", "gorgias": "macros", "helpscout": "saved_replies"}
    return [e["replybook_id"].split(":", 2)[2] for e in document[entries[fmt]]]


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "csv"])
def test_every_reply_exactly_once_per_language(fmt: str) -> None:
    for language in LANGUAGES:
        files = export(REPLIES, fmt, languages=[language])
        assert len(files) == 1
        ids = _ids_in(fmt, _load_json(next(iter(files.values()))))
        assert Counter(ids) == Counter(r.id for r in _by_language(language))


def test_csv_has_bom_fixed_columns_and_round_trips_texts() -> None:
    files = _run("csv")
    assert sorted(files) == [f"replybook-replies.{lang}.csv" for lang in LANGUAGES]
    for language in LANGUAGES:
        content = files[f"replybook-replies.{language}.csv"]
        assert content.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(content[3:].decode("utf-8"), newline="")))
        assert tuple(rows[0]) == CSV_COLUMNS
        records = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]]
        replies = _by_language(language)
        assert [r["id"] for r in records] == [r.id for r in replies]
        for record, reply in zip(records, replies, strict=True):
            assert record["text"] == reply.text
            assert record["title"] == reply.title
            assert record["text_filled"] == _expected_plain(reply, None)
            assert record["placeholders"] == "; ".join(p.name for p in reply.placeholders)
            limits = "; ".join("" if c.limit is None else str(c.limit) for c in reply.channels)
            assert record["channel_limits"] == limits


def test_csv_quotes_newlines_commas_and_quotes() -> None:
    content = export(REPLIES, "csv", languages=["en"])["replybook-replies.en.csv"].decode("utf-8-sig")
    assert '"Email: ""late, but on its way"""' in content
    assert "\r\n" in content and '"Hello {customer_name},\n\nThanks' in content


# --- texts and placeholders ---------------------------------------------------------------


def test_json_texts_equal_input_and_team_defaults_fill_text_filled() -> None:
    for language in LANGUAGES:
        document = _load_json(_run("json", languages=[language])[f"replybook-replies.{language}.json"])
        for record, reply in zip(document["replies"], _by_language(language), strict=True):
            assert record["text"] == reply.text
            assert record["text_filled"] == _expected_plain(reply, None)
            assert [p["name"] for p in record["placeholders"]] == [p.name for p in reply.placeholders]
            assert [c["unit"] for c in record["channels"]] == [c.unit for c in reply.channels]
    en = _load_json(_run("json", languages=["en"])["replybook-replies.en.json"])["replies"][0]
    assert "Northwind" in en["text_filled"] and "+1 555 0100" in en["text_filled"]
    assert "{order_number}" in en["text_filled"] and "{customer_name}" in en["text_filled"]
    assert {p["name"]: p["team_value"] for p in en["placeholders"]}["brand"] == "Northwind"
    uk = _load_json(_run("json", languages=["uk"])["replybook-replies.uk.json"])["replies"][0]
    assert uk["placeholders"][0]["form"] == "кличний відмінок (Ганно)"


def _tool_bodies(tool: str, document: Any) -> list[tuple[str, str | None, str | None]]:
    """(reply id, plain body or None, html body or None) for each entry of a tool's file."""
    out = []
    if tool == "zendesk":
        for e in document["macros"]:
            (action,) = e["payload"]["macro"]["actions"]
            assert action["field"] == "comment_value_html"
            out.append((e["replybook_id"], None, action["value"]))
    elif tool == "front":
        out = [(e["replybook_id"], None, e["payload"]["body"]) for e in document["message_templates"]]
    elif tool == "gorgias":
        for e in document["macros"]:
            (action,) = e["payload"]["actions"]
            out.append((e["replybook_id"], action["arguments"]["body_text"], action["arguments"]["body_html"]))
    else:
        out = [(e["replybook_id"], e["payload"]["chatText"], e["payload"]["text"]) for e in document["saved_replies"]]
    return out


@pytest.mark.parametrize("tool", TOOLS)
def test_tool_texts_are_input_with_mapped_placeholders_and_team_defaults(tool: str) -> None:
    for language in LANGUAGES:
        document = _load_json(next(iter(_run(tool, languages=[language]).values())))
        bodies = _tool_bodies(tool, document)
        for (replybook_id, plain, body_html), reply in zip(bodies, _by_language(language), strict=True):
            assert replybook_id == f"replybook:{language}:{reply.id}"
            expected = _expected_plain(reply, tool)
            if plain is not None:
                assert plain == expected
            assert body_html is not None
            assert _html_to_plain(body_html) == expected
            # every placeholder is either mapped (gone) or left visible exactly as {name}
            for placeholder in reply.placeholders:
                visible = "{" + placeholder.name + "}" in expected
                assert visible == (("{" + placeholder.name + "}") in _html_to_plain(body_html))


def test_exact_zendesk_html_for_email_with_newlines_quotes_and_specials() -> None:
    document = _load_json(_run("zendesk", languages=["en"])["zendesk/macros.en.json"])
    (action,) = document["macros"][0]["payload"]["macro"]["actions"]
    assert action["value"] == (
        "<p>Hello {{ticket.requester.first_name}},</p>"
        '<p>Thanks for writing to Northwind. Your order {order_number} is "on its way", finally, and '
        "we're sorry it took so long.<br>If anything is still wrong, call us on +1 555 0100 &amp; we'll "
        "fix it &lt;today&gt;.</p><p>— {{current_user.first_name}}</p>"
    )


def test_unmapped_placeholder_stays_visible_in_every_format() -> None:
    for fmt in FORMATS:
        for content in export(REPLIES, fmt, languages=["en"]).values():
            assert "{order_number}" in content.decode("utf-8-sig")


def test_placeholder_with_grammatical_form_is_not_auto_mapped_but_can_be_overridden() -> None:
    plain = _load_json(export(REPLIES, "gorgias", languages=["uk"])["gorgias/macros.uk.json"])
    body = plain["macros"][0]["payload"]["actions"][0]["arguments"]["body_text"]
    assert body.startswith("{customer_name}, нам дуже прикро")
    assert body.endswith("— {{current_user.firstname}}")
    overrides = {"gorgias": {"customer_name": "{{ticket.customer.firstname}}"}}
    files = export(REPLIES, "gorgias", languages=["uk"], mapping_overrides=overrides)
    overridden = _load_json(files["gorgias/macros.uk.json"])
    body = overridden["macros"][0]["payload"]["actions"][0]["arguments"]["body_text"]
    assert body.startswith("{{ticket.customer.firstname}}, нам дуже прикро")


def test_override_maps_replaces_and_unmaps() -> None:
    overrides = {
        "zendesk": {"order_number": "{{ticket.external_id}}", "agent_name": None, "brand": "{{ticket.brand.name}}"}
    }
    document = _load_json(_run("zendesk", languages=["en"], mapping_overrides=overrides)["zendesk/macros.en.json"])
    body = document["macros"][0]["payload"]["macro"]["actions"][0]["value"]
    assert "{{ticket.external_id}}" in body and "{order_number}" not in body
    assert "{agent_name}" in body  # None keeps it visible
    assert "{{ticket.brand.name}}" in body and "Northwind" not in body  # the override wins over the team default


def test_team_defaults_apply_only_where_allowed() -> None:
    gorgias = _load_json(_run("gorgias", languages=["uk"])["gorgias/macros.uk.json"])
    review = gorgias["macros"][1]["payload"]["actions"][0]["arguments"]["body_text"]
    assert review == "Дякуємо за відгук. Команда Northwind уже з'ясовує, що пішло не так."
    without = _load_json(export(REPLIES, "gorgias", languages=["uk"])["gorgias/macros.uk.json"])
    assert "{brand}" in without["macros"][1]["payload"]["actions"][0]["arguments"]["body_text"]
    with pytest.raises(ExportError, match="customer_name") as caught:
        export(REPLIES, "json", team_defaults={"customer_name": "Bob"})
    assert "brand" in str(caught.value) and "phone" in str(caught.value)


def test_resolve_never_fills_a_placeholder_that_takes_no_team_default() -> None:
    team = {"customer_name": "Bob", "brand": "N"}
    fills = resolve((EN_CUSTOMER, EN_BRAND), tool=None, overrides={}, team_defaults=team)
    assert set(fills) == {"brand"}


def test_gorgias_language_and_external_id() -> None:
    for language in LANGUAGES:
        document = _load_json(export(REPLIES, "gorgias", languages=[language])[f"gorgias/macros.{language}.json"])
        for entry, reply in zip(document["macros"], _by_language(language), strict=True):
            assert entry["payload"]["language"] == language
            assert entry["payload"]["external_id"] == f"replybook:{language}:{reply.id}"


def test_names_unique_within_language_for_name_matched_tools() -> None:
    front = _load_json(export(REPLIES, "front", languages=["en"])["front/message-templates.en.json"])
    names = [e["payload"]["name"] for e in front["message_templates"]]
    assert len(set(names)) == len(names)
    assert "A customer complains in public: First public reply (first-reply-x--formal)" in names
    helpscout = _load_json(export(REPLIES, "helpscout", languages=["en"])["helpscout/saved-replies.en.json"])
    hs_names = [e["payload"]["name"] for e in helpscout["saved_replies"]]
    assert len(set(hs_names)) == len(hs_names) and all(n.startswith("[en] ") for n in hs_names)
    zendesk = _load_json(export(REPLIES, "zendesk", languages=["en"])["zendesk/macros.en.json"])
    titles = [e["payload"]["macro"]["title"] for e in zendesk["macros"]]
    assert len(set(titles)) == len(titles) and all(t.startswith("Replybook [en]::") for t in titles)


def test_zendesk_description_carries_stable_id_line() -> None:
    document = _load_json(export(REPLIES, "zendesk", languages=["uk"])["zendesk/macros.uk.json"])
    for entry in document["macros"]:
        assert entry["payload"]["macro"]["description"].endswith(f"Replybook id: {entry['replybook_id']}")


def test_zendesk_dynamic_content_one_item_per_reply_with_one_default_variant() -> None:
    files = _run("zendesk", zendesk_locale_ids=LOCALE_IDS)
    assert "zendesk/dynamic-content.json" in files
    document = _load_json(files["zendesk/dynamic-content.json"])
    items = {i["reply_id"]: i for i in document["items"]}
    assert set(items) == {r.id for r in REPLIES}
    shared = items["first-reply-x"]["payload"]["item"]
    assert shared["default_locale_id"] == LOCALE_IDS["en"]
    assert sorted(v["locale_id"] for v in shared["variants"]) == sorted(LOCALE_IDS.values())
    assert [v["default"] for v in shared["variants"]].count(True) == 1
    uk_only = items["review-reply"]["payload"]["item"]
    assert uk_only["default_locale_id"] == LOCALE_IDS["uk"]
    assert "zendesk/dynamic-content.json" not in _run("zendesk")


# --- stability ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_byte_identical_between_runs(fmt: str) -> None:
    kwargs: dict[str, Any] = {"zendesk_locale_ids": LOCALE_IDS} if fmt == "zendesk" else {}
    first = _run(fmt, **kwargs)
    second = export(
        [Reply(**r.__dict__) for r in REPLIES],
        fmt,
        team_defaults=dict(TEAM),
        languages=list(reversed(LANGUAGES)),
        **kwargs,
    )
    assert first == second
    assert list(first) == sorted(first)


def test_paths_are_stable_and_documented() -> None:
    expected = {
        "json": {f"replybook-replies.{lang}.json" for lang in LANGUAGES},
        "csv": {f"replybook-replies.{lang}.csv" for lang in LANGUAGES},
        "zendesk": {f"zendesk/macros.{lang}.json" for lang in LANGUAGES},
        "front": {f"front/message-templates.{lang}.json" for lang in LANGUAGES},
        "gorgias": {f"gorgias/macros.{lang}.json" for lang in LANGUAGES},
        "helpscout": {f"helpscout/saved-replies.{lang}.json" for lang in LANGUAGES},
    }
    assert set(FORMATS) == set(expected)
    for fmt, paths in expected.items():
        assert set(export(REPLIES, fmt)) == paths


def test_no_timestamps_or_absolute_paths_in_output() -> None:
    for fmt in FORMATS:
        for content in export(REPLIES, fmt, team_defaults=TEAM).values():
            text = content.decode("utf-8-sig")
            assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", text)
            assert str(ROOT) not in text


# --- bad input ----------------------------------------------------------------------------


def test_unknown_format_lists_valid_formats() -> None:
    with pytest.raises(ExportError) as caught:
        export(REPLIES, "freshdesk")
    message = str(caught.value)
    assert "'freshdesk'" in message
    for fmt in FORMATS:
        assert fmt in message


def test_unknown_language_lists_valid_languages() -> None:
    with pytest.raises(ExportError) as caught:
        export(REPLIES, "json", languages=["en", "de"])
    assert "'de'" in str(caught.value) and "en, ru, uk" in str(caught.value)


def test_override_naming_unknown_tool_lists_tools() -> None:
    with pytest.raises(ExportError) as caught:
        export(REPLIES, "zendesk", mapping_overrides={"intercom": {"customer_name": "{{x}}"}})
    assert "'intercom'" in str(caught.value) and "front, gorgias, helpscout, zendesk" in str(caught.value)


def test_override_naming_unknown_placeholder_lists_placeholders() -> None:
    with pytest.raises(ExportError) as caught:
        export(REPLIES, "zendesk", mapping_overrides={"zendesk": {"order_numbr": "{{ticket.external_id}}"}})
    message = str(caught.value)
    assert "'order_numbr'" in message and "order_number" in message and "customer_name" in message


def test_override_with_bad_value_is_an_error() -> None:
    with pytest.raises(ExportError, match="non-empty string"):
        export(REPLIES, "front", mapping_overrides={"front": {"customer_name": ""}})


def test_zendesk_locale_ids_must_cover_languages() -> None:
    with pytest.raises(ExportError, match="uk"):
        export(REPLIES, "zendesk", zendesk_locale_ids={"en": 1, "ru": 27})
    with pytest.raises(ExportError, match="zendesk"):
        export(REPLIES, "json", zendesk_locale_ids=LOCALE_IDS)


def test_inconsistent_records_are_rejected() -> None:
    duplicate = (*REPLIES, REPLIES[0])
    with pytest.raises(ExportError, match="duplicate reply id 'late-delivery-email'"):
        export(duplicate, "json")
    missing = Reply(**{**REPLIES[1].__dict__, "placeholders": (EN_CUSTOMER,)})
    with pytest.raises(ExportError, match="agent_name"):
        export([missing], "json")
    bad_unit = Reply(**{**REPLIES[1].__dict__, "channels": (Channel("x", "X", 280, "chars", True),)})
    with pytest.raises(ExportError, match="characters, graphemes, utf8-bytes, x-weighted"):
        export([bad_unit], "json")
