"""What each page kind carries besides its template's text: front matter for the theme, and the
source_data/ file its edit button opens."""

from __future__ import annotations

from . import paths

# The map page hides the sidebars to give the map room. (Its drawing and its list stay out of
# search: they repeat the names of entities with pages of their own, and would outrank them.)
MAP_FRONT = {"hide": ["navigation", "toc"], "hb_scripts": ["concept-map"]}

INDEX_OF_OWN_PAGES = (
    (paths.SHARED_PAGES["theme"], paths.OWN_PAGES["dimension"] + "/"),
    (paths.SHARED_PAGES["team"], paths.OWN_PAGES["role"] + "/"),
)
"""Index pages that list entries with a page of their own, and the folder of those pages."""

FRONT_MATTER: dict[str, dict[str, object]] = {
    # The glossary's letter index replaces a 113-entry table of contents, and a search for a
    # term lists its glossary entry before the pages that mention it.
    "glossary": {"toc_depth": 1, "search": {"boost": 4}},
    # The self-check repeats answers and their sources from other pages: search finds those.
    # Its questions are dealt by a script of its own, loaded on this page only.
    "quiz": {"search": {"exclude": True}, "hb_scripts": ["quiz"]},
    # The matrix's explorer filters its rows.
    "matrix": {"hb_scripts": ["explore"]},
}

PAGE_SOURCES = {
    "home": "overview",
    "matrix": "dimension",
    "definitions": "definition",
    "debates": "debate",
    "teams": "role",
    "four_ps": "pillar",
    "journey": "stage",
    "leads": "lead",
    "elements": "element",
    "strategies": "strategy",
    "pros_cons": "procon",
    "alignment": "practice",
    "sources": "source",
    "glossary": "term",
}
