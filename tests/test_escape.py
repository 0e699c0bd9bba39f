"""Text is data: whatever YAML text holds appears literally on the page, and no HTML gets through.

Three levels: the escaping functions themselves; PageText output rendered by Python-Markdown with
the site's own extensions (fast, many cases); and one real `mkdocs build` of a model full of
hostile text, checked in the built HTML.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from generator import escape, markup
from generator.diagram import funnel
from generator.link import Index, PageText
from generator.model import Stage
from generator.validate import load_model

from .conftest import mkdocs_build
from .test_validate import write_model

ROOT = Path(__file__).resolve().parent.parent
INJECTED = {"script", "img", "iframe", "style", "object", "embed", "form", "input", "svg", "div"}


# --- the escaping functions -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain words", "plain words"),
        ("a | b", "a &#124; b"),
        ("5 * 3 and _x_", "5 \\* 3 and \\_x\\_"),
        ("<b>&amp;</b>", "&lt;b&gt;&amp;amp;&lt;/b&gt;"),
        ("[x](y) ![i](s)", "\\[x\\]\\(y\\) \\!\\[i\\]\\(s\\)"),
        ("`code` \\", "\\`code\\` \\\\"),
        ("# {{ x }} {% y %}", "\\# &#123;&#123; x &#125;&#125; &#123;% y %&#125;"),
        ("~~s~~ ^^i^^", "&#126;&#126;s&#126;&#126; &#94;&#94;i&#94;&#94;"),
        ("a\x02wzxhzdk:0\x03b", "a\ufffdwzxhzdk:0\ufffdb"),
        ("non\u00a0breaking", "non breaking"),
    ],
)
def test_text(value: str, expected: str) -> None:
    assert escape.text(value) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- item", "\\- item"),
        ("---", "\\---"),
        ("+ item", "\\+ item"),
        ("1. item", "1\\. item"),
        ("2024. A year", "2024\\. A year"),
        ('=== "Tab"', '&#61;== "Tab"'),
        ("??? note", "&#63;?? note"),
        (": term", ": term"),
        ("\\!\\!\\! note", "\\!\\!\\! note"),
        ("plain - text", "plain - text"),
    ],
)
def test_block_start(line: str, expected: str) -> None:
    assert escape.block_start(line) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('say "hi" & <go>', "say &quot;hi&quot; &amp; &lt;go&gt;"),
        ("it's", "it&#x27;s"),
        ("a ] b [ c", "a &#93; b &#91; c"),
        ("a | b", "a &#124; b"),
        ("`x` \\ *y* _z_", "&#96;x&#96; &#92; &#42;y&#42; &#95;z&#95;"),
        ("two\nlines", "two lines"),
    ],
)
def test_attribute(value: str, expected: str) -> None:
    assert escape.attribute(value) == expected


# --- PageText, rendered by Python-Markdown with the site's extensions ------------------------


def _extensions() -> tuple[list[str], dict[str, Any]]:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, options = [], {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            ((name, value),) = item.items()
            names.append(name)
            options[name] = value or {}
        else:
            names.append(item)
    return names, options


EXTENSIONS = _extensions()


def to_html(text: str) -> str:
    names, options = EXTENSIONS
    return markdown.markdown(text, extensions=names, extension_configs=options)


class Html(HTMLParser):
    """Elements with their attributes and their whole text content (descendants included)."""

    VOID = frozenset({"img", "br", "hr", "input", "meta", "link", "area", "source", "wbr"})

    def __init__(self, html: str, within: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self.within = within
        self.inside = not within
        self.elements: list[dict[str, Any]] = []
        self._open: list[dict[str, Any]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.inside:
            self.inside = tag == "article" and self.within in (dict(attrs).get("class") or "")
            if not self.inside:
                return
        element = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i]["tag"] == tag:
                del self._open[i:]
                break
        if tag == "article" and self.within:
            self.inside = False

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element["text"] += data

    def texts(self, *tags: str) -> list[str]:
        return [shown(e["text"]) for e in self.elements if e["tag"] in tags]

    def tags(self) -> set[str]:
        return {e["tag"] for e in self.elements}


def shown(text: str) -> str:
    """Text as a reader sees it: whitespace runs as one space, no heading permalink sign."""
    return " ".join(text.replace("¶", " ").split())


def visible(value: str) -> str:
    """What a YAML text shows on the page: its markup applied, whitespace folded."""
    return shown(markup.plain(value).translate({0x02: "\ufffd", 0x03: "\ufffd"}))


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    root = write_model(tmp_path_factory.mktemp("model"))
    return Index(load_model(root / "source_data", root))


HOSTILE = [
    "a | b || c",
    "5 * 3 and 2*x*y and * alone",
    "snake_case_word and _under_ and __dunder__",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "<!-- comment --> <div>block</div>",
    "[x] [^1] [[wiki]] ![alt]",
    "# not a heading",
    "## also not {#anchor}",
    "*[HTML]: Hyper Text",
    "[^1]: not a footnote",
    "- not a list",
    "+ not a list",
    "1. not a list",
    "1) not a list",
    "> not a quote",
    "!!! note",
    '??? note "Details"',
    '=== "Tab"',
    "---",
    "***",
    "___",
    "`code` and ``double`` and a lone `",
    "{{ jinja }} {% block x %} {# c #}",
    "{: .class onclick='alert(1)' }",
    "&amp; &lt;b&gt; &#60; &copy;",
    "back\\slash \\* \\_ \\\\",
    "~~strike~~ ^^ins^^ ==mark== :smile:",
    "<http://example.com> and https://example.com",
    "| a | b |",
    "tab\tinside",
    "cell with a\nnewline inside",
    "C# and F# and #hashtag",
    "end with a brace }",
    "a]b[c)d(e",
    "\u202a unusual but visible: é ß 漢字 😀",
    "a\x02wzxhzdk:0\x03b",
]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("context", ["table cell", "paragraph", "list item", "heading"])
def test_hostile_text_appears_literally(index: Index, value: str, context: str) -> None:
    text = PageText(index, "dimensions/x.md")
    if context == "table cell":
        source = f"| Name | Side |\n| --- | --- |\n| first | {text.inline(value)} |\n"
        tag = "td"
    elif context == "paragraph":
        source = f"Before.\n\n{text.block(value)}\n\nAfter.\n"
        tag = "p"
    elif context == "list item":
        source = f"- first\n- {text.inline(value)}\n- last\n"
        tag = "li"
    else:
        source = f"### {text.plain(value)} {{#anchor}}\n"
        tag = "h3"
    page = Html(to_html(source))
    assert visible(value) in page.texts(tag), to_html(source)
    assert not page.tags() & INJECTED
    structure = {"table cell": {"table", "thead", "tbody", "tr", "th"}, "list item": {"ul"}}
    assert page.tags() <= {*structure.get(context, ()), tag, "p", "a", "abbr"}
    for element in page.elements:
        assert not any(name.startswith("on") for name in element["attrs"])
        assert not str(element["attrs"].get("href", "")).lower().startswith("javascript")
    if context == "table cell":
        assert len(page.texts("td")) == 2  # the row was not split


@pytest.mark.parametrize(
    "value",
    [
        "[click](javascript:alert(1))",
        "[click](javascript:alert)",
        "[click](data:text/html,x)",
        "[click](nowhere:methods)",
        "[click](https://example.com/a|b)",
        '[click](https://x.y/"onmouseover="alert)',
    ],
)
def test_links_validation_would_refuse_are_shown_as_text(index: Index, value: str) -> None:
    """Validation refuses these; if one got through, it would still be harmless text."""
    text = PageText(index, "dimensions/x.md")
    page = Html(to_html(text.block(value)))
    assert page.texts("p") == [shown(value)]
    assert "a" not in page.tags()


def test_allowed_markup_still_works(index: Index) -> None:
    text = PageText(index, "dimensions/x.md")
    html = to_html(
        text.block(
            "Some *emphasis*, some **strength**, [a site](https://example.com/a_b?c=d&e=f) "
            "and [a page](dimension:methods) about a lead."
        )
    )
    page = Html(html)
    assert page.texts("em") == ["emphasis"]
    assert page.texts("strong") == ["strength"]
    hrefs = [e["attrs"]["href"] for e in page.elements if e["tag"] == "a"]
    assert hrefs == ["https://example.com/a_b?c=d&e=f", "methods.md", "../glossary/index.md#lead"]
    assert page.texts("p") == ["Some emphasis, some strength, a site and a page about a lead."]


def test_a_hostile_tooltip_stays_an_attribute(tmp_path: Path) -> None:
    definition = '"><script>alert(1)</script> a ] b | c `d` \\e *f*'
    root = write_model(
        tmp_path,
        "glossary",
        "definition: A person who might buy.",
        f"definition: {json.dumps(definition)}",
    )
    index = Index(load_model(root / "source_data", root))
    text = PageText(index, "compare/index.md")
    cell = text.inline("Call the lead | then the lead again.")
    page = Html(to_html(f"| A | B |\n| --- | --- |\n| x | {cell} |\n"))
    titles = [e["attrs"].get("title") for e in page.elements if e["tag"] == "abbr"]
    assert titles == [markup.plain(definition)] * 2
    assert page.texts("td")[1] == "Call the lead | then the lead again."
    assert not page.tags() & INJECTED


def test_a_hostile_stage_name_in_the_diagram(tmp_path: Path) -> None:
    name = '</text><script>alert(1)</script><text>"& ]|'
    stage = Stage(id="s", name=name, origin=None, flow="funnel", owner="sales")  # type: ignore[arg-type]
    page = Html(to_html(funnel([stage], "Funnel & <friends>") + "\n"))
    assert page.texts("text") == [shown(name)] * 2  # the wide and the narrow drawing
    assert "script" not in page.tags()
    assert page.texts("figcaption") == ["Funnel & <friends>"]


# --- one real site ---------------------------------------------------------------------------

SITE_TEXT = {
    # (file, YAML text to replace, what comes before the value, hostile value)
    "name": (
        "dimensions",
        "name: Closing vs. preparing",
        "name: ",
        "A | B <b>bold</b> 5 * 3 `x` {{ y }}",
    ),
    "sales": (
        "dimensions",
        "sales: Close the deal with one buyer.",
        "sales: ",
        "a | b <script>alert(1)</script> *[HTML]: x [y] {% z %} `c` snake_case\nnext line",
    ),
    "explanation": (
        "dimensions",
        "explanation: >-\n      Both sides serve revenue, in different ways.",
        "explanation: ",
        "# not a heading\n\n*[HTML]: not an abbreviation\n\n- not a list\n\n"
        '<img src=x onerror=alert(1)>\n\n!!! note\n\n=== "Tab"\n\n---\n\n{{ x }} {% y %}',
    ),
    "responsibility": (
        "roles",
        "{text: Present the offer,",
        "{text: ",
        "# Present | the <i>offer</i> `now`",
    ),
    "stage": ("stages", "name: Awareness", "name: ", "Aware<script>alert(1)</script>ness & | ]"),
    "definition": (
        "glossary",
        "definition: A person who might buy.",
        "definition: ",
        '"><img src=x onerror=alert(1)> a ] b | c `d`',
    ),
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    write_model(project)
    for stem, old, before, value in SITE_TEXT.values():
        path = project / "source_data" / f"{stem}.yaml"
        text = path.read_text(encoding="utf-8")
        assert old in text
        tail = "," if old.endswith(",") else ""  # inside a flow mapping: keep its comma
        path.write_text(text.replace(old, before + json.dumps(value) + tail, 1), encoding="utf-8")
    site = project.parent / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def _starts(texts: list[str], value: str) -> bool:
    return any(text.startswith(value) for text in texts)


def article(site: Path, page: str) -> Html:
    return Html((site / page).read_text(encoding="utf-8"), within="md-content__inner")


@pytest.mark.engine
def test_hostile_text_on_the_built_site(hostile_site: Path) -> None:
    pages = {
        name: article(hostile_site, name)
        for name in [
            "compare/index.html",
            "dimensions/goals/index.html",
            "teams/sales-representative/index.html",
            "journey/index.html",
            "glossary/index.html",
            "quiz/index.html",  # YAML text in raw HTML (escaped as HTML, not Markdown)
        ]
    }
    for name, page in pages.items():
        assert page.elements, name
        allowed = {"div", "svg", "input"}
        if name == "compare/index.html":  # the explorer's form, one, from the template
            forms = [e["attrs"].get("class") for e in page.elements if e["tag"] == "form"]
            assert forms == ["hb-explore"], forms
            allowed.add("form")
        assert not page.tags() & (INJECTED - allowed), name
        for element in page.elements:
            assert not any(attr.startswith("on") for attr in element["attrs"]), (name, element)
            assert "javascript" not in str(element["attrs"].get("href", "")), (name, element)
    compare, dimension = pages["compare/index.html"], pages["dimensions/goals/index.html"]
    # a claim's cell or item ends with its source badges
    assert _starts(compare.texts("td"), visible(SITE_TEXT["sales"][3]))
    assert visible(SITE_TEXT["name"][3]) in compare.texts("td")
    assert len(compare.texts("tr")) == 3  # header and two dimensions: no row was split
    assert visible(SITE_TEXT["sales"][3]) in pages["quiz/index.html"].texts("p")
    assert dimension.texts("h1") == [visible(SITE_TEXT["name"][3])]
    assert _starts(dimension.texts("p"), visible(SITE_TEXT["sales"][3]))
    paragraphs = dimension.texts("p")
    for part in SITE_TEXT["explanation"][3].split("\n\n"):
        assert part in paragraphs or _starts(paragraphs, part), part  # the last has badges
    role = pages["teams/sales-representative/index.html"]
    assert _starts(role.texts("li"), visible(SITE_TEXT["responsibility"][3]))
    journey = pages["journey/index.html"]
    assert any(visible(SITE_TEXT["stage"][3]) in shape for shape in journey.texts("text"))
    assert visible(SITE_TEXT["stage"][3]) in journey.texts("h3")
    glossary = pages["glossary/index.html"]
    definition = visible(SITE_TEXT["definition"][3])
    assert _starts(glossary.texts("p"), definition)  # then its source badges
    titles = {e["attrs"].get("title") for e in dimension.elements if e["tag"] == "abbr"}
    assert visible(SITE_TEXT["definition"][3]) in titles
