"""The JSON Schema of every source_data/ file: one definition, used by validation and editors."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import model

SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _text(description: str) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "description": description}


def _ids(kind: str) -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"type": "string", "pattern": SLUG},
        "uniqueItems": True,
        "description": f"Ids of {kind} entries.",
    }


def _strings(description: str) -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"type": "string", "minLength": 1},
        "description": description,
    }


def _enum(values: tuple[str, ...], description: str) -> dict[str, Any]:
    return {"enum": list(values), "description": description}


_SIDE = ("sales", "marketing")
_ID = {"type": "string", "pattern": SLUG, "description": "Kebab-case id, unique within the file."}
_FORMER_IDS = {
    "type": "array",
    "items": {"type": "string", "pattern": SLUG},
    "uniqueItems": True,
    "description": (
        "Ids this entry had before a rename: its old address keeps working (a redirect page, "
        "or an anchor), and a reference to an old id is refused with the current one."
    ),
}
_CITES = {
    "type": "array",
    "minItems": 1,
    "description": "The sources this entry comes from: a source id, or {source, section}.",
    "items": {
        "anyOf": [
            {"type": "string", "pattern": SLUG},
            {
                "type": "object",
                "properties": {
                    "source": {"type": "string", "pattern": SLUG, "description": "A source id."},
                    "section": _text("Where in the article, e.g. its heading."),
                },
                "required": ["source"],
                "additionalProperties": False,
            },
        ]
    },
}
_VIEWS = {
    "type": "array",
    "minItems": 2,
    "description": "The positions the sources take, each with its own citations.",
    "items": {
        "type": "object",
        "properties": {
            "position": _text("The position in a few words."),
            "text": _text("The position explained."),
            "cites": _CITES,
        },
        "required": ["position", "text", "cites"],
        "additionalProperties": False,
    },
}
_EXAMPLES = {
    "type": "array",
    "description": "Examples from the articles.",
    "items": {
        "type": "object",
        "properties": {
            "side": _enum((*_SIDE, "both"), "Which side the example illustrates."),
            "text": _text("The example in your own words."),
            "cites": _CITES,
        },
        "required": ["side", "text", "cites"],
        "additionalProperties": False,
    },
}


_CLAIMS = {
    "type": "array",
    "description": "Statements from the articles, each with its own citations.",
    "items": {
        "type": "object",
        "properties": {
            "text": _text("The statement in your own words."),
            "cites": _CITES,
        },
        "required": ["text", "cites"],
        "additionalProperties": False,
    },
}
_OUTLINE = {
    "type": "array",
    "minItems": 1,
    "description": (
        "The article's own headings, in order; a citation's section must be one of them. "
        "A part without a heading is {section: <label>, opens: <its first words>}."
    ),
    "items": {
        "anyOf": [
            {"type": "string", "minLength": 1},
            {
                "type": "object",
                "properties": {
                    "section": _text("A label for a part of the article with no heading."),
                    "opens": _text("The words that part of the article starts with."),
                },
                "required": ["section", "opens"],
                "additionalProperties": False,
            },
        ]
    },
}
SOURCE_KINDS = ("vendor-blog", "career-guide", "personal-blog", "business-news")


@dataclass(frozen=True, slots=True)
class FileKind:
    """One source_data/ file: its name, top-level key, entity class and entry fields."""

    stem: str
    key: str
    entity: type[model.Entity]
    fields: dict[str, dict[str, Any]]
    required: tuple[str, ...]
    renames: tuple[tuple[str, str], ...] = ()
    """YAML key -> model field, where the model needs another name."""

    @property
    def filename(self) -> str:
        return f"{self.stem}.yaml"

    def _former(self) -> dict[str, Any]:
        # The two team ids are fixed by the format: a team is never renamed.
        return {} if self.entity.kind == "team" else {"former_ids": _FORMER_IDS}

    def json_schema(self) -> dict[str, Any]:
        entry = {
            "type": "object",
            "properties": {"id": _ID, **self.fields, **self._former()},
            "required": ["id", *self.required],
            "additionalProperties": False,
        }
        return {
            "$schema": SCHEMA_DIALECT,
            "$id": f"{self.stem}.schema.json",
            "title": f"source_data/{self.filename}",
            "description": (self.entity.__doc__ or "").strip(),
            "type": "object",
            "properties": {
                "$schema": {"type": "string"},
                self.key: {"type": "array", "items": entry},
            },
            "required": [self.key],
            "additionalProperties": False,
        }


FILES: tuple[FileKind, ...] = (
    FileKind(
        "sources",
        "sources",
        model.Source,
        {
            "title": _text("The article's title."),
            "short": _text("The short name shown on source badges, e.g. 'ExpandCart'."),
            "publisher": _text("Who published it."),
            "kind": _enum(SOURCE_KINDS, "What sort of piece it is."),
            "url": {
                "type": "string",
                "pattern": "^https://[^\\s]+$",
                "description": "The article's public address (https://...).",
            },
            "about": _text("What the piece is, plainly: who publishes it and what it sells."),
            "outline": _OUTLINE,
            "author": _text("The author, where named."),
            "date": {
                "type": "string",
                "pattern": r"^\d{4}-\d{2}-\d{2}$",
                "description": "YYYY-MM-DD",
            },
            "date_note": _text("What the date is, e.g. 'updated'."),
            "summary": _text("One sentence on what the article covers."),
        },
        ("title", "publisher", "summary"),
        (("title", "name"), ("kind", "genre")),
    ),
    FileKind(
        "teams",
        "teams",
        model.Team,
        {
            "name": _text("The team's name."),
            "summary": _text("What the team does."),
            "summary_cites": {**_CITES, "description": "The sources of the summary."},
            "composition": _text("How the team is organised."),
            "cites": _CITES,
        },
        ("name", "summary", "summary_cites", "cites"),
    ),
    FileKind(
        "definitions",
        "definitions",
        model.Definition,
        {
            "name": _text("The concept."),
            "text": _text("The definition; paragraphs separated by a blank line."),
            "views": _VIEWS,
            "cites": _CITES,
        },
        ("name", "text", "cites"),
    ),
    FileKind(
        "themes",
        "themes",
        model.Theme,
        {"name": _text("The theme's name."), "summary": _text("What the theme groups.")},
        ("name", "summary"),
    ),
    FileKind(
        "dimensions",
        "dimensions",
        model.Dimension,
        {
            "name": _text("Short name, e.g. 'Math vs. art'."),
            "theme": {"type": "string", "pattern": SLUG, "description": "A theme id."},
            "summary": _text("One sentence for the matrix."),
            "sales": _text("The sales side."),
            "sales_cites": {**_CITES, "description": "The sources of the sales side."},
            "marketing": _text("The marketing side."),
            "marketing_cites": {**_CITES, "description": "The sources of the marketing side."},
            "explanation": _text("A paragraph or two."),
            "examples": _EXAMPLES,
            "roles": _ids("role"),
            "stages": _ids("stage"),
            "cites": _CITES,
        },
        (
            "name",
            "theme",
            "summary",
            "sales",
            "sales_cites",
            "marketing",
            "marketing_cites",
            "explanation",
            "cites",
        ),
    ),
    FileKind(
        "debates",
        "debates",
        model.Debate,
        {
            "question": _text("The question the sources disagree on."),
            "summary": _text("The disagreement in a sentence."),
            "dimensions": _ids("dimension"),
            "definitions": _ids("definition"),
            "claims": {
                **_ids("claim"),
                "description": "Anchors of the claims it disputes, e.g. goals-sales.",
            },
            "views": _VIEWS,
            "cites": _CITES,
        },
        ("question", "summary", "views"),
        (("question", "name"),),
    ),
    FileKind(
        "roles",
        "roles",
        model.Role,
        {
            "name": _text("The job title."),
            "team": _enum(_SIDE, "The team the role belongs to."),
            "executive": {"type": "boolean", "description": "True for the strategy owners."},
            "summary": _text("The role in a sentence."),
            "responsibilities": {**_CLAIMS, "description": "What the role does, each cited."},
            "owns": _enum(("sales-strategy", "marketing-strategy"), "The strategy it sets."),
            "stages": _ids("stage"),
            "cites": _CITES,
        },
        ("name", "team", "summary", "responsibilities", "cites"),
    ),
    FileKind(
        "stages",
        "stages",
        model.Stage,
        {
            "name": _text("The stage's name."),
            "flow": _enum(
                ("funnel", "sales-process"), "The marketing funnel or the sales process."
            ),
            "owner": _enum(_SIDE, "The team that owns the stage."),
            "summary": _text("What happens at this stage."),
            "examples": {**_CLAIMS, "description": "Examples from the articles, each cited."},
            "handoff": {"type": "boolean", "description": "True where marketing hands to sales."},
            "cites": _CITES,
        },
        ("name", "flow", "owner", "summary", "cites"),
    ),
    FileKind(
        "leads",
        "leads",
        model.Lead,
        {
            "name": _text("The lead type."),
            "handled_by": _enum(_SIDE, "The team that handles it."),
            "summary": _text("What this kind of lead is."),
            "examples": {**_CLAIMS, "description": "Where such leads come from, each cited."},
            "becomes": {"type": "string", "pattern": SLUG, "description": "The next lead type."},
            "stages": _ids("stage"),
            "cites": _CITES,
        },
        ("name", "summary", "cites"),
    ),
    FileKind(
        "pillars",
        "pillars",
        model.Pillar,
        {
            "name": _text("The P."),
            "summary": _text("What it covers."),
            "considerations": _strings("What a marketing team weighs."),
            "examples": {**_CLAIMS, "description": "Examples from the articles, each cited."},
            "cites": _CITES,
        },
        ("name", "summary", "cites"),
    ),
    FileKind(
        "strategy_elements",
        "elements",
        model.Element,
        {
            "name": _text("The element."),
            "side": _enum(_SIDE, "Whose strategy it belongs to."),
            "summary": _text("What it involves."),
            "cites": _CITES,
        },
        ("name", "side", "summary", "cites"),
    ),
    FileKind(
        "marketing_strategies",
        "strategies",
        model.Strategy,
        {
            "name": _text("The kind of marketing."),
            "summary": _text("What it is."),
            "examples": {**_CLAIMS, "description": "Examples from the articles, each cited."},
            "cites": _CITES,
        },
        ("name", "summary", "cites"),
    ),
    FileKind(
        "pros_cons",
        "pros_cons",
        model.ProCon,
        {
            "name": _text("The advantage or drawback."),
            "side": _enum(_SIDE, "Whose strategy."),
            "kind": _enum(("pro", "con"), "An advantage or a drawback."),
            "summary": _text("The explanation."),
            "cites": _CITES,
        },
        ("name", "side", "kind", "summary", "cites"),
        (("kind", "verdict"),),
    ),
    FileKind(
        "alignment",
        "alignment",
        model.Practice,
        {
            "name": _text("The benefit, practice or finding."),
            "kind": _enum(
                ("benefit", "practice", "sla", "plumb-line", "statistic", "communication"),
                "What sort of alignment item it is.",
            ),
            "summary": _text("The explanation."),
            "attribution": _text("Who published a statistic."),
            "cites": _CITES,
        },
        ("name", "kind", "summary", "cites"),
        (("kind", "category"),),
    ),
    FileKind(
        "glossary",
        "terms",
        model.Term,
        {
            "name": _text("The term as readers see it."),
            "definition": _text("One or two sentences."),
            "aliases": _strings("Other forms: abbreviations, spelled-out forms, variants."),
            "plurals": _strings("Irregular plural forms ('s'/'es' are added automatically)."),
            "see_also": _ids("term"),
            "details": {
                "type": "string",
                "pattern": "^[a-z]+:[a-z0-9]+(-[a-z0-9]+)*$",
                "description": "kind:id of an entity page that says more, e.g. lead:cold-lead.",
            },
            "case_sensitive": {"type": "boolean", "description": "Match only this exact case."},
            "ignore": _strings(
                "Phrasings that contain the term but not in its sense, never linked; include the "
                "word that makes the difference, e.g. 'who leads' (the verb) for Lead."
            ),
            "cites": _CITES,
        },
        ("name", "definition", "cites"),
    ),
    FileKind(
        "overview",
        "overview",
        model.OverviewPart,
        {
            "name": _text("The part's heading on the home page."),
            "text": _text("The part; paragraphs separated by a blank line."),
            "cites": _CITES,
        },
        ("name", "text", "cites"),
    ),
)

BY_STEM = {f.stem: f for f in FILES}


def schema_text(kind: FileKind) -> str:
    """The JSON Schema file editors read, byte-for-byte as committed in generator/schemas/."""
    return json.dumps(kind.json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> int:
    """Write every file's schema for editors (the YAML modelines point at these files)."""
    folder.mkdir(parents=True, exist_ok=True)
    for kind in FILES:
        (folder / f"{kind.stem}.schema.json").write_text(schema_text(kind), encoding="utf-8")
    return len(FILES)
