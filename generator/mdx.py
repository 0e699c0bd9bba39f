"""A Markdown extension both engines load (``mkdocs.yml``: ``- generator.mdx``): lighter pages.

With ``content.tooltips`` the theme mounts a tooltip, with its observers, on every element that
has a ``title``: 135 heading permalinks on the glossary alone, where that work was most of the
blocking time Lighthouse measured. Permalinks and footnote arrows get their name from
``aria-label`` instead (screen readers read the same words; no tooltip is mounted).

Citations are footnotes, and a source cited by forty statements on a page got forty "jump back"
arrows in its footnote: 177 links on the glossary alone. Each footnote keeps one arrow, to its
first citation. The footnote list is also marked ``data-search-exclude``: it repeats the same
five source titles on every page, and was a third of the search index every page loads.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

_REPEATED_BACKREF = re.compile(
    r'\s*<a class="footnote-backref" href="#fnref\d+:[^"]*"[^>]*>.*?</a>'
)
_FOOTNOTES = '<div class="footnote">'
_TITLED = re.compile(r'(<a class="(?:headerlink|footnote-backref)" href="[^"]*") title=')


class _LightFootnotes(Postprocessor):  # type: ignore[misc]  # markdown ships no types
    def run(self, text: str) -> str:
        text = _TITLED.sub(r"\1 aria-label=", text)
        if _FOOTNOTES not in text:
            return text
        text = _REPEATED_BACKREF.sub("", text)
        return text.replace(_FOOTNOTES, '<div class="footnote" data-search-exclude>')


class HandbookExtension(Extension):  # type: ignore[misc]  # markdown ships no types
    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's name
        # After the footnotes extension's own postprocessor (25), which writes the arrows.
        md.postprocessors.register(_LightFootnotes(md), "handbook_footnotes", 5)


def makeExtension(**kwargs: Any) -> HandbookExtension:  # Python-Markdown's name
    return HandbookExtension(**kwargs)
