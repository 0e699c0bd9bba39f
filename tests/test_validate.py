"""Validation: every mistake in source_data/ is named with its file, line and column.

The cases edit one file of a small, valid model (``MODEL``, also used by the other test modules)
and assert the exact messages. Line numbers refer to the edited text of ``MODEL``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import SourceError
from generator.schema import FILES
from generator.validate import load_model

_FILE = {kind.entity.kind: kind.filename for kind in FILES}


def gone(kind: str) -> str:
    """What a reference to a missing id says after naming it."""
    return (
        f": no entry in source_data/{_FILE[kind]} has this id; restore the entry, or remove or "
        "change this reference"
    )


MODEL: dict[str, str] = {
    "sources": """\
# yaml-language-server: $schema=../generator/schemas/sources.schema.json
sources:
  - id: alpha
    title: The alpha article
    publisher: Alpha blog
    date: "2023-05-01"
    summary: Compares selling and marketing side by side.
  - id: beta
    title: The beta article
    publisher: Beta magazine
    summary: Lists the roles of each team.
""",
    "teams": """\
# yaml-language-server: $schema=../generator/schemas/teams.schema.json
teams:
  - id: sales
    name: Sales team
    summary: Turns interested buyers into customers.
    cites: [alpha]
    summary_cites: [alpha]
  - id: marketing
    name: Marketing team
    summary: Makes buyers aware of the offer.
    cites: [alpha]
    summary_cites: [alpha]
""",
    "definitions": """\
# yaml-language-server: $schema=../generator/schemas/definitions.schema.json
definitions:
  - id: sales
    name: Sales
    text: >-
      Everything a company does to close deals with buyers.
    cites: [alpha]
""",
    "themes": """\
# yaml-language-server: $schema=../generator/schemas/themes.schema.json
themes:
  - id: purpose
    name: Purpose
    summary: What each side is for.
""",
    "dimensions": """\
# yaml-language-server: $schema=../generator/schemas/dimensions.schema.json
dimensions:
  - id: goals
    name: Closing vs. preparing
    theme: purpose
    summary: Sales closes deals; marketing prepares the ground.
    sales: Close the deal with one buyer.
    marketing: Reach many buyers at once.
    explanation: >-
      Both sides serve revenue, in different ways.
    examples:
      - side: sales
        text: A rep calls a warm lead.
        cites: [alpha]
    roles: [sales-representative]
    stages: [prospecting]
    cites: [alpha]
    sales_cites: [alpha]
    marketing_cites: [alpha]
  - id: methods
    name: Asking vs. telling
    theme: purpose
    summary: Sales asks questions; marketing tells stories.
    sales: Ask questions.
    marketing: Tell stories.
    explanation: Each side talks in its own way.
    cites:
      - {source: beta, section: "Methods"}
    sales_cites: [beta]
    marketing_cites: [beta]
""",
    "debates": """\
# yaml-language-server: $schema=../generator/schemas/debates.schema.json
debates:
  - id: who-sells
    question: Does marketing sell?
    summary: The articles disagree.
    dimensions: [goals]
    views:
      - position: It does not
        text: Marketing only prepares.
        cites: [alpha]
      - position: It does
        text: Marketing sells at scale.
        cites: [beta]
""",
    "roles": """\
# yaml-language-server: $schema=../generator/schemas/roles.schema.json
roles:
  - id: sales-representative
    name: Sales representative
    team: sales
    summary: Talks to buyers and closes deals.
    responsibilities:
      - {text: Present the offer, cites: [beta]}
      - {text: Close the sale, cites: [beta]}
    stages: [prospecting]
    cites: [beta]
  - id: marketing-manager
    name: Marketing manager
    team: marketing
    summary: Runs the campaigns.
    responsibilities: [{text: Plan campaigns, cites: [beta]}]
    stages: [awareness]
    cites: [beta]
""",
    "stages": """\
# yaml-language-server: $schema=../generator/schemas/stages.schema.json
stages:
  - id: awareness
    name: Awareness
    flow: funnel
    owner: marketing
    summary: A buyer learns the company exists.
    handoff: true
    cites: [alpha]
  - id: prospecting
    name: Prospecting
    flow: sales-process
    owner: sales
    summary: Sales looks for buyers.
    cites: [alpha]
""",
    "leads": """\
# yaml-language-server: $schema=../generator/schemas/leads.schema.json
leads:
  - id: cold-lead
    name: Cold lead
    handled_by: marketing
    summary: Someone who has not shown interest yet.
    becomes: qualified-lead
    stages: [awareness]
    cites: [alpha]
  - id: qualified-lead
    name: Qualified lead
    handled_by: sales
    summary: Someone ready to talk to sales.
    cites: [alpha]
""",
    "pillars": """\
# yaml-language-server: $schema=../generator/schemas/pillars.schema.json
pillars:
  - id: price
    name: Price
    summary: What the buyer pays.
    considerations: [Costs]
    cites: [alpha]
""",
    "strategy_elements": """\
# yaml-language-server: $schema=../generator/schemas/strategy_elements.schema.json
elements:
  - id: market-research
    name: Market research
    side: marketing
    summary: Study the market.
    cites: [alpha]
  - id: lead-qualification
    name: Lead qualification
    side: sales
    summary: Decide which leads to pursue.
    cites: [alpha]
""",
    "marketing_strategies": """\
# yaml-language-server: $schema=../generator/schemas/marketing_strategies.schema.json
strategies:
  - id: content-marketing
    name: Content marketing
    summary: Publish useful articles.
    examples: [{text: A blog, cites: [beta]}]
    cites: [beta]
""",
    "pros_cons": """\
# yaml-language-server: $schema=../generator/schemas/pros_cons.schema.json
pros_cons:
  - id: reach
    side: marketing
    kind: pro
    name: Wide reach
    summary: Marketing reaches many buyers.
    cites: [beta]
""",
    "alignment": """\
# yaml-language-server: $schema=../generator/schemas/alignment.schema.json
alignment:
  - id: shared-goals
    kind: practice
    name: Shared goals
    summary: Both teams work to the same targets.
    cites: [beta]
""",
    "glossary": """\
# yaml-language-server: $schema=../generator/schemas/glossary.schema.json
terms:
  - id: lead
    name: Lead
    definition: A person who might buy.
    aliases: [prospect]
    see_also: [crm]
    details: lead:cold-lead
    cites: [alpha]
  - id: crm
    name: CRM
    definition: Software that keeps track of customers.
    aliases: [customer relationship management]
    case_sensitive: true
    cites: [beta]
""",
    "overview": """\
# yaml-language-server: $schema=../generator/schemas/overview.schema.json
overview: []
""",
}


def write_model(root: Path, stem: str = "", old: str = "", new: str = "") -> Path:
    """Write MODEL to ``root/source_data`` (with one replacement in ``stem``); returns root."""
    folder = root / "source_data"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in MODEL.items():
        if name == stem:
            assert old in text, f"{old!r} is not in {name}.yaml"
            text = text.replace(old, new, 1)
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return root


def problems(root: Path) -> list[str]:
    """The messages load_model reports for the project at ``root`` (none when it is valid)."""
    try:
        load_model(root / "source_data", root)
    except SourceError as exc:
        return [str(problem) for problem in exc.problems]
    return []


def test_the_model_is_valid(tmp_path: Path) -> None:
    root = write_model(tmp_path)
    model = load_model(root / "source_data", root)
    assert len(model.entities()) == 23
    assert [d.id for d in model.dimensions] == ["goals", "methods"]


def test_model_covers_every_file() -> None:
    assert set(MODEL) == {kind.stem for kind in FILES}


# (file, text, replacement, every message, in order)
CASES = [
    pytest.param(
        "roles",
        "stages: [prospecting]",
        "stages: [prospectin]",
        [
            (
                "source_data/roles.yaml:10:14: role 'sales-representative': stages: unknown "
                "stage 'prospectin'" + gone("stage") + " (did you mean 'prospecting'?)"
            ),
        ],
        id="unknown-reference",
    ),
    pytest.param(
        "roles",
        "    stages: [prospecting]\n",
        "    stages:\n      - prospectin\n",
        [
            (
                "source_data/roles.yaml:11:9: role 'sales-representative': stages: unknown "
                "stage 'prospectin'" + gone("stage") + " (did you mean 'prospecting'?)"
            ),
        ],
        id="unknown-reference-block-list",
    ),
    pytest.param(
        "pillars",
        "considerations: [Costs]",
        "considerations: Costs",
        [
            (
                "source_data/pillars.yaml:6:21: pillar 'price': considerations: "
                "should be a list, not text; write it as a list: [Costs]"
            ),
        ],
        id="wrong-type-list",
    ),
    pytest.param(
        "themes",
        "name: Purpose",
        "name: [Purpose]",
        [
            "source_data/themes.yaml:4:11: theme 'purpose': name: should be text, not a list",
        ],
        id="wrong-type-text",
    ),
    pytest.param(
        "stages",
        "handoff: true",
        "handoff: sometimes",
        [
            (
                "source_data/stages.yaml:8:14: stage 'awareness': handoff: should be true or "
                "false, not text"
            ),
        ],
        id="wrong-type-boolean",
    ),
    pytest.param(
        "themes",
        "name: Purpose",
        "name:",
        [
            (
                "source_data/themes.yaml:4:10: theme 'purpose': name: is empty; write some text "
                "or remove the field"
            ),
        ],
        id="null-value",
    ),
    pytest.param(
        "roles",
        "    summary: Runs the campaigns.\n",
        "",
        [
            (
                "source_data/roles.yaml:12:5: role 'marketing-manager': missing required field "
                "'summary'"
            ),
        ],
        id="missing-field",
    ),
    pytest.param(
        "themes",
        "    name: Purpose\n    summary: What each side is for.\n",
        "",
        [
            "source_data/themes.yaml:3:5: theme 'purpose': missing required field 'name'",
            "source_data/themes.yaml:3:5: theme 'purpose': missing required field 'summary'",
        ],
        id="missing-fields",
    ),
    pytest.param(
        "roles",
        "    summary: Runs the campaigns.\n",
        "    sumary: Runs the campaigns.\n",
        [
            (
                "source_data/roles.yaml:12:5: role 'marketing-manager': missing required field "
                "'summary'"
            ),
            (
                "source_data/roles.yaml:15:5: role 'marketing-manager': unknown field 'sumary' "
                "(did you mean 'summary'?); allowed: cites, executive, former_ids, id, name, owns, "
                "responsibilities, stages, summary, team"
            ),
        ],
        id="unknown-field",
    ),
    pytest.param(
        "dimensions",
        "        text: A rep calls a warm lead.\n",
        "        txt: A rep calls a warm lead.\n",
        [
            (
                "source_data/dimensions.yaml:12:9: dimension 'goals': examples: missing "
                "required field 'text'"
            ),
            (
                "source_data/dimensions.yaml:13:9: dimension 'goals': examples: unknown field "
                "'txt' (did you mean 'text'?); allowed: cites, side, text"
            ),
        ],
        id="unknown-field-nested",
    ),
    pytest.param(
        "roles",
        "team: marketing",
        "team: marketting",
        [
            (
                "source_data/roles.yaml:14:11: role 'marketing-manager': team: 'marketting' is "
                "not one of: sales, marketing (did you mean 'marketing'?)"
            ),
        ],
        id="enum",
    ),
    pytest.param(
        "themes",
        "  - id: purpose\n",
        "  - purpose\n  - id: purpose\n",
        [
            (
                "source_data/themes.yaml:3:5: each entry should be a mapping of field: value "
                "(id: ..., name: ...), not text"
            ),
        ],
        id="entry-not-mapping",
    ),
    pytest.param(
        "roles",
        "id: marketing-manager",
        "id: sales-representative",
        [
            (
                "source_data/roles.yaml:12:9: role 'sales-representative': duplicate id: "
                "'sales-representative' is already the id of the entry at line 3; ids must be "
                "unique, so rename one"
            ),
        ],
        id="duplicate-id",
    ),
    pytest.param(
        "roles",
        "id: marketing-manager",
        "id: Sales-Representative",
        [
            (
                "source_data/roles.yaml:12:9: id: 'Sales-Representative' is not a valid id "
                "(lowercase only); e.g. 'sales-representative'"
            ),
            (
                "source_data/roles.yaml:12:9: role 'Sales-Representative': duplicate id: it "
                "equals 'sales-representative' (line 3) but for case; ids must be unique, so "
                "rename one"
            ),
        ],
        id="duplicate-id-case",
    ),
    pytest.param(
        "roles",
        "id: marketing-manager",
        "id: sales_representative",
        [
            (
                "source_data/roles.yaml:12:9: id: 'sales_representative' is not a valid id "
                "(hyphens, not underscores); e.g. 'sales-representative'"
            ),
            (
                "source_data/roles.yaml:12:9: role 'sales_representative': duplicate id: it "
                "gives the same page address as 'sales-representative' (line 3); ids must be "
                "unique, so rename one"
            ),
        ],
        id="duplicate-id-file-name",
    ),
    pytest.param(
        "dimensions",
        "id: methods",
        "id: ../../etc/passwd",
        [
            (
                "source_data/dimensions.yaml:20:9: id: '../../etc/passwd' is not a valid id "
                "(ids become file names and addresses, so no '/', '\\' or '..'); e.g. "
                "'etc-passwd'"
            ),
        ],
        id="id-path-separator",
    ),
    pytest.param(
        "dimensions",
        "id: methods",
        "id: a/b",
        [
            (
                "source_data/dimensions.yaml:20:9: id: 'a/b' is not a valid id (ids become file "
                "names and addresses, so no '/', '\\' or '..'); e.g. 'a-b'"
            ),
        ],
        id="id-slash",
    ),
    pytest.param(
        "dimensions",
        "id: methods",
        "id: asking vs telling",
        [
            (
                "source_data/dimensions.yaml:20:9: id: 'asking vs telling' is not a valid id "
                "(no spaces); e.g. 'asking-vs-telling'"
            ),
        ],
        id="id-space",
    ),
    pytest.param(
        "dimensions",
        "  - id: methods\n",
        "  - id: |\n      methods\n",
        [
            (
                "source_data/dimensions.yaml:20:9: id: 'methods\\n' is not a valid id (it has "
                "spaces or a line break around it); e.g. 'methods'"
            ),
        ],
        id="id-line-break",
    ),
    pytest.param(
        "dimensions",
        "id: methods",
        "id: " + "-".join(["word"] * 20),
        [
            (
                "source_data/dimensions.yaml:20:9: id: "
                "'word-word-word-word-word-word-word-word-word-word-word-wo...' is 99 "
                "characters long; keep ids to 80 at most (they become file names and addresses)"
            ),
        ],
        id="id-too-long",
    ),
    pytest.param(
        "dimensions",
        "id: methods",
        "id: index",
        [
            (
                "source_data/dimensions.yaml:20:9: dimension 'index': the id 'index' is "
                "reserved (it would replace a section's index page)"
            ),
        ],
        id="id-reserved-index",
    ),
    pytest.param(
        "roles",
        "id: marketing-manager",
        "id: con",
        [
            (
                "source_data/roles.yaml:12:9: role 'con': the id 'con' cannot be a file name on "
                "Windows; choose another"
            ),
        ],
        id="id-windows-name",
    ),
    pytest.param(
        "stages",
        "id: awareness",
        "id: marketing-funnel",
        [
            "source_data/leads.yaml:8:14: lead 'cold-lead': stages: unknown stage 'awareness'"
            + gone("stage"),
            (
                "source_data/roles.yaml:17:14: role 'marketing-manager': stages: "
                "unknown stage 'awareness'" + gone("stage")
            ),
            (
                "source_data/stages.yaml:3:9: stage 'marketing-funnel': the id "
                "'marketing-funnel' is already the anchor of a heading on journey/index.md; "
                "choose another"
            ),
        ],
        id="id-anchor-stage",
    ),
    pytest.param(
        "glossary",
        "id: crm",
        "id: letter-c",
        [
            "source_data/glossary.yaml:7:16: term 'lead': see_also: unknown term 'crm'"
            + gone("term"),
            (
                "source_data/glossary.yaml:10:9: term 'letter-c': the id 'letter-c' is already "
                "the anchor of a heading on glossary/index.md; choose another"
            ),
        ],
        id="id-anchor-term",
    ),
    pytest.param(
        "teams",
        "id: marketing",
        "id: marketers",
        [
            (
                "source_data/teams.yaml:8:9: team 'marketers': the two teams are 'sales' and "
                "'marketing' (roles name them); not 'marketers' (did you mean 'marketing'?)"
            ),
        ],
        id="team-id",
    ),
    pytest.param(
        "dimensions",
        "theme: purpose\n    summary: Sales asks",
        "theme: purpse\n    summary: Sales asks",
        [
            (
                "source_data/dimensions.yaml:22:12: dimension 'methods': theme: "
                "unknown theme 'purpse'" + gone("theme") + " (did you mean 'purpose'?)"
            ),
        ],
        id="unknown-theme",
    ),
    pytest.param(
        "debates",
        "dimensions: [goals]",
        "dimensions: [goal]",
        [
            (
                "source_data/debates.yaml:6:18: debate 'who-sells': dimensions: unknown "
                "dimension 'goal'" + gone("dimension") + " (did you mean 'goals'?)"
            ),
        ],
        id="unknown-dimension",
    ),
    pytest.param(
        "leads",
        "becomes: qualified-lead",
        "becomes: qualified",
        [
            (
                "source_data/leads.yaml:7:14: lead 'cold-lead': becomes: unknown lead 'qualified'"
                + gone("lead")
                + " (did you mean 'qualified-lead'?)"
            ),
        ],
        id="unknown-lead",
    ),
    pytest.param(
        "glossary",
        "see_also: [crm]",
        "see_also: [cmr]",
        [
            (
                "source_data/glossary.yaml:7:16: term 'lead': see_also: unknown term 'cmr'"
                + gone("term")
                + " (did you mean 'crm'?)"
            ),
        ],
        id="unknown-see-also",
    ),
    pytest.param(
        "glossary",
        "see_also: [crm]",
        "see_also: [lead]",
        [
            "source_data/glossary.yaml:7:16: term 'lead': see_also: a term cannot refer to itself",
        ],
        id="see-also-self",
    ),
    pytest.param(
        "glossary",
        "details: lead:cold-lead",
        "details: lead:cold",
        [
            (
                "source_data/glossary.yaml:8:14: term 'lead': details: unknown lead 'cold'"
                + gone("lead")
                + " (did you mean 'cold-lead'?)"
            ),
        ],
        id="unknown-details-id",
    ),
    pytest.param(
        "glossary",
        "details: lead:cold-lead",
        "details: leed:cold-lead",
        [
            (
                "source_data/glossary.yaml:8:14: term 'lead': details: unknown kind 'leed' (did "
                "you mean 'lead'?); kinds: debate, definition, dimension, element, lead, "
                "overview, pillar, practice, procon, role, source, stage, strategy, team, term, "
                "theme"
            ),
        ],
        id="unknown-details-kind",
    ),
    pytest.param(
        "teams",
        (
            "- id: marketing\n    name: Marketing team\n    summary: Makes buyers aware of the "
            "offer.\n    cites: [alpha]\n    summary_cites: [alpha]\n"
        ),
        "",
        [
            (
                "source_data/roles.yaml:14:11: role 'marketing-manager': team: there is no team "
                "'marketing' in source_data/teams.yaml"
            ),
        ],
        id="unknown-team",
    ),
    pytest.param(
        "roles",
        "stages: [awareness]",
        "stages: [awareness, awareness]",
        [
            (
                "source_data/roles.yaml:17:13: role 'marketing-manager': stages: lists "
                "'awareness' more than once"
            ),
        ],
        id="repeated-reference",
    ),
    pytest.param(
        "glossary",
        "aliases: [customer relationship management]",
        "aliases: [customer relationship management, lead]",
        [
            (
                "source_data/glossary.yaml:13:49: term 'crm': alias 'lead' is already the name "
                "of term 'lead'; a word can point to one glossary entry only"
            ),
        ],
        id="glossary-alias-is-name",
    ),
    pytest.param(
        "glossary",
        "aliases: [prospect]",
        "aliases: [prospect, Customer Relationship Management]",
        [
            (
                "source_data/glossary.yaml:13:15: term 'crm': alias 'customer relationship "
                "management' is already the alias of term 'lead'; a word can point to one "
                "glossary entry only"
            ),
        ],
        id="glossary-alias-case",
    ),
    pytest.param(
        "glossary",
        "aliases: [prospect]",
        "aliases: [prospect, CRMs]",
        [
            (
                "source_data/glossary.yaml:6:25: term 'lead': alias 'CRMs' is also the "
                "automatic plural of 'CRM' (term 'crm'); a word can point to one glossary entry "
                "only: rename one of them"
            ),
        ],
        id="glossary-automatic-plural",
    ),
    pytest.param(
        "pillars",
        "cites: [alpha]",
        "cites: [alpah]",
        [
            (
                "source_data/pillars.yaml:7:13: pillar 'price': cites: unknown source 'alpah' "
                "(did you mean 'alpha'?); add it to source_data/sources.yaml or fix the id"
            ),
        ],
        id="unknown-source-bare",
    ),
    pytest.param(
        "dimensions",
        '{source: beta, section: "Methods"}',
        '{source: gamma, section: "Methods"}',
        [
            (
                "source_data/dimensions.yaml:28:18: dimension 'methods': cites: unknown source "
                "'gamma'; add it to source_data/sources.yaml or fix the id"
            ),
        ],
        id="unknown-source-mapping",
    ),
    pytest.param(
        "dimensions",
        '{source: beta, section: "Methods"}',
        '{source: beta, sectoin: "Methods"}',
        [
            (
                "source_data/dimensions.yaml:28:24: dimension 'methods': cites: unknown field "
                "'sectoin' (did you mean 'section'?); allowed: section, source"
            ),
        ],
        id="citation-unknown-field",
    ),
    pytest.param(
        "pillars",
        "cites: [alpha]",
        "cites: [Alpha Blog]",
        [
            (
                "source_data/pillars.yaml:7:13: pillar 'price': cites: 'Alpha Blog' is not a "
                "valid id (no spaces); e.g. 'alpha-blog'"
            ),
        ],
        id="citation-not-id",
    ),
    pytest.param(
        "pillars",
        "cites: [alpha]",
        "cites: []",
        [
            "source_data/pillars.yaml:7:12: pillar 'price': cites: list at least one source",
        ],
        id="citations-empty",
    ),
    pytest.param(
        "debates",
        ("- position: It does\n        text: Marketing sells at scale.\n        cites: [beta]\n"),
        "",
        [
            "source_data/debates.yaml:8:7: debate 'who-sells': views: needs at least 2 items",
        ],
        id="views-too-few",
    ),
    pytest.param(
        "dimensions",
        "Both sides serve revenue, in different ways.",
        "Both sides serve [revenue](javascript:alert), in different ways.",
        [
            (
                "source_data/dimensions.yaml:10:24: dimension 'goals': explanation: link "
                "'[revenue](javascript:alert)': 'javascript:' links are not allowed; links are "
                "[label](https://...) or [label](kind:id)"
            ),
        ],
        id="link-javascript",
    ),
    pytest.param(
        "dimensions",
        "explanation: Each side talks in its own way.",
        "explanation: Each side [talks](dimension:goal) in its own way.",
        [
            (
                "source_data/dimensions.yaml:26:28: dimension 'methods': explanation: link "
                "'[talks](dimension:goal)': unknown dimension 'goal'"
                + gone("dimension")
                + " (did you mean 'goals'?)"
            ),
        ],
        id="link-unknown-id",
    ),
    pytest.param(
        "dimensions",
        "explanation: Each side talks in its own way.",
        "explanation: Each side [talks](dimensoin:goals) in its own way.",
        [
            (
                "source_data/dimensions.yaml:26:28: dimension 'methods': explanation: link "
                "'[talks](dimensoin:goals)': unknown kind 'dimensoin' (did you mean "
                "'dimension'?); kinds: debate, definition, dimension, element, lead, overview, "
                "pillar, practice, procon, role, source, stage, strategy, team, term, theme"
            ),
        ],
        id="link-unknown-kind",
    ),
    pytest.param(
        "dimensions",
        "explanation: Each side talks in its own way.",
        "explanation: Each side [talks](https://example.com/a|b) in its own way.",
        [
            (
                "source_data/dimensions.yaml:26:28: dimension 'methods': explanation: link "
                "'[talks](https://example.com/a|b)': the address is not a plain http(s) address "
                "(characters such as | \\ ^ { } [ ] < > must be percent-encoded, e.g. %7C); "
                "links are [label](https://...) or [label](kind:id)"
            ),
        ],
        id="link-bad-address",
    ),
    pytest.param(
        "dimensions",
        "explanation: Each side talks in its own way.",
        "explanation: Each side [talks](mailto:a@example.com) in its own way.",
        [
            (
                "source_data/dimensions.yaml:26:28: dimension 'methods': explanation: link "
                "'[talks](mailto:a@example.com)': links are [label](https://...) or "
                "[label](kind:id) (kinds: debate, definition, dimension, element, lead, overview, "
                "pillar, practice, procon, role, source, stage, strategy, team, term, theme)"
            ),
        ],
        id="link-mailto",
    ),
    pytest.param(
        "dimensions",
        "explanation: Each side talks in its own way.",
        "explanation: Each side [talks](https://example.com/a_(b)) in its own way.",
        [
            (
                "source_data/dimensions.yaml:26:34: dimension 'methods': explanation: "
                "'[talks](https://example.com/a_(b)' looks like a link but is not one: links "
                "are [label](https://...) or [label](kind:id), with no spaces, brackets or "
                "parentheses inside the ( ); the text would show as typed"
            ),
        ],
        id="link-broken",
    ),
    pytest.param(
        "dimensions",
        "      Both sides serve revenue, in different ways.\n",
        "      Both sides serve revenue,\n      in different ways, says [this](term:leed).\n",
        [
            (
                "source_data/dimensions.yaml:11:31: dimension 'goals': explanation: link "
                "'[this](term:leed)': unknown term 'leed'"
                + gone("term")
                + " (did you mean 'lead'?)"
            ),
        ],
        id="link-in-long-text",
    ),
    pytest.param(
        "themes",
        "name: Purpose",
        "name: '   '",
        [
            (
                "source_data/themes.yaml:4:11: theme 'purpose': name: is blank; write some text "
                "or remove it"
            ),
        ],
        id="blank-text",
    ),
    pytest.param(
        "themes",
        "name: Purpose",
        "name: ''",
        [
            (
                "source_data/themes.yaml:4:11: theme 'purpose': name: is empty; write some text "
                "or remove it"
            ),
        ],
        id="empty-text",
    ),
    pytest.param(
        "pillars",
        "considerations: [Costs]",
        "considerations: [Costs, '']",
        [
            (
                "source_data/pillars.yaml:6:29: pillar 'price': considerations: an "
                "item is empty; write some text or remove it"
            ),
        ],
        id="empty-list-item",
    ),
    pytest.param(
        "themes",
        "name: Purpose",
        'name: "Pur\\u202epose"',
        [
            (
                "source_data/themes.yaml:4:11: theme 'purpose': name: contains the invisible "
                "character U+202E (RIGHT-TO-LEFT OVERRIDE); delete it (it often comes with "
                "pasted text)"
            ),
        ],
        id="invisible-character",
    ),
    pytest.param(
        "themes",
        "name: Purpose",
        'name: "Pur\\x02pose"',
        [
            (
                "source_data/themes.yaml:4:11: theme 'purpose': name: contains the invisible "
                "character U+0002 (a control character); delete it (it often comes with pasted "
                "text)"
            ),
        ],
        id="control-character",
    ),
    pytest.param(
        "sources",
        'date: "2023-05-01"',
        'date: "01/05/2023"',
        [
            (
                "source_data/sources.yaml:6:11: source 'alpha': date: '01/05/2023' should be a "
                "date written YYYY-MM-DD"
            ),
        ],
        id="date-format",
    ),
    pytest.param(
        "sources",
        'date: "2023-05-01"',
        'date: "2023-02-30"',
        [
            (
                "source_data/sources.yaml:6:11: source 'alpha': date: '2023-02-30' is not a "
                "date in the calendar; check the numbers"
            ),
        ],
        id="date-calendar",
    ),
    pytest.param(
        "stages",
        "    owner: sales\n",
        "    owner: sales\n    handoff: true\n",
        [
            (
                "source_data/stages.yaml:14:14: stage 'prospecting': handoff: only one stage "
                "can be the handoff to sales; 'awareness' (line 8) already is"
            ),
        ],
        id="handoff-twice",
    ),
    pytest.param(
        "themes",
        "themes:\n  - id: purpose\n    name: Purpose\n    summary: What each side is for.\n",
        "- id: purpose\n  name: Purpose\n  summary: What each side is for.\n",
        [
            (
                "source_data/themes.yaml:2:1: the file holds a list, not the expected shape: "
                "expected a top-level key 'themes:' holding a list of entries"
            ),
        ],
        id="top-level-list",
    ),
    pytest.param(
        "themes",
        "themes:",
        "theme:",
        [
            (
                "source_data/themes.yaml:2:1: expected a top-level key 'themes:' holding a list "
                "of entries (found 'theme' (did you mean 'themes'?))"
            ),
        ],
        id="top-level-missing-key",
    ),
    pytest.param(
        "themes",
        "themes:",
        "extra: 1\nthemes:",
        [
            (
                "source_data/themes.yaml:2:1: unknown top-level key 'extra'; the file holds one "
                "key, 'themes:'"
            ),
        ],
        id="top-level-extra-key",
    ),
    pytest.param(
        "themes",
        "themes:\n  - id: purpose\n    name: Purpose\n    summary: What each side is for.\n",
        "themes:\n  id: purpose\n  name: Purpose\n  summary: What each side is for.\n",
        [
            "source_data/themes.yaml:3:3: themes: should be a list, not a mapping of field: value",
        ],
        id="top-level-not-list",
    ),
    pytest.param(
        "pillars",
        "cites: [alpha]",
        "cites: alpha",
        [
            (
                "source_data/pillars.yaml:7:12: pillar 'price': cites: should be a list, not "
                "text; write it as a list: [alpha]"
            ),
        ],
        id="cites-not-list",
    ),
    pytest.param(
        "dimensions",
        "      - side: sales\n",
        "      - side: seller\n",
        [
            (
                "source_data/dimensions.yaml:12:15: dimension 'goals': examples: side: 'seller' "
                "is not one of: sales, marketing, both"
            ),
        ],
        id="example-side",
    ),
]


@pytest.mark.parametrize(("stem", "old", "new", "expected"), CASES)
def test_mistake_is_named_with_its_line(
    tmp_path: Path, stem: str, old: str, new: str, expected: list[str]
) -> None:
    assert problems(write_model(tmp_path, stem, old, new)) == expected


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    root = write_model(tmp_path, "roles", "stages: [prospecting]", "stages: [prospectin]")
    path = root / "source_data" / "themes.yaml"
    path.write_text(path.read_text().replace("name: Purpose", "name: ''"))
    path = root / "source_data" / "sources.yaml"
    path.write_text(path.read_text().replace("title: The beta", "titel: The beta"))
    assert problems(root) == [
        "source_data/roles.yaml:10:14: role 'sales-representative': stages: "
        "unknown stage 'prospectin'" + gone("stage") + " (did you mean 'prospecting'?)",
        "source_data/sources.yaml:8:5: source 'beta': missing required field 'title'",
        "source_data/sources.yaml:9:5: source 'beta': unknown field 'titel' (did you mean "
        "'title'?); allowed: about, author, date, date_note, former_ids, id, kind, outline, "
        "publisher, short, summary, title, url",
        "source_data/themes.yaml:4:11: theme 'purpose': name: is empty; write some text or "
        "remove it",
    ]


def test_a_faulty_entry_still_answers_references(tmp_path: Path) -> None:
    """One mistake in an entry does not make every reference to it a second problem."""
    root = write_model(tmp_path, "stages", "    owner: marketing\n", "    owner: marketeers\n")
    assert problems(root) == [
        "source_data/stages.yaml:6:12: stage 'awareness': owner: 'marketeers' is not one of: "
        "sales, marketing (did you mean 'marketing'?)",
    ]


def test_a_broken_file_does_not_cascade(tmp_path: Path) -> None:
    """A stage file that cannot be read is one problem, not one per reference to a stage."""
    root = write_model(tmp_path, "stages", "  - id: awareness", "  - id: awareness\n\t")
    assert problems(root) == [
        "source_data/stages.yaml:4:1: a tab character is used for indentation; YAML needs "
        "spaces (use 2 spaces per level)",
    ]


# --- whole files ---------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    root = write_model(tmp_path)
    (root / "source_data" / "pillars.yaml").unlink()
    assert problems(root) == [
        "source_data/pillars.yaml:1:1: the file pillars.yaml is missing; every source_data/ "
        "file must be present (write 'pillars: []' for one without entries)",
    ]


def test_empty_file(tmp_path: Path) -> None:
    root = write_model(tmp_path)
    (root / "source_data" / "pillars.yaml").write_text("# nothing yet\n")
    assert problems(root) == [
        "source_data/pillars.yaml:1:1: the file is empty; it should hold one top-level key "
        "with a list of entries",
    ]


def test_file_with_no_entries_is_valid(tmp_path: Path) -> None:
    root = write_model(tmp_path)
    (root / "source_data" / "pillars.yaml").write_text("pillars: []\n")
    assert problems(root) == []


def test_file_holding_text(tmp_path: Path) -> None:
    root = write_model(tmp_path)
    (root / "source_data" / "pillars.yaml").write_text("just some words\n")
    assert problems(root) == [
        "source_data/pillars.yaml:1:1: the file holds text, not the expected shape: expected a "
        "top-level key 'pillars:' holding a list of entries",
    ]


def test_unknown_and_misnamed_files(tmp_path: Path) -> None:
    root = write_model(tmp_path)
    folder = root / "source_data"
    (folder / "glosary.yaml").write_text("terms: []\n")
    (folder / "pillars.yaml").rename(folder / "pillars.yml")
    (folder / "notes.txt").write_text("ignored\n")
    (folder / ".glossary.yaml.swp").write_text("ignored\n")
    (folder / "glossary.yaml~").write_text("ignored\n")
    assert problems(root) == [
        "source_data/glosary.yaml:1:1: unknown file 'glosary.yaml' (did you mean "
        "'glossary.yaml'?); source_data/ holds only: alignment.yaml, debates.yaml, "
        "definitions.yaml, dimensions.yaml, glossary.yaml, leads.yaml, "
        "marketing_strategies.yaml, overview.yaml, pillars.yaml, pros_cons.yaml, roles.yaml, "
        "sources.yaml, stages.yaml, strategy_elements.yaml, teams.yaml, themes.yaml",
        "source_data/pillars.yml:1:1: rename 'pillars.yml' to 'pillars.yaml' (the generator "
        "reads .yaml files)",
    ]


def test_folder_named_like_a_file(tmp_path: Path) -> None:
    root = write_model(tmp_path)
    (root / "source_data" / "pillars.yaml").unlink()
    (root / "source_data" / "pillars.yaml").mkdir()
    assert problems(root) == [
        "source_data/pillars.yaml:1:1: 'pillars.yaml' is not a regular file",
    ]


def test_missing_source_folder(tmp_path: Path) -> None:
    assert problems(tmp_path) == [
        "source_data:1:1: the folder source_data/ is missing; run the generator from the "
        "project root",
    ]


def test_problems_are_sorted_and_unique(tmp_path: Path) -> None:
    root = write_model(tmp_path, "roles", "stages: [awareness]", "stages: [awarenes, awarenes]")
    found = problems(root)
    assert found == sorted(set(found), key=found.index)
    assert found == [
        "source_data/roles.yaml:17:13: role 'marketing-manager': stages: lists 'awarenes' more "
        "than once",
        "source_data/roles.yaml:17:14: role 'marketing-manager': stages: unknown stage 'awarenes'"
        + gone("stage")
        + " (did you mean 'awareness'?)",
        "source_data/roles.yaml:17:24: role 'marketing-manager': stages: unknown stage 'awarenes'"
        + gone("stage")
        + " (did you mean 'awareness'?)",
    ]


def test_invisible_characters_are_exactly_controls_surrogates_and_bidi_marks() -> None:
    """The one-regex check agrees with Unicode's categories on every code point."""
    import unicodedata

    from generator.validate import _BIDI, _invisible

    def expected(char: str) -> bool:
        if char in "\t\n\r":
            return False
        return unicodedata.category(char) in ("Cc", "Cs") or char in _BIDI

    wrong = [
        f"U+{code:04X}"
        for code in range(0x110000)
        if (_invisible(chr(code)) is not None) != expected(chr(code))
    ]
    assert wrong == []
