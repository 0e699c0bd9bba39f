"""What the comparison explorer needs to know of each matrix row, written into the page.

The matrix page stays a plain table; each row's first cell carries a hidden marker with the
row's theme and two flags, and ``docs/assets/js/explore.js`` filters the rows by them. The flags
come from the model: a dimension is *contested* when a debate names it, and rests on *one source*
when everything it cites comes from a single article.
"""

from __future__ import annotations

from .escape import attribute
from .link import Index
from .model import Dimension


def contested(dim: Dimension, index: Index) -> bool:
    return bool(index.referrers(dim, "debate"))


def sources(dim: Dimension) -> set[str]:
    """The distinct articles a dimension cites: its own, its sides' and its examples'."""
    cited = {c.source for c in (*dim.cites, *dim.sales_cites, *dim.marketing_cites)}
    for example in dim.examples:
        cited.update(c.source for c in example.cites)
    return cited


def marker(dim: Dimension, index: Index) -> str:
    """The hidden element the script reads; inline HTML, so it fits in a table cell."""
    flags = {
        "theme": dim.theme,
        "contested": str(contested(dim, index)).lower(),
        "single-source": str(len(sources(dim)) == 1).lower(),
    }
    data = " ".join(f'data-{key}="{attribute(value)}"' for key, value in flags.items())
    return f'<span class="hb-explore-row" hidden {data}></span>'
