"""The notice an author sees on the open page under ``make serve`` when a save breaks the YAML.

Hugo's and Vite's error overlays are the model: the problems (``file:line:column: message``)
in a panel over the last good page, gone with the next good save. The notice is added to the
HTML the preview server sends (the MkDocs hook's ``on_post_page``, under ``serve`` only) and never
written into docs/ or site/. It is one self-contained piece of HTML with its own style and no
script, so another engine's preview can carry it too: :func:`notice_html` makes it,
:func:`inject` puts it into a page.
"""

from __future__ import annotations

import html

NOTICE_ID = "generator-error-notice"

_STYLE = f"""<style>
#{NOTICE_ID} {{ position: fixed; inset: 0 0 auto 0; z-index: 10000; max-height: 60vh;
  overflow: auto; margin: 0; padding: .75rem 1rem; background: #fff4f4; color: #5c0000;
  border-bottom: 4px solid #b00020; box-shadow: 0 4px 16px rgba(0, 0, 0, .35);
  font: 15px/1.5 system-ui, sans-serif; }}
#{NOTICE_ID} summary {{ cursor: pointer; font-weight: 700; }}
#{NOTICE_ID} ul {{ margin: .5rem 0; padding-left: 1.25rem; }}
#{NOTICE_ID} code {{ font: 14px/1.4 ui-monospace, monospace; color: #5c0000;
  background: #ffe0e0; padding: 0 .2em; overflow-wrap: anywhere; }}
#{NOTICE_ID} p {{ margin: .25rem 0; }}
</style>"""


def notice_html(problems: list[str]) -> str:
    """The notice for ``problems``, each ``path:line:column: message`` (or a plain line)."""
    items = []
    for problem in problems:
        where, sep, message = problem.partition(": ")
        if sep and where.count(":") == 2:
            items.append(f"<li><code>{html.escape(where)}</code> {html.escape(message)}</li>")
        else:
            items.append(f"<li>{html.escape(problem)}</li>")
    count = len(problems)
    noun = "a problem" if count == 1 else f"{count} problems"
    return (
        f'<aside id="{NOTICE_ID}" role="alert" aria-label="Problems in the YAML">{_STYLE}'
        f"<details open><summary>The YAML has {noun}: this page shows the last good "
        "version</summary>"
        f"<ul>{''.join(items)}</ul>"
        "<p>Fix the file and save: the page reloads without this notice.</p>"
        "</details></aside>"
    )


def inject(page: str, notice: str) -> str:
    """``page`` with ``notice`` at the start of its body (at the very start if it has none)."""
    start = page.find("<body")
    if start < 0:
        return notice + page
    end = page.find(">", start)
    return page[: end + 1] + notice + page[end + 1 :]
