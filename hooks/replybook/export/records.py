"""The records the export engine reads: one reply, its channels and its placeholders.

This is the whole interface between the content model and the exporters. The content
model builds ``Reply`` records (one per template, or per template variant, and language);
the exporters never look at YAML, pydantic models or MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Placeholder:
    """A blank in a reply, written ``{name}`` in its text."""

    name: str  # snake_case, as written {name} in text
    label: str  # in the record's language
    example: str  # in the record's language
    form: str | None  # expected grammatical form, e.g. uk "кличний відмінок (Ганно)", or None
    team_default: bool  # True if a team default (brand, phone, website...) may fill it


@dataclass(frozen=True)
class Channel:
    """Where a reply is published, with its length limit and how that limit is counted."""

    id: str  # e.g. "x", "facebook-comment", "google-review-reply", "email"
    name: str  # in the record's language
    limit: int | None  # None = no limit
    unit: str  # "characters" | "graphemes" | "utf8-bytes" | "x-weighted"
    confirmed: bool  # limit confirmed from the platform's own documentation


@dataclass(frozen=True)
class Reply:
    """One reply template in one language, ready to export."""

    id: str  # stable, unique within a language (template id, or template id + "--" + variant key)
    template_id: str
    language: str
    title: str
    playbook_id: str
    playbook_title: str
    channels: tuple[Channel, ...]
    placeholders: tuple[Placeholder, ...]  # those used in `text`, in order of first use
    text: str  # plain text with {placeholders}; may contain \n (e-mail); never HTML
