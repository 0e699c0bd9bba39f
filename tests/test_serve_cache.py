"""What `mkdocs serve` reuses between rebuilds: a page's HTML only while its Markdown, the Markdown
settings and the site's files are unchanged; compiled templates only while their source is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from generator.serve_cache import RenderCache, TemplateCache


def _site(tmp_path: Path, extensions: str = "[toc]") -> Path:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "index.md").write_text("# Home\n\nSee [the part](a.md#part).\n", encoding="utf-8")
    (docs / "a.md").write_text("# A\n\n## Part\n\nText.\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: t\nmarkdown_extensions: {extensions}\nvalidation:\n  anchors: warn\n",
        encoding="utf-8",
    )
    return config


def _render_all(cache: RenderCache, config_file: Path) -> dict[str, Any]:
    """What MkDocs does for each page in a build, with the hook's cache attached."""
    config = load_config(config_file=str(config_file), site_dir=str(config_file.parent / "site"))
    files = get_files(config)
    cache.start(config, files)
    pages = {}
    for file in files.documentation_pages():
        page = Page(None, file, config)
        page.read_source(config)
        cache.attach(page)
        page.render(config, files)
        pages[file.src_uri] = (page, files)
    return pages


def test_an_unchanged_page_gets_the_same_html_without_converting(tmp_path: Path) -> None:
    config = _site(tmp_path)
    cache = RenderCache()
    first = _render_all(cache, config)
    assert (cache.misses, cache.hits) == (2, 0)

    second = _render_all(cache, config)
    assert (cache.misses, cache.hits) == (0, 2)
    for uri, (page, _files) in second.items():
        old = first[uri][0]
        assert page.content == old.content
        assert page.title == old.title
        assert [item.id for item in page.toc] == [item.id for item in old.toc]
        assert page.present_anchor_ids == old.present_anchor_ids
    # Anchor links point at this build's File objects, so MkDocs can still check them.
    home, files = second["index.md"]
    assert list(home.links_to_anchors) == [files.get_file_from_path("a.md")]
    assert home.links_to_anchors[files.get_file_from_path("a.md")] == {"part": "a.md#part"}


def test_an_edited_page_is_converted_again(tmp_path: Path) -> None:
    config = _site(tmp_path)
    cache = RenderCache()
    _render_all(cache, config)
    (tmp_path / "docs" / "a.md").write_text("# A\n\n## Part\n\nNew text.\n", encoding="utf-8")
    pages = _render_all(cache, config)
    assert (cache.misses, cache.hits) == (1, 1)
    assert "New text." in pages["a.md"][0].content


def test_a_new_file_or_new_markdown_settings_convert_every_page(tmp_path: Path) -> None:
    config = _site(tmp_path)
    cache = RenderCache()
    _render_all(cache, config)
    # A link may now resolve differently, so nothing is reused.
    (tmp_path / "docs" / "b.md").write_text("# B\n", encoding="utf-8")
    _render_all(cache, config)
    assert (cache.misses, cache.hits) == (3, 0)

    _site(tmp_path, extensions="[toc, footnotes]")
    _render_all(cache, config)
    assert (cache.misses, cache.hits) == (3, 0)
    _render_all(cache, config)
    assert (cache.misses, cache.hits) == (0, 3)


class _Counting(jinja2.Environment):
    compiled = 0

    def compile(self, *args: Any, **kwargs: Any) -> Any:
        type(self).compiled += 1
        return super().compile(*args, **kwargs)


def test_templates_compile_once_and_again_after_an_edit(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    cache = TemplateCache()

    def render() -> str:
        # MkDocs makes a new environment for every rebuild.
        env = _Counting(loader=jinja2.FileSystemLoader(str(tmp_path)), bytecode_cache=cache)
        return env.get_template("page.html").render(name="you")

    assert render() == "Hello you"
    assert render() == "Hello you"
    assert _Counting.compiled == 1

    (tmp_path / "page.html").write_text("Goodbye {{ name }}", encoding="utf-8")
    assert render() == "Goodbye you"
    assert _Counting.compiled == 2


def test_a_page_unlike_mkdocs_16s_is_left_alone(tmp_path: Path) -> None:
    class Other:
        def render(self, config: Any, files: Any) -> str:
            return "own"

    page = Other()
    RenderCache().attach(page)
    assert page.render(None, None) == "own"


def test_load_cache_parses_only_files_whose_bytes_changed(project: Path) -> None:
    import pytest

    import generator
    from generator import validate
    from generator.errors import SourceError
    from generator.serve_cache import LoadCache

    original = validate.load_file
    cache = LoadCache()
    try:
        assert cache.install()
        assert not cache.install()  # once is enough
        files = len(list((project / "source_data").glob("*.yaml")))
        generator.check(project)
        assert cache.hits == 0
        generator.check(project)
        assert cache.hits == files

        glossary = project / "source_data" / "glossary.yaml"
        text = glossary.read_text(encoding="utf-8")
        glossary.write_text(text.replace("    name: ", "    name: Zorblax: ", 1), encoding="utf-8")
        with pytest.raises(SourceError) as broken:
            generator.check(project)
        assert any("glossary.yaml" in str(p) for p in broken.value.problems)
        assert cache.hits == 2 * files - 1  # every file but the one saved

        glossary.write_text(text, encoding="utf-8")
        generator.check(project)
    finally:
        validate.load_file = original  # type: ignore[assignment]
