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

#: Friendly explanations for the patterns above, used by the validator's messages.
PATTERN_HINTS: dict[str, str] = {
    ID_PATTERN: "ids are kebab-case: lowercase letters, digits and single dashes, e.g. `troll-attack`",
    SOURCE_ID_PATTERN: "source ids are file names such as `000_74b1cc244e225202.txt`",
    PLACEHOLDER_PATTERN: "placeholder names are snake_case, e.g. `customer_name`",
    DURATION_PATTERN: "durations are a number and a unit: `15m`, `1h` or `2d`",
    LANGUAGE_PATTERN: "languages are ISO 639-1 codes such as `ru` or `es`",
}


class LocalizedText(RootModel[dict[str, str]]):
    """Human-readable text, one entry per site language (the list in mkdocs.yml)."""

    def get(self, language: str) -> str:
        """Return the text in ``language`` (validated content has every language)."""
        return self.root[language]


class StrictModel(BaseModel):
    """Base for every schema object: unknown keys are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Severity(str, Enum):
    """How much damage the situation can do if it is handled badly."""

    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"


class Channel(str, Enum):
    """Where a reply is published; the channel fixes the length limit."""

    x_public_reply = "x-public-reply"
    facebook_comment = "facebook-comment"
    instagram_comment = "instagram-comment"
    private_message = "private-message"
    email = "email"


#: Hard character limits of each channel (None: no practical limit).
CHANNEL_LIMITS: dict[Channel, int | None] = {
    Channel.x_public_reply: 280,
    Channel.facebook_comment: 8000,
    Channel.instagram_comment: 2200,
    Channel.private_message: 2000,
    Channel.email: None,
}


class Step(StrictModel):
    """One ordered step of a playbook."""

    id: Id
    text: LocalizedText = Field(description="What to do, as an instruction.")


class Template(StrictModel):
    """A reply to copy, fill and publish."""

    id: Id
    title: LocalizedText = Field(description="What this reply is for, in a few words.")
    channel: Channel = Field(description="Where the reply is published; sets the limit.")
    placeholders: list[PlaceholderName] = Field(
        default_factory=list,
        description="Every {placeholder} the text uses (names from placeholders.yaml).",
    )
    max_length: int | None = Field(
        default=None,
        gt=0,
        description="A tighter character limit than the channel's own, if wanted.",
    )
    text: LocalizedText = Field(description="The reply itself, written for each language.")


class Outcome(StrictModel):
    """Where a decision ends: a playbook to follow and/or a template to send."""

    playbook: Id | None = None
    template: Id | None = None
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


class Principle(StrictModel):
    """A rule that holds in every situation."""

    kind: Literal["principle"]
    id: Id
    order: int = Field(default=100, description="Position in lists (smaller first).")
    title: LocalizedText
    statement: LocalizedText = Field(description="The principle in one sentence.")
    why: LocalizedText = Field(description="Why it matters.")
    practice: list[LocalizedText] = Field(min_length=1, description="How it looks in practice.")
    sources: list[SourceId] = Field(default_factory=list, description="Ids of the sources it is based on.")


class Playbook(StrictModel):
    """A scenario: how to recognise it and what to do, step by step."""

    kind: Literal["playbook"]
    id: Id
    order: int = Field(default=100, description="Position in lists (smaller first).")
    title: LocalizedText
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
    sources: list[SourceId] = Field(default_factory=list, description="Ids of the sources it is based on.")


class DecisionTree(Tree):
    """A stand-alone decision tree with its own page (e.g. the triage tree)."""

    kind: Literal["tree"]
    id: Id
    order: int = Field(default=100, description="Position in lists (smaller first).")
    title: LocalizedText
    summary: LocalizedText
    sources: list[SourceId] = Field(default_factory=list, description="Ids of the sources it is based on.")


class CaseStudy(StrictModel):
    """What a real brand did, and what it teaches."""

    kind: Literal["case"]
    id: Id
    order: int = Field(default=100, description="Position in lists (smaller first).")
    title: LocalizedText
    summary: LocalizedText
    year: int | None = Field(default=None, ge=1990, le=2100)
    what_happened: list[LocalizedText] = Field(min_length=1)
    went_right: list[LocalizedText] = Field(default_factory=list)
    went_wrong: list[LocalizedText] = Field(default_factory=list)
    lessons: list[LocalizedText] = Field(min_length=1)
    principles: list[Id] = Field(default_factory=list, description="Principles the case illustrates.")
    sources: list[SourceId] = Field(default_factory=list, description="Ids of the sources it is based on.")


class Source(StrictModel):
    """A public source the guide is based on (described, never copied)."""

    id: SourceId
    title: str = Field(min_length=1, description="The article's title in its own language.")
    author: str | None = Field(default=None, description="The author, where the article names one.")
    publisher: str | None = Field(default=None, description="The publisher, where known.")
    language: list[Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)]] = Field(min_length=1)
    year: int | None = Field(default=None, ge=1990, le=2100)
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    about: LocalizedText = Field(description="What the source covers, in one or two sentences.")


class SourceList(StrictModel):
    """The list of sources that `sources:` fields cite."""

    kind: Literal["sources"]
    sources: list[Source] = Field(min_length=1)


class Placeholder(StrictModel):
    """A blank a reader fills in before sending a template."""

    name: PlaceholderName
    label: LocalizedText = Field(description="Input label shown to the reader.")
    example: LocalizedText = Field(description="A realistic example value.")
    typical_length: int = Field(gt=0, le=200, description="Length used to check channel limits.")


class PlaceholderList(StrictModel):
    """The placeholders templates may use."""

    kind: Literal["placeholders"]
    placeholders: list[Placeholder] = Field(min_length=1)


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


Document = Principle | Playbook | DecisionTree | CaseStudy | SourceList | PlaceholderList | CoverageMap

#: The model class of each ``kind:`` value.
DOCUMENT_KINDS: dict[str, type[StrictModel]] = {
    "principle": Principle,
    "playbook": Playbook,
    "tree": DecisionTree,
    "case": CaseStudy,
    "sources": SourceList,
    "placeholders": PlaceholderList,
    "coverage": CoverageMap,
}

PLACEHOLDER_IN_TEXT = re.compile(r"\{([^{}]*)\}")


def duration_minutes(duration: str) -> int:
    """Convert a validated duration (``15m``, ``1h``, ``2d``) to minutes, for sorting."""
    value, unit = int(duration[:-1]), duration[-1]
    return value * {"m": 1, "h": 60, "d": 1440}[unit]
