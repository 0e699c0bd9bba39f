"""Cross-file checks of the text inside an entry: citations of known sources, and links in
text (``[label](kind:id)`` to a known entry, ``[label](https://...)`` to a plain address, and
what looks like a link but is not one). Split from crossfile.py, which calls them per entry."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import checks_text, markup, references
from .errors import Problem
from .load import Located, LocatedList, find_in_value
from .wording import DETAILS, SLUG, did_you_mean, quote

_LINK_TAIL = "]("


def check_citations(
    label: str, entry: Located, sources: dict[str, Located], former: references.Former
) -> Iterator[Problem]:
    for cites in _all_citations(entry):
        for cite, origin in zip(cites, cites.item_origins, strict=True):
            source = cite.get("source") if isinstance(cite, dict) else cite
            if isinstance(source, str) and SLUG.fullmatch(source) and source not in sources:
                if isinstance(cite, Located):
                    origin = cite.value_origins.get("source", origin)
                if source in former.get("source", {}):
                    msg = references.missing("source", source, sources, former)
                    yield Problem(origin, f"{label}cites: {msg}")
                    continue
                yield Problem(
                    origin,
                    f"{label}cites: unknown source '{source}'{did_you_mean(source, sources)}; "
                    "add it to source_data/sources.yaml or fix the id",
                )


_LINK_HELP = "links are [label](https://...) or [label](kind:id)"


def check_links(
    label: str,
    text: str,
    container: Located | LocatedList,
    key: str | int,
    ids: dict[str, dict[str, Located]],
    usable: frozenset[str],
    former: references.Former,
) -> Iterator[Problem]:
    field = f"{key}: " if isinstance(key, str) else ""
    for paragraph in markup.paragraphs(text):
        for span in markup.parse(paragraph):
            if span.kind != "link":
                if _LINK_TAIL in span.text:
                    yield _almost_link(label, field, span.text, container, key)
                continue
            shown = f"[{span.text}]({span.target})"
            at = find_in_value(container, key, shown, f"]({span.target})")
            target = markup.entity_target(span.target)
            if markup.is_web_target(span.target):
                refused = checks_text.web_address(span.target)
                if refused:
                    yield Problem(at, f"{label}{field}link '{shown}': {refused}")
                continue
            if target is None or target[0] not in ids:
                yield Problem(at, f"{label}{field}link '{shown}': {_bad_target(span.target, ids)}")
            elif target[0] in usable and target[1] not in ids[target[0]]:
                msg = unknown_target(target, ids, former)
                yield Problem(at, f"{label}{field}link '{shown}': {msg}")


def _almost_link(
    label: str, field: str, text: str, container: Located | LocatedList, key: str | int
) -> Problem:
    at = text.index(_LINK_TAIL)
    start = text.rfind("[", 0, at)
    start = max(start if start >= 0 else at - 20, 0)
    end = text.find(")", at)
    end = end + 1 if end >= 0 else min(at + 30, len(text))
    snippet = text[start:end]
    return Problem(
        find_in_value(container, key, text[at : at + 12]),
        f"{label}{field}{quote(snippet)} looks like a link but is not one: {_LINK_HELP}, with "
        "no spaces, brackets or parentheses inside the ( ); the text would show as typed",
    )


def _bad_target(target: str, ids: dict[str, dict[str, Located]]) -> str:
    scheme = target.split(":", 1)[0].lower() if ":" in target else ""
    if scheme in ("javascript", "vbscript", "data", "file"):
        return f"'{scheme}:' links are not allowed; {_LINK_HELP}"
    if scheme in ("http", "https"):
        return (
            "the address is not a plain http(s) address (characters such as | \\ ^ { } [ ] < > "
            f"must be percent-encoded, e.g. %7C); {_LINK_HELP}"
        )
    if scheme and DETAILS.fullmatch(target):
        hint = did_you_mean(scheme, ids)
        return f"unknown kind '{scheme}'{hint}; kinds: {', '.join(sorted(ids))}"
    return f"{_LINK_HELP} (kinds: {', '.join(sorted(ids))})"


def unknown_target(
    target: tuple[str, str], ids: dict[str, dict[str, Located]], former: references.Former
) -> str:
    kind, ident = target
    if kind not in ids:
        return f"unknown kind '{kind}'{did_you_mean(kind, ids)}; kinds: {', '.join(sorted(ids))}"
    return references.missing(kind, ident, ids[kind], former)


def _all_citations(node: Any) -> Iterator[LocatedList]:
    if isinstance(node, Located):
        for key, value in node.items():
            if (key == "cites" or key.endswith("_cites")) and isinstance(value, LocatedList):
                yield value
            else:
                yield from _all_citations(value)
    elif isinstance(node, LocatedList):
        for item in node:
            yield from _all_citations(item)


_NOT_TEXT = frozenset(
    {"id", "cites", "source", "section", "date", "details", "see_also", "theme", "url", "claims"}
    | {"sales_cites", "marketing_cites", "summary_cites", "outline", "opens"}
)


def texts(node: Any) -> Iterator[tuple[str, Located | LocatedList, str | int]]:
    """Every text that may hold inline markup, with its container and key."""
    if isinstance(node, Located):
        for key, value in node.items():
            if key in _NOT_TEXT:
                continue
            if isinstance(value, str):
                yield value, node, key
            else:
                yield from texts(value)
    elif isinstance(node, LocatedList):
        for index, item in enumerate(node):
            if isinstance(item, str):
                yield item, node, index
            else:
                yield from texts(item)
