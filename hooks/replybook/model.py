"""The one schema of Replybook's content: every kind of document as a typed model.

Validation, the editor JSON Schema and the contributor format reference are all
derived from these classes, so a field is declared once, here. Wording lives in
``LocalizedText`` mappings (one entry per site language); logic (ids, links,
limits) lives in plain fields beside it.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, StringConstraints

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SOURCE_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
PLACEHOLDER_PATTERN = r"^[a-z][a-z0-9_]*$"
DURATION_PATTERN = r"^[1-9][0-9]*(?:m|h|d)$"
LANGUAGE_PATTERN = r"^[a-z]{2}(?:-[A-Za-z]{2,4})?$"
URL_PATTERN = r"^https?://\S+$"

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    Field(description="Stable kebab-case id (lowercase letters, digits and dashes)."),
]
SourceId = Annotated[
    str,
    StringConstraints(pattern=SOURCE_ID_PATTERN),
    Field(description="Id of an entry in sources.yaml (an article's file name)."),
]
PlaceholderName = Annotated[
    str,
    StringConstraints(pattern=PLACEHOLDER_PATTERN),
    Field(description="Placeholder name in snake_case, written as {name} in text."),
]
Duration = Annotated[
    str,
    StringConstraints(pattern=DURATION_PATTERN),
    Field(description="A duration such as 15m, 1h or 2d (minutes, hours, days)."),
]
ChannelId = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    Field(description="Id of a channel in channels.yaml, e.g. `x` or `facebook-comment`."),
]
Language = Annotated[
    str,
    StringConstraints(pattern=LANGUAGE_PATTERN),
    Field(description="A language code such as `ru` or `es`."),
]

#: Friendly explanations for the patterns above, used by the validator's messages.
PATTERN_HINTS: dict[str, str] = {
    ID_PATTERN: "ids are kebab-case: lowercase letters, digits and single dashes, e.g. `troll-attack`",
    SOURCE_ID_PATTERN: "source ids are file names such as `000_74b1cc244e225202.txt`",
    PLACEHOLDER_PATTERN: "placeholder names are snake_case, e.g. `customer_name`",
    DURATION_PATTERN: "durations are a number and a unit: `15m`, `1h` or `2d`",
    LANGUAGE_PATTERN: "languages are ISO 639-1 codes such as `ru` or `es`",
    URL_PATTERN: "a web address starting with http:// or https://, without spaces",
}


class LocalizedText(RootModel[dict[str, str]]):
    """Human-readable text, one entry per site language (the list in mkdocs.yml)."""

    def get(self, language: str) -> str:
        """Return the text in ``language`` (validated content has every language)."""
        return self.root[language]


class SearchTerms(LocalizedText):
    """Words people type when they look for an entry, comma-separated, one list per language.

    Indexed with a high weight and never shown as body text.
    """

    def terms(self, language: str) -> list[str]:
        """The terms of one language, trimmed, empty ones dropped."""
        return [term.strip() for term in self.root.get(language, "").split(",") if term.strip()]


class LanguageNotes(RootModel[dict[str, str]]):
    """A note for some languages only (e.g. a grammatical form that only Ukrainian needs)."""

    def get(self, language: str) -> str | None:
        """The note for ``language``, or None."""
        return self.root.get(language)


class StrictModel(BaseModel):
    """Base for every schema object: unknown keys are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Severity(str, Enum):
    """How much damage the situation can do if it is handled badly."""

    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"


class Departure(StrictModel):
    """Where the guide deliberately says something other than a source, and why."""

    source: SourceId
    note: LocalizedText = Field(description="What the source says, what the guide says instead, and why.")


class Entry(StrictModel):
    """The fields every page-level entry shares (principle, playbook, tree, case)."""

    id: Id
    order: int = Field(default=100, description="Position in lists (smaller first).")
    title: LocalizedText
    search: SearchTerms | None = Field(
        default=None,
        description="Comma-separated words people type for this entry (synonyms, slang, platform names), "
                    "per language. Indexed, never shown as text.")
    sources: list[SourceId] = Field(default_factory=list, description="Ids of the sources it is based on.")
    departures: list[Departure] = Field(
        default_factory=list, description="Where this entry deliberately departs from a cited source, and why.")


class Step(StrictModel):
    """One ordered step of a playbook."""

    id: Id
    text: LocalizedText = Field(description="What to do, as an instruction.")


class Variant(StrictModel):
    """The same reply written differently for other channels (e.g. longer for comments)."""

    channels: list[ChannelId] = Field(min_length=1, description="Channels this version is for.")
    text: LocalizedText = Field(description="This version of the reply, in each language.")


class Template(StrictModel):
    """A reply to copy, fill and publish."""

    id: Id
    title: LocalizedText = Field(description="What this reply is for, in a few words.")
    channels: list[ChannelId] = Field(
        min_length=1, description="Channels where `text` can be posted as it is; each sets a length limit.")
    placeholders: list[PlaceholderName] = Field(
        default_factory=list,
        description="Every {placeholder} the text and its variants use (names from placeholders.yaml).",
    )
    max_length: int | None = Field(
        default=None,
        gt=0,
        description="A tighter character limit than the channels' own, if wanted.",
    )
    search: SearchTerms | None = Field(default=None, description="Comma-separated words people type for this reply.")
    text: LocalizedText = Field(description="The reply itself, written for each language.")
    variants: list[Variant] = Field(
        default_factory=list, description="Other versions of the same reply for other channels.")


class Outcome(StrictModel):
    """Where a decision ends: a reply to send and/or a playbook to follow."""

    playbook: Id | None = None
    template: Id | None = None
    resume: Id | None = Field(
        default=None,
        description="A question of the playbook's own tree to continue from, so nothing is asked twice.")
    note: LocalizedText | None = Field(default=None, description="Optional advice shown with the outcome.")


class Option(StrictModel):
    """An answer to a tree question: leads to the next node or to an outcome."""

    label: LocalizedText
    next: Id | None = Field(default=None, description="Id of the next node in the same tree.")
    outcome: Outcome | None = None


class Node(StrictModel):
    """A question in a decision tree."""

    question: LocalizedText
    help: LocalizedText | None = Field(default=None, description="Optional hint under the question.")
    options: list[Option] = Field(min_length=1)


class Tree(StrictModel):
    """A decision tree: questions whose answers lead to a playbook or template."""

    start: Id = Field(description="Id of the first node.")
    nodes: dict[str, Node] = Field(min_length=1, description="Nodes by id (kebab-case).")


class Principle(Entry):
    """A rule that holds in every situation."""

    kind: Literal["principle"]
    statement: LocalizedText = Field(description="The principle in one sentence.")
    why: LocalizedText = Field(description="Why it matters.")
    practice: list[LocalizedText] = Field(min_length=1, description="How it looks in practice.")


class Playbook(Entry):
    """A scenario: how to recognise it and what to do, step by step."""

    kind: Literal["playbook"]
    summary: LocalizedText
    signals: list[LocalizedText] = Field(min_length=1, description="How to recognise the situation.")
    severity: Severity
    first_response: Duration = Field(description="Target time to the first public answer.")
    resolution: Duration = Field(description="Target time to a resolution or a clear next step.")
    owner: LocalizedText = Field(description="Who answers: a role, not a person.")
    steps: list[Step] = Field(min_length=1)
    do: list[LocalizedText] = Field(min_length=1)
    dont: list[LocalizedText] = Field(min_length=1)
    principles: list[Id] = Field(default_factory=list)
    templates: list[Template] = Field(default_factory=list)
    tree: Tree | None = None


class DecisionTree(Entry, Tree):
    """A stand-alone decision tree with its own page (e.g. the triage tree)."""

    kind: Literal["tree"]
    summary: LocalizedText


class CaseStudy(Entry):
    """What a real brand did, and what it teaches."""

    kind: Literal["case"]
    summary: LocalizedText
    year: int | None = Field(default=None, ge=1990, le=2100)
    what_happened: list[LocalizedText] = Field(min_length=1)
    went_right: list[LocalizedText] = Field(default_factory=list)
    went_wrong: list[LocalizedText] = Field(default_factory=list)
    lessons: list[LocalizedText] = Field(min_length=1)
    principles: list[Id] = Field(default_factory=list, description="Principles the case illustrates.")


class Source(StrictModel):
    """A public source the guide is based on (described, never copied)."""

    id: SourceId
    name: LocalizedText = Field(description="How the guide names the article, in each language.")
    title: str | None = Field(default=None, description="The article's own title, if it has one, as published.")
    author: str | None = Field(default=None, description="The author, where the article names one.")
    publisher: str | None = Field(default=None, description="The publisher, where known.")
    language: list[Language] = Field(min_length=1)
    year: int | None = Field(default=None, ge=1990, le=2100)
    url: str | None = Field(default=None, pattern=URL_PATTERN)
    about: LocalizedText = Field(description="What the source covers, in one or two sentences.")


class SourceList(StrictModel):
    """The list of sources that `sources:` fields cite."""

    kind: Literal["sources"]
    sources: list[Source] = Field(min_length=1)


class PlaceholderScope(str, Enum):
    """Who knows a blank's value: the reader's profile, the team's settings, or this case only."""

    agent = "agent"
    team = "team"
    case = "case"


class Placeholder(StrictModel):
    """A blank a reader fills in before sending a template."""

    name: PlaceholderName
    scope: PlaceholderScope = Field(
        default=PlaceholderScope.case,
        description="`agent` and `team` values are kept in the reader's profile (team values can be preset "
                    "by whoever deploys the guide); `case` values belong to one conversation.")
    label: LocalizedText = Field(description="Input label shown to the reader.")
    form: LanguageNotes | None = Field(
        default=None,
        description="The grammatical form the text expects, for the languages that need one "
                    "(e.g. the Ukrainian vocative for a name). Shown with the input.")
    example: LocalizedText = Field(description="A realistic, typical value, shown as the input's example.")
    long_example: LocalizedText = Field(
        description="A realistic long value; every reply must still fit its channels with it.")


class PlaceholderList(StrictModel):
    """The placeholders templates may use."""

    kind: Literal["placeholders"]
    placeholders: list[Placeholder] = Field(min_length=1)


class Unit(str, Enum):
    """How a platform counts a reply's length."""

    characters = "characters"
    graphemes = "graphemes"
    utf8_bytes = "utf8-bytes"
    x_weighted = "x-weighted"


class Limit(StrictModel):
    """One length limit of a channel, in the unit the platform counts."""

    max: int = Field(gt=0, description="The most the platform accepts.")
    unit: Unit


class Channel(StrictModel):
    """A place where a reply is published, with its length limits and mechanics."""

    id: Id
    name: LocalizedText
    public: bool = Field(description="Whether everyone can read replies posted here.")
    limits: list[Limit] = Field(default_factory=list, description="Length limits; none means no practical limit.")
    confirmed: bool = Field(description="Whether the platform's own documentation confirms the limits.")
    source: LocalizedText = Field(description="Where the limits come from (a document, or who reports them).")
    links: bool = Field(default=True, description="Whether links in a reply here are clickable.")
    mechanics: LocalizedText | None = Field(default=None, description="What about this platform changes the advice.")


class ChannelList(StrictModel):
    """Every channel templates may name."""

    kind: Literal["channels"]
    channels: list[Channel] = Field(min_length=1)


class Address(str, Enum):
    """How replies address the customer in a language."""

    formal = "formal"
    informal = "informal"
    neutral = "neutral"


class Register(StrictModel):
    """One language's way of addressing customers, and the words that would break it."""

    language: Language
    address: Address
    summary: LocalizedText = Field(description="The choice in a few words, e.g. «вы», lowercase.")
    why: LocalizedText = Field(description="Why this register, and when a team might choose otherwise.")
    avoid: list[str] = Field(
        default_factory=list,
        description="Whole words that belong to the other register; a template using one is an error.")


class StyleGuide(StrictModel):
    """The register of every language, declared once."""

    kind: Literal["style"]
    registers: list[Register] = Field(min_length=1)


class CoveragePoint(StrictModel):
    """One distinct piece of advice in a source and what in the guide covers it."""

    id: Id
    source: SourceId
    advice: str = Field(min_length=1, description="The advice, paraphrased in English (maintainers' note).")
    covered_by: list[str] = Field(
        min_length=1,
        description="Ids that cover it: a principle, playbook, template or case id, or playbook-id/step-id.",
    )


class CoverageMap(StrictModel):
    """Traceability: every piece of advice in every source, mapped to the guide."""

    kind: Literal["coverage"]
    points: list[CoveragePoint] = Field(min_length=1)


Document = (Principle | Playbook | DecisionTree | CaseStudy | SourceList | PlaceholderList | ChannelList
            | StyleGuide | CoverageMap)

#: The model class of each ``kind:`` value.
DOCUMENT_KINDS: dict[str, type[StrictModel]] = {
    "principle": Principle,
    "playbook": Playbook,
    "tree": DecisionTree,
    "case": CaseStudy,
    "sources": SourceList,
    "placeholders": PlaceholderList,
    "channels": ChannelList,
    "style": StyleGuide,
    "coverage": CoverageMap,
}

PLACEHOLDER_IN_TEXT = re.compile(r"\{([^{}]*)\}")


def duration_minutes(duration: str) -> int:
    """Convert a validated duration (``15m``, ``1h``, ``2d``) to minutes, for sorting."""
    value, unit = int(duration[:-1]), duration[-1]
    return value * {"m": 1, "h": 60, "d": 1440}[unit]
