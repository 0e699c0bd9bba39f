"""Shared fixtures: a throw-away copy of the project, and a site built from it once per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# What a project copy needs to generate and build; generated pages are left behind on purpose.
PROJECT_PARTS = ("source_data", "generator", "overrides", "mkdocs.yml", "docs")


def copy_project(dest: Path) -> Path:
    """Copy the project's inputs to ``dest`` without any generated Markdown."""
    from generator import paths
    from generator.write import MANIFEST

    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    docs = dest / "docs"
    for folder in paths.OWNED_FOLDERS:
        shutil.rmtree(docs / folder, ignore_errors=True)
    for name in (paths.HOME, MANIFEST):
        (docs / name).unlink(missing_ok=True)
    return dest


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the project in a temporary folder."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real model built by ``mkdocs build --strict`` from a clean copy; returns site/."""
    base = tmp_path_factory.mktemp("built")
    project = copy_project(base / "project")
    site = base / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def zensical_build(project: Path) -> subprocess.CompletedProcess[str]:
    """As ``make site ENGINE=zensical`` does: generate, derive .zensical.yml, build site/."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "generator.zensical"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        return result
    return subprocess.run(
        [str(BIN / "zensical"), "build", "--clean", "--strict", "--config-file", ".zensical.yml"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real model built by Zensical from a clean copy; returns its site/."""
    if not (BIN / "zensical").exists():
        pytest.skip(f"zensical is not installed in {BIN} (pip install -r requirements-dev.txt)")
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    result = zensical_build(project)
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    return project / "site"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the current output instead of comparing",
    )
