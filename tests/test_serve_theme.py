"""The theme cache of ``mkdocs serve`` (generator/serve_theme.py): an unchanged page reuses its HTML
and search entries, and anything the HTML is read from renders it again. The first tests pin the
MkDocs and Material internals it relies on: they fail, loudly, when an upgrade changes them."""

from __future__ import annotations

import inspect
import json
import re
from importlib import metadata
from pathlib import Path
from typing import Any

import material
from material.plugins.search import plugin as search_plugin
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin

from generator import serve_theme
from generator.serve_theme import PageCache

UPGRADE = (
    "MkDocs or Material changed: check generator/serve_theme.py against the new internals "
    "(how _build_page renders a page, the template context, SearchIndex), then update VERIFIED"
)


def test_the_installed_versions_are_the_ones_checked() -> None:
    assert serve_theme.supported() is None, f"{serve_theme.supported()}. {UPGRADE}"
    for name, version in serve_theme.VERIFIED.items():
        assert metadata.version(name) == version, UPGRADE


def test_mkdocs_renders_a_page_the_way_the_cache_expects() -> None:
    source = inspect.getsource(mkdocs_build._build_page)
    steps = [
        "context = get_context(nav, doc_files, config, page)",
        "template = env.get_template(page.meta.get('template', 'main.html'))",
        "context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)",
        "output = template.render(context)",
        "output = config.plugins.on_post_page(output, page=page, config=config)",
    ]
    at = [source.find(step) for step in steps]
    assert -1 not in at and at == sorted(at), UPGRADE
    build = inspect.getsource(mkdocs_build.build)
    assert build.index("config.plugins.on_nav(") < build.index("config.plugins.on_env("), UPGRADE
    assert build.index("config.plugins.on_env(") < build.index("_build_page("), UPGRADE


def test_the_template_context_holds_what_the_key_covers() -> None:
    config = load_config(config_file=str(Path(__file__).parent.parent / "mkdocs.yml"))
    context = mkdocs_build.get_context(nav=None, files=[], config=config)  # type: ignore[arg-type]
    assert set(context) == {
        "nav", "pages", "base_url", "extra_css", "extra_javascript", "mkdocs_version",
        "build_date_utc", "config", "page",
    }, UPGRADE  # fmt: skip


def test_no_template_reads_the_build_date() -> None:
    """The key leaves out build_date_utc, which changes every build: no template of this site's
    theme shows it (for a theme whose templates do, the cache keys on it: nothing is reused)."""
    folders = [Path(material.__file__).parent / "templates"]
    folders.append(Path(__file__).parent.parent / "overrides")
    readers = [
        str(path)
        for folder in folders
        for path in folder.rglob("*.html")
        if "build_date_utc" in path.read_text(encoding="utf-8", errors="replace")
    ]
    assert not readers, f"{readers} show the build date: the theme cache must key on it"


def test_material_search_indexes_a_page_the_way_the_cache_expects() -> None:
    on_context = inspect.getsource(search_plugin.SearchPlugin.on_page_context)
    assert "self.search_index.add_entry_from_context(page)" in on_context, UPGRADE
    adds = inspect.getsource(search_plugin.SearchIndex.create_entry_for_section)
    assert "self.entries.append(entry)" in adds, UPGRADE
    index = search_plugin.SearchIndex()
    assert index.entries == [], UPGRADE


# --- behaviour ------------------------------------------------------------------------------


class _Serving(BasePlugin):  # type: ignore[type-arg]
    """What the hook does under serve, for one PageCache kept across builds."""

    def __init__(self, cache: PageCache) -> None:
        super().__init__()
        self.cache = cache
        self.nav: Any = None

    def on_nav(self, nav: Any, *, config: Any, files: Any) -> Any:
        self.nav = nav
        return nav

    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        self.cache.start(env, config, self.nav, files)
        return env


def _site(root: Path) -> None:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "overrides").mkdir(exist_ok=True)
    for name, text in {
        "index.md": "# Home\n\nWelcome.\n",
        "a.md": "# Alpha\n\n## Part\n\nText of a.\n",
        "b.md": "# Beta\n\nText of b.\n",
    }.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    (root / "overrides" / "main.html").write_text('{% extends "base.html" %}\n', encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: t\nsite_url: https://example.org/\n"
        "theme:\n  name: material\n  custom_dir: overrides\nplugins:\n  - search\n",
        encoding="utf-8",
    )


def _build(root: Path, cache: PageCache) -> dict[str, str]:
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins["serving"] = _Serving(cache)
    config.plugins.on_startup(command="serve", dirty=False)
    mkdocs_build.build(config, serve_url="http://127.0.0.1:8000/")
    site = root / "site"
    out = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*")
           if p.is_file() and p.suffix in (".html", ".json", ".xml")}  # fmt: skip
    return out


def _search(site: dict[str, str]) -> list[Any]:
    docs = json.loads(site["search/search_index.json"])["docs"]
    return sorted(docs, key=lambda d: d["location"])


def test_unchanged_pages_reuse_their_html_and_what_changes_renders_again(tmp_path: Path) -> None:
    _site(tmp_path)
    cache = PageCache()
    first = _build(tmp_path, cache)
    assert (cache.rendered, cache.reused) == (3, 0)

    second = _build(tmp_path, cache)
    assert (cache.rendered, cache.reused) == (0, 3)
    assert second == first

    # A page's text: that page only; its search entries follow.
    (tmp_path / "docs" / "b.md").write_text("# Beta\n\nNew text of b.\n", encoding="utf-8")
    third = _build(tmp_path, cache)
    assert (cache.rendered, cache.reused) == (1, 2)
    assert "New text of b." in third["b/index.html"]
    assert any("New text of b." in d["text"] for d in _search(third))
    assert _search(third) != _search(second)

    # A title is in every page's nav: every page again.
    (tmp_path / "docs" / "a.md").write_text("# Gamma\n\n## Part\n\nText of a.\n", encoding="utf-8")
    fourth = _build(tmp_path, cache)
    assert (cache.rendered, cache.reused) == (3, 0)
    assert all("Gamma" in fourth[p] for p in ("index.html", "a/index.html", "b/index.html"))

    # A template override: every page again.
    (tmp_path / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block content %}OVERRIDDEN{{ super() }}{% endblock %}\n',
        encoding="utf-8",
    )
    fifth = _build(tmp_path, cache)
    assert (cache.rendered, cache.reused) == (3, 0)
    assert "OVERRIDDEN" in fifth["b/index.html"]

    # The sitemap and 404 page are never taken from the cache.
    assert re.search(r"<loc>https://example.org/a/</loc>", fifth["sitemap.xml"])
    assert "Gamma" in fourth["404.html"] and "OVERRIDDEN" not in fourth["404.html"]


def test_a_page_with_an_undescribable_value_is_rendered_as_usual() -> None:
    class Opaque:
        pass

    cache = PageCache()
    cache._site = "site"
    assert cache._page_key("main.html", {"extra": Opaque()}) is None


def test_this_projects_config_can_be_keyed() -> None:
    """A config value the key cannot describe turns the cache off for every rebuild (as the
    parsed ``not_in_nav`` once did): the project's own config must stay describable."""
    from generator import incremental

    try:
        config = load_config(config_file=str(Path(__file__).parent.parent / "mkdocs.yml"))
        config.plugins.on_startup(command="serve", dirty=False)
        config = config.plugins.on_config(config)
        serve_theme.config_key(config)  # raises Unkeyable otherwise
    finally:
        incremental.disable()  # the hook's on_startup under serve turned it on
