"""Contributor safety, validation side (issue 15): one case per mistake, with the exact message
and its file:line:column. Text is data (no line break in a one-line field), glossary forms are
words, look-alike letters and user@host links are refused, and renames and deletes are guided
(former_ids, ids unique across kinds, a missing id says how to fix it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.__main__ import main

from .test_cli import run_cli
from .test_validate import gone, problems, write_model
from .test_write import tree

ONE_LINE = (
    "but this field is one line of text; join the lines (a line break here would change the "
    "page's layout)"
)
UNIQUE = (
    "ids are unique across all kinds, so that a search-and-replace rename changes one entry: "
    "rename one of the two and list the old id under its former_ids"
)


def term_fix(ident: str) -> str:
    """What a glossary term that shares another entry's id is told to do."""
    return (
        "ids are unique across all kinds, so that a search-and-replace rename changes one entry: "
        f"rename the term, e.g. 'id: {ident}-term', and if the term is already published keep "
        f"its old id as 'former_ids: [{ident}]', so that glossary/#{ident} still reaches it"
    )


RENAMED = "  - id: sales-rep\n    former_ids: [sales-representative]\n"

CASES = [
    # 1. Text is data: a line break cannot reach the page's structure.
    pytest.param(
        "dimensions",
        "name: Closing vs. preparing",
        'name: "Closing vs. preparing\\n| a | b |"',
        [
            "source_data/dimensions.yaml:4:11: dimension 'goals': name: contains a line break, "
            + ONE_LINE
        ],
        id="line-break-in-name",
    ),
    pytest.param(
        "roles",
        "name: Marketing manager",
        'name: "Marketing\\rmanager"',
        [
            "source_data/roles.yaml:13:11: role 'marketing-manager': name: contains a carriage "
            "return (\\r), " + ONE_LINE
        ],
        id="carriage-return-in-name",
    ),
    pytest.param(
        "glossary",
        "aliases: [prospect]",
        'aliases: ["pro\\u2028spect"]',
        [
            "source_data/glossary.yaml:6:15: term 'lead': aliases: contains the line separator "
            "U+2028, " + ONE_LINE
        ],
        id="line-separator-in-alias",
    ),
    pytest.param(
        "debates",
        "position: It does not",
        'position: "It does\\n\\n# not"',
        [
            "source_data/debates.yaml:8:19: debate 'who-sells': views: position: contains a line "
            "break, " + ONE_LINE
        ],
        id="line-break-in-nested-field",
    ),
    pytest.param(
        "dimensions",
        "explanation: Each side talks in its own way.",
        'explanation: "Each side talks.\\n\\nIn its own way."',
        [],
        id="paragraphs-in-prose-are-fine",
    ),
    # 6. Words and look-alikes.
    pytest.param(
        "glossary",
        "aliases: [prospect]",
        "aliases: [prospect, the]",
        [
            "source_data/glossary.yaml:6:25: term 'lead': alias 'the' is a common word; as a "
            "glossary form it would be marked all over the site; remove it"
        ],
        id="stop-word-alias",
    ),
    pytest.param(
        "glossary",
        "aliases: [prospect]",
        "aliases: [prospect, s]",
        [
            "source_data/glossary.yaml:6:25: term 'lead': alias 's' has only 1 character; a form "
            "this short is marked inside ordinary text (the 's' of \"month's\"): use a longer "
            "one; remove it"
        ],
        id="one-letter-alias",
    ),
    pytest.param(
        "glossary",
        "aliases: [customer relationship management]",
        "aliases: [customer relationship management]\n    plurals: [CR]",
        [
            "source_data/glossary.yaml:14:15: term 'crm': plural 'CR' has only 2 characters; a "
            "form this short is marked inside ordinary text (the 's' of \"month's\"): use a "
            "longer one; remove it"
        ],
        id="two-letter-plural",
    ),
    pytest.param(
        "glossary",
        "aliases: [prospect]",
        'aliases: [prospect, "2024"]',
        [
            "source_data/glossary.yaml:6:25: term 'lead': alias '2024' holds no letter; a "
            "glossary form must be a word; remove it"
        ],
        id="form-without-letter",
    ),
    pytest.param(
        "glossary",
        "    case_sensitive: true\n    cites: [beta]\n",
        '    case_sensitive: true\n    plurals: ["Cafe\\u0301"]\n    cites: [beta]\n'
        '  - id: cafe\n    name: "Caf\\u00e9"\n    definition: A place.\n    cites: [beta]\n',
        [
            "source_data/glossary.yaml:18:11: term 'cafe': name 'Café' is already the plural of "
            "term 'crm' (the two differ only in how an accented letter is encoded: Unicode "
            "normalisation makes them one word); a word can point to one glossary entry only"
        ],
        id="same-word-in-two-unicode-forms",
    ),
    pytest.param(
        "glossary",
        "name: CRM",
        'name: "C\\u0420M"',
        [
            "source_data/glossary.yaml:11:11: term 'crm': name: the word 'CРM' mixes Latin "
            "letters with Cyrillic ones ('Р' is CYRILLIC CAPITAL LETTER ER), which can look "
            "identical; retype the word in one script"
        ],
        id="mixed-scripts",
    ),
    pytest.param(
        "dimensions",
        "explanation: Each side talks in its own way.",
        "explanation: See [the bank](https://bank@evil.example/).",
        [
            "source_data/dimensions.yaml:26:22: dimension 'methods': explanation: link '[the "
            "bank](https://bank@evil.example/)': the address names a user ('bank@') before its "
            "host, so it leads to 'evil.example' whatever the text before '@' says; remove the "
            "'bank@' part"
        ],
        id="user-in-web-address",
    ),
    # 7. Renames and deletes, guided.
    pytest.param(
        "dimensions",
        "roles: [sales-representative]",
        "roles: [account-manager]",
        [
            "source_data/dimensions.yaml:15:13: dimension 'goals': roles: unknown role "
            "'account-manager'" + gone("role")
        ],
        id="deleted-id-no-far-suggestion",
    ),
    pytest.param(
        "roles",
        "  - id: sales-representative\n",
        RENAMED,
        [
            "source_data/dimensions.yaml:15:13: dimension 'goals': roles: 'sales-representative' "
            "is a former id of role 'sales-rep' (former_ids, line 4 of source_data/roles.yaml); "
            "refer to it by its current id: 'sales-rep'"
        ],
        id="reference-to-former-id",
    ),
    pytest.param(
        "roles",
        "  - id: marketing-manager\n",
        "  - id: marketing-manager\n    former_ids: [marketing-manager]\n",
        [
            "source_data/roles.yaml:13:18: role 'marketing-manager': former_ids: "
            "'marketing-manager' is its own id; remove it"
        ],
        id="former-id-is-own-id",
    ),
    pytest.param(
        "roles",
        "  - id: marketing-manager\n",
        "  - id: marketing-manager\n    former_ids: [sales-representative]\n",
        [
            "source_data/roles.yaml:13:18: role 'marketing-manager': former_ids: "
            "'sales-representative' is the id of another role (line 3); an old id cannot lead "
            "to two entries: remove it here or rename that entry"
        ],
        id="former-id-is-another-id",
    ),
    pytest.param(
        "glossary",
        "  - id: crm\n",
        "  - id: crm\n    former_ids: [letter-c]\n",
        [
            "source_data/glossary.yaml:11:18: term 'crm': former_ids: 'letter-c' is an address "
            "the pages already use for something else (a heading, an index page or a name "
            "Windows refuses); remove it"
        ],
        id="former-id-is-a-heading-anchor",
    ),
    pytest.param(
        "strategy_elements",
        "  - id: market-research\n",
        "  - id: purpose\n",
        [
            "source_data/strategy_elements.yaml:3:9: element 'purpose': id: 'purpose' is already "
            "the id of theme 'purpose' (source_data/themes.yaml:3); " + UNIQUE
        ],
        id="same-id-in-two-kinds",
    ),
    pytest.param(
        "glossary",
        "  - id: crm\n",
        "  - id: purpose\n",
        [
            "source_data/glossary.yaml:7:16: term 'lead': see_also: unknown term 'crm'"
            + gone("term"),
            "source_data/glossary.yaml:10:9: term 'purpose': id: 'purpose' is already the id of "
            "theme 'purpose' (source_data/themes.yaml:3); " + term_fix("purpose"),
        ],
        id="term-sharing-a-theme-id",
    ),
    pytest.param(
        "glossary",
        "  - id: lead\n",
        "  - id: cold-lead\n",
        [
            # The term is the glossary entry of that lead (details: lead:cold-lead): still two
            # entries, and a search-and-replace rename of one would break the other.
            "source_data/glossary.yaml:3:9: term 'cold-lead': id: 'cold-lead' is already the id "
            "of lead 'cold-lead' (source_data/leads.yaml:3); " + term_fix("cold-lead"),
        ],
        id="term-sharing-the-id-its-details-names",
    ),
    pytest.param(
        "roles",
        "  - id: sales-representative\n",
        "  - id: sales-representative\n    former_ids: [lead]\n",
        [],
        id="a-role-former-id-may-be-a-term-id",
    ),
]


@pytest.mark.parametrize(("stem", "old", "new", "expected"), CASES)
def test_safety_message(tmp_path: Path, stem: str, old: str, new: str, expected: list[str]) -> None:
    assert problems(write_model(tmp_path, stem, old, new)) == expected


def test_a_link_to_a_former_id_names_the_current_one(tmp_path: Path) -> None:
    root = write_model(tmp_path, "roles", "  - id: sales-representative\n", RENAMED)
    path = root / "source_data" / "dimensions.yaml"
    text = path.read_text(encoding="utf-8").replace("roles: [sales-representative]", "roles: []")
    text = text.replace(
        "explanation: Each side talks in its own way.",
        "explanation: Ask the [rep](role:sales-representative).",
    )
    path.write_text(text, encoding="utf-8")
    assert problems(root) == [
        "source_data/dimensions.yaml:26:26: dimension 'methods': explanation: link "
        "'[rep](role:sales-representative)': 'sales-representative' is a former id of role "
        "'sales-rep' (former_ids, line 4 of source_data/roles.yaml); refer to it by its current "
        "id: 'sales-rep'"
    ]


def test_one_former_id_for_two_entries(tmp_path: Path) -> None:
    root = write_model(
        tmp_path,
        "roles",
        "  - id: marketing-manager\n",
        "  - id: marketing-manager\n    former_ids: [manager]\n",
    )
    path = root / "source_data" / "roles.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "  - id: sales-representative\n",
        "  - id: sales-representative\n    former_ids: [manager]\n",
    )
    path.write_text(text, encoding="utf-8")
    assert problems(root) == [
        "source_data/roles.yaml:14:18: role 'marketing-manager': former_ids: 'manager' is already "
        "a former id of role 'sales-representative' (line 4); an old id can lead to one entry only"
    ]


def test_a_term_sharing_a_role_id_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    # The case: the term and the role 'sales-representative'. A search-and-replace
    # rename of the role would have renamed the term too and broken its glossary links.
    root = write_model(tmp_path)
    assert main(["build", "--root", str(root)]) == 0
    docs = tree(root / "docs")
    glossary = root / "source_data" / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8").replace("see_also: [crm]", "see_also: []")
    text = text.replace("  - id: crm\n", "  - id: sales-representative\n")
    glossary.write_text(text, encoding="utf-8")
    result = run_cli("--root", str(root))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "source_data/glossary.yaml:10:9: term 'sales-representative': id: 'sales-representative' "
        "is already the id of role 'sales-representative' (source_data/roles.yaml:3); "
        + term_fix("sales-representative"),
        "1 problem in source_data/; nothing was written.",
    ]
    assert tree(root / "docs") == docs
    # The fix the message gives is accepted.
    fixed = "  - id: sales-representative-term\n    former_ids: [sales-representative]\n"
    glossary.write_text(text.replace("  - id: sales-representative\n", fixed), encoding="utf-8")
    assert problems(root) == []
