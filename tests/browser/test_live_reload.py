"""An author's preview in a real browser: with a page open under `mkdocs serve`, saving the YAML
reloads the page by itself with the edit; a broken save leaves the last good page showing, under
a notice that names the file, line and problem, and the next good save takes the notice away."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.error_notice import NOTICE_ID
from tests.test_serve import CHANGE_TIMEOUT, Server, _line_of, _replace_line
from tests.test_serve import server as server  # the fixture, shared with test_serve

pytestmark = [pytest.mark.browser, pytest.mark.engine]


def test_saving_the_yaml_reloads_the_open_page(browser, server: Server, project: Path) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        loads: list[str] = []
        page.on("load", lambda p: loads.append(p.url))
        page.goto(server.base + "glossary/", wait_until="load")
        article = page.locator("article")
        expect(article).to_contain_text("Glossary")

        glossary = project / "source_data" / "glossary.yaml"
        line = _line_of(glossary, "    name: ")  # the first term's name
        _replace_line(glossary, line, "    name: Zorblax manager")
        # Nobody reloads the page here: MkDocs' live-reload script has to.
        expect(article).to_contain_text("Zorblax manager", timeout=CHANGE_TIMEOUT * 1000)
        assert len(loads) >= 2, loads

        notice = page.locator(f"#{NOTICE_ID}")
        expect(notice).to_have_count(0)

        # A mistake: the terminal names the line, the page keeps the last good text, and a
        # notice over it says what is wrong and where, without anyone reloading the page.
        _replace_line(glossary, line, "    name: Zorblax: manager")
        server.wait_for(
            "the problem to be logged",
            lambda: "source_data/glossary.yaml:" in server.text(),
            CHANGE_TIMEOUT,
        )
        expect(notice).to_be_visible(timeout=CHANGE_TIMEOUT * 1000)
        expect(notice).to_have_attribute("role", "alert")
        expect(notice).to_contain_text("The YAML has a problem")
        expect(notice.locator("code")).to_have_text(f"source_data/glossary.yaml:{line}:18")
        expect(notice).to_contain_text("YAML syntax error")
        expect(article).to_contain_text("Zorblax manager")
        # Only the served page carries it: nothing of it is written into docs/.
        docs = project / "docs"
        assert not [p for p in docs.rglob("*.md") if NOTICE_ID in p.read_text(encoding="utf-8")]

        # Fixed: the page follows again, and the notice is gone.
        _replace_line(glossary, line, "    name: Quuxly manager")
        expect(article).to_contain_text("Quuxly manager", timeout=CHANGE_TIMEOUT * 1000)
        expect(notice).to_have_count(0)
    finally:
        context.close()
