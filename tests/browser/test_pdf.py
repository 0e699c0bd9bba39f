"""The whole handbook as one PDF: printed by `python -m generator.pdf` and read back with pypdf.

Like the other browser tests it is skipped with a notice without Chromium, and fails under
CI=true; it also needs pypdf (requirements-dev.txt).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.validate import load_model
from tests.browser import harness

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def printed(chromium: str, built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built site, with the PDF made in it."""
    try:
        import pypdf  # noqa: F401
    except ImportError:
        if harness.in_ci():
            pytest.fail("pypdf is not installed (CI=true)", pytrace=False)
        pytest.skip("pypdf is not installed (pip install -r requirements-dev.txt)")
    site = tmp_path_factory.mktemp("pdf") / "site"
    shutil.copytree(built_site, site)
    project = built_site.parent / "project"
    result = subprocess.run(
        [sys.executable, "-m", "generator.pdf", str(site), "--require"],
        cwd=project,
        env={"CHROMIUM": chromium, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return site


def _text(site: Path) -> str:
    import pypdf

    reader = pypdf.PdfReader(site / "handbook.pdf")
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_the_pdf_has_a_cover_contents_every_dimension_and_role(printed: Path) -> None:
    text = _text(printed)
    model = load_model(ROOT / "source_data", ROOT)
    assert text.startswith("Sales vs Marketing handbook")
    import pypdf

    reader = pypdf.PdfReader(printed / "handbook.pdf")
    contents = reader.pages[1].extract_text()
    assert "Contents" in contents
    # The second pass numbered the contents: the concept map's entry names its page.
    first = reader.get_destination_page_number(reader.named_destinations["/p-map"]) + 1
    assert re.search(rf"(^|\s){first}(\s|$)", contents), "the contents has no page numbers"
    assert "Concept map" in reader.pages[first - 1].extract_text()
    assert "The concept map" in reader.pages[first].extract_text()  # on a landscape page
    assert reader.pages[first].mediabox.width > reader.pages[first].mediabox.height
    missing = [d.name for d in model.dimensions if " ".join(d.name.split()) not in text]
    missing += [r.name for r in model.roles if " ".join(r.name.split()) not in text]
    assert not missing, f"not found in the PDF: {missing}"
    assert "The concept map" in text  # the map's caption


def test_the_pdf_links_inside_itself(printed: Path) -> None:
    import pypdf

    reader = pypdf.PdfReader(printed / "handbook.pdf")
    internal = external = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            link = annot.get_object()
            action = link.get("/A")
            if "/Dest" in link or (action and action.get("/S") == "/GoTo"):
                internal += 1
            elif action and "handbook.invalid" in str(action.get("/URI", "")):
                external += 1
    assert internal > 100, f"only {internal} internal links"
    assert external == 0, "links to the placeholder host were left in the PDF"
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Concept map" in titles


def test_the_home_page_links_the_pdf_only_once_it_exists(printed: Path, built_site: Path) -> None:
    assert "handbook.pdf" not in (built_site / "index.html").read_text(encoding="utf-8")
    home = (printed / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'href="handbook\.pdf"', home)) == 1
    assert (printed / "handbook.pdf").stat().st_size > 10_000
