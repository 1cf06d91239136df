"""The one entry point: replies + format -> {relative file path: bytes}.

Everything here is pure: no clock, no environment, no file system. The same input gives
byte-identical output, so the files can be published under ``/exports/`` on every build
and only change when the guide changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from replybook.export import front, gorgias, helpscout, neutral, zendesk
from replybook.export.common import Context, LanguageExporter
from replybook.export.errors import ExportError, choices
from replybook.export.mapping import Overrides, validate_overrides, validate_team_defaults
from replybook.export.records import Placeholder, Reply
from replybook.export.text import placeholder_names

_PER_LANGUAGE: dict[str, LanguageExporter] = {
    "json": neutral.export_json,
    "csv": neutral.export_csv,
    "zendesk": zendesk.export_macros,
    "front": front.export_templates,
    "gorgias": gorgias.export_macros,
    "helpscout": helpscout.export_saved_replies,
}

#: Every format ``export`` accepts, in the order a command line should list them.
#: Freshdesk is absent on purpose: its canned-response fields could not be confirmed
#: from Freshdesk's own documentation.
FORMATS: tuple[str, ...] = ("json", "csv", "zendesk", "front", "gorgias", "helpscout")

#: How a channel's length limit may be counted.
UNITS: tuple[str, ...] = ("characters", "graphemes", "utf8-bytes", "x-weighted")

#: What each format is, for ``--help`` and the docs.
FORMAT_DESCRIPTIONS: Mapping[str, str] = {
    "json": "neutral JSON per language (schema replies-v1)",
    "csv": "CSV per language (UTF-8 with BOM), one row per reply",
    "zendesk": "Zendesk macros per language (POST /api/v2/macros payloads)",
    "front": "Front message templates per language, one folder each",
    "gorgias": "Gorgias macros per language, with language and external_id",
    "helpscout": "Help Scout saved replies per language",
}


def export(
    replies: Sequence[Reply],
    fmt: str,
    *,
    languages: Iterable[str] | None = None,
    mapping_overrides: Overrides | None = None,
    team_defaults: Mapping[str, str] | None = None,
    zendesk_locale_ids: Mapping[str, int] | None = None,
) -> dict[str, bytes]:
    """Export replies in one format; return ``{relative path: file content}``.

    ``languages`` selects languages (default: every language the replies have);
    ``mapping_overrides`` maps, per tool, placeholder names to the tool's own syntax (or to
    ``None`` to keep one visible); ``team_defaults`` fills placeholders that allow a team
    value; ``zendesk_locale_ids`` (language -> the account's Zendesk locale id) additionally
    writes ``zendesk/dynamic-content.json`` for ``fmt="zendesk"``.

    Raises ``ExportError`` for an unknown format, language, tool or placeholder, for
    duplicate reply ids within a language, and for a reply whose text and placeholder list
    disagree. Paths are stable (see each module); the result is sorted by path.
    """
    if fmt not in _PER_LANGUAGE:
        raise ExportError(f"unknown export format {fmt!r}; valid choices: {choices(FORMATS)}")
    check_replies(replies)
    available = sorted({reply.language for reply in replies})
    selected = select_languages(languages, available)
    all_placeholders = [p for reply in replies for p in reply.placeholders]
    context = Context(
        overrides=validate_overrides(mapping_overrides, (p.name for p in all_placeholders)),
        team_defaults=validate_team_defaults(team_defaults, all_placeholders),
        zendesk_locale_ids=validate_locale_ids(zendesk_locale_ids, selected, fmt),
    )
    by_language = {lang: [r for r in replies if r.language == lang] for lang in selected}
    files: dict[str, bytes] = {}
    for language in selected:
        files.update(_PER_LANGUAGE[fmt](language, by_language[language], context))
    if fmt == "zendesk" and context.zendesk_locale_ids:
        default_language = "en" if "en" in selected else selected[0]
        files.update(zendesk.export_dynamic_content(by_language, context, default_language=default_language))
    return dict(sorted(files.items()))


def select_languages(languages: Iterable[str] | None, available: Sequence[str]) -> list[str]:
    """The requested languages, checked against those the replies have; sorted, no repeats."""
    if languages is None:
        return list(available)
    if isinstance(languages, str):
        languages = [languages]
    requested = list(dict.fromkeys(languages))
    unknown = [lang for lang in requested if lang not in available]
    if unknown:
        raise ExportError(f"unknown language {unknown[0]!r}; valid choices: {choices(available)}")
    if not requested:
        raise ExportError(f"no language selected; valid choices: {choices(available)}")
    return sorted(requested)


def validate_locale_ids(locale_ids: Mapping[str, int] | None, selected: Sequence[str], fmt: str) -> dict[str, int]:
    """Zendesk locale ids: only for ``zendesk``, one positive integer per selected language."""
    if not locale_ids:
        return {}
    if fmt != "zendesk":
        raise ExportError(f"zendesk_locale_ids only applies to the zendesk format, not {fmt!r}")
    missing = [lang for lang in selected if lang not in locale_ids]
    if missing:
        raise ExportError(
            f"zendesk_locale_ids has no locale id for {', '.join(missing)}; it needs one per exported language"
        )
    checked: dict[str, int] = {}
    for lang in selected:
        value = locale_ids[lang]
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ExportError(f"zendesk_locale_ids[{lang!r}] must be a positive integer (see GET /api/v2/locales)")
        checked[lang] = value
    return checked


def check_replies(replies: Sequence[Reply]) -> None:
    """Input integrity: unique ids per language, placeholders that match the text."""
    seen: set[tuple[str, str]] = set()
    for reply in replies:
        if not isinstance(reply, Reply):
            raise ExportError(f"expected Reply records, got {type(reply).__name__}")
        key = (reply.language, reply.id)
        if key in seen:
            raise ExportError(f"duplicate reply id {reply.id!r} in language {reply.language!r}")
        seen.add(key)
        listed = [p.name for p in reply.placeholders]
        used = placeholder_names(reply.text)
        if sorted(set(listed)) != sorted(used) or len(listed) != len(set(listed)):
            raise ExportError(
                f"reply {reply.id!r} ({reply.language}): placeholders listed {listed} "
                f"do not match those used in its text {used}"
            )
        for placeholder in reply.placeholders:
            _check_placeholder(reply, placeholder)
        for channel in reply.channels:
            if channel.unit not in UNITS:
                raise ExportError(
                    f"reply {reply.id!r} ({reply.language}): channel {channel.id!r} has unknown unit "
                    f"{channel.unit!r}; valid choices: {choices(UNITS)}"
                )
            if channel.limit is not None and (isinstance(channel.limit, bool) or channel.limit <= 0):
                raise ExportError(
                    f"reply {reply.id!r} ({reply.language}): channel {channel.id!r} has limit {channel.limit}; "
                    "use a positive integer, or None for no limit"
                )


def _check_placeholder(reply: Reply, placeholder: Placeholder) -> None:
    """A placeholder record must be complete enough to export."""
    if not placeholder.label:
        raise ExportError(f"reply {reply.id!r} ({reply.language}): placeholder {placeholder.name!r} has no label")
