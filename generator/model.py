"""The typed, immutable model of the handbook, built from source_data/ by validate.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from .errors import Origin

SIDES = ("sales", "marketing")

REFERENCES = (
    ("dimension", "theme", "theme"),
    ("dimension", "roles", "role"),
    ("dimension", "stages", "stage"),
    ("debate", "dimensions", "dimension"),
    ("debate", "definitions", "definition"),
    ("role", "team", "team"),
    ("role", "stages", "stage"),
    ("lead", "becomes", "lead"),
    ("lead", "stages", "stage"),
    ("term", "see_also", "term"),
)
"""Every id reference in the model: (kind, field, kind it refers to). Validation checks each one
and the link stage shows each one from both ends."""


@dataclass(frozen=True, slots=True)
class Citation:
    """A reference to one source article, optionally to a section of it."""

    source: str
    section: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """One statement with its own citations: a role's duty or a stage's example."""

    text: str
    cites: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """One part of an article's outline: its heading, or a label for a part without one
    (``opens`` then holds the words that part starts with, for tools/check_sections.py)."""

    label: str
    opens: str = ""


@dataclass(frozen=True, slots=True)
class View:
    """One position in a disagreement between sources, with its own citations."""

    position: str
    text: str
    cites: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Example:
    """An example from the articles, for the sales side, the marketing side or both."""

    side: str
    text: str
    cites: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Entity:
    """Fields every entry shares. ``kind`` names the entity type in links (``kind:id``)."""

    kind: ClassVar[str] = ""
    id: str
    """Kebab-case slug, unique within its kind; also the anchor or file name of its page."""
    name: str
    """The name shown to readers."""
    origin: Origin = field(compare=False)
    """Where the entry starts in source_data/, for error messages and edit links."""
    former_ids: tuple[str, ...] = ()
    """Ids the entry had before a rename; their addresses redirect or anchor to the entry."""


@dataclass(frozen=True, slots=True)
class Source(Entity):
    """A source article (source_data/sources.yaml)."""

    kind: ClassVar[str] = "source"
    short: str = ""
    """The short name on source badges, e.g. 'ExpandCart'."""
    publisher: str = ""
    genre: str = ""
    """vendor-blog, career-guide, personal-blog or business-news (the YAML key is ``kind``)."""
    url: str = ""
    about: str = ""
    """What the piece is, plainly: who publishes it and what, if anything, it sells."""
    summary: str = ""
    author: str = ""
    date: str = ""
    date_note: str = ""
    outline: tuple[Section, ...] = ()

    @property
    def label(self) -> str:
        return self.short or self.publisher or self.name


@dataclass(frozen=True, slots=True)
class Team(Entity):
    """The sales or the marketing team (source_data/teams.yaml)."""

    kind: ClassVar[str] = "team"
    summary: str = ""
    summary_cites: tuple[Citation, ...] = ()
    composition: str = ""
    cites: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Definition(Entity):
    """A core concept such as sales or a sale (source_data/definitions.yaml)."""

    kind: ClassVar[str] = "definition"
    text: str = ""
    views: tuple[View, ...] = ()
    cites: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Theme(Entity):
    """A group of dimensions in the comparison matrix (source_data/themes.yaml)."""

    kind: ClassVar[str] = "theme"
    summary: str = ""


@dataclass(frozen=True, slots=True)
class Dimension(Entity):
    """One way sales and marketing differ (source_data/dimensions.yaml)."""

    kind: ClassVar[str] = "dimension"
    theme: str = ""
    summary: str = ""
    sales: str = ""
    marketing: str = ""
    sales_cites: tuple[Citation, ...] = ()
    marketing_cites: tuple[Citation, ...] = ()
    explanation: str = ""
    examples: tuple[Example, ...] = ()
    roles: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    cites: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Debate(Entity):
    """A point the sources disagree on (source_data/debates.yaml); ``name`` is the question."""

    kind: ClassVar[str] = "debate"
    summary: str = ""
    dimensions: tuple[str, ...] = ()
    definitions: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    """Anchors of the claims elsewhere in the handbook that this debate disputes."""
    views: tuple[View, ...] = ()
    cites: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Role(Entity):
    """A job on the sales or marketing team (source_data/roles.yaml)."""

    kind: ClassVar[str] = "role"
    team: str = ""
    executive: bool = False
    summary: str = ""
    responsibilities: tuple[Claim, ...] = ()
    owns: str = ""
    stages: tuple[str, ...] = ()
    cites: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Stage(Entity):
    """A stage of the marketing funnel or a step of the sales process (source_data/stages.yaml)."""

    kind: ClassVar[str] = "stage"
    flow: str = ""
    owner: str = ""
    summary: str = ""
    examples: tuple[Claim, ...] = ()
    handoff: bool = False
    cites: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Lead(Entity):
    """A lead type: cold, warm or qualified (source_data/leads.yaml)."""

    kind: ClassVar[str] = "lead"
    handled_by: str = ""
    summary: str = ""
    examples: tuple[Claim, ...] = ()
    becomes: str = ""
    stages: tuple[str, ...] = ()
    cites: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Pillar(Entity):
    """One of the 4 P's of marketing (source_data/pillars.yaml)."""

    kind: ClassVar[str] = "pillar"
    summary: str = ""
    considerations: tuple[str, ...] = ()
    examples: tuple[Claim, ...] = ()
    cites: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Element(Entity):
    """Something a sales or marketing strategy involves (source_data/strategy_elements.yaml)."""

    kind: ClassVar[str] = "element"
    side: str = ""
    summary: str = ""
    cites: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Strategy(Entity):
    """A kind of marketing strategy (source_data/marketing_strategies.yaml)."""

    kind: ClassVar[str] = "strategy"
    summary: str = ""
    examples: tuple[Claim, ...] = ()
    cites: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class ProCon(Entity):
    """An advantage or drawback of a strategy (source_data/pros_cons.yaml)."""

    kind: ClassVar[str] = "procon"
    side: str = ""
    verdict: str = ""
    """``pro`` or ``con`` (the YAML key is ``kind``)."""
    summary: str = ""
    cites: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Practice(Entity):
    """An alignment benefit, practice, agreement or finding (source_data/alignment.yaml)."""

    kind: ClassVar[str] = "practice"
    category: str = ""
    """benefit, practice, sla, plumb-line, statistic or communication (the YAML key is ``kind``)."""
    summary: str = ""
    attribution: str = ""
    cites: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Term(Entity):
    """A glossary entry (source_data/glossary.yaml)."""

    kind: ClassVar[str] = "term"
    definition: str = ""
    aliases: tuple[str, ...] = ()
    plurals: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    details: str = ""
    """Optional ``kind:id`` of an entity page that says more."""
    case_sensitive: bool = False
    ignore: tuple[str, ...] = ()
    """Phrases that contain the term but are not mentions of it (e.g. the verb in 'lead to')."""
    cites: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class OverviewPart(Entity):
    """A titled part of the overview the home page opens with (source_data/overview.yaml)."""

    kind: ClassVar[str] = "overview"
    text: str = ""
    """The part's paragraphs, separated by a blank line."""
    cites: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Model:
    """The whole validated handbook; every tuple keeps the order of its YAML file."""

    sources: tuple[Source, ...] = ()
    teams: tuple[Team, ...] = ()
    definitions: tuple[Definition, ...] = ()
    themes: tuple[Theme, ...] = ()
    dimensions: tuple[Dimension, ...] = ()
    debates: tuple[Debate, ...] = ()
    roles: tuple[Role, ...] = ()
    stages: tuple[Stage, ...] = ()
    leads: tuple[Lead, ...] = ()
    pillars: tuple[Pillar, ...] = ()
    elements: tuple[Element, ...] = ()
    strategies: tuple[Strategy, ...] = ()
    pros_cons: tuple[ProCon, ...] = ()
    alignment: tuple[Practice, ...] = ()
    terms: tuple[Term, ...] = ()
    overview: tuple[OverviewPart, ...] = ()

    def entities(self) -> list[Entity]:
        """Every entry of every kind, in a stable order."""
        out: list[Entity] = []
        for name in self.__dataclass_fields__:
            out.extend(getattr(self, name))
        return out
