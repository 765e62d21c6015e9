"""The project's own files agree with each other: licence, version, citation, architecture."""

from __future__ import annotations

import tomllib
from pathlib import Path

import yaml

import tradewar

ROOT = Path(__file__).resolve().parents[1]


def test_licence_file_matches_the_declared_licence() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["license"]
    assert declared == "MIT"
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")


def test_version_is_written_once_and_the_citation_agrees() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "version" not in project and "version" in project["dynamic"]
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert citation["version"] == tradewar.__version__
    assert citation["license"] == "MIT"


def test_changelog_keeps_an_unreleased_section() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert "## [Unreleased]" in changelog
    assert f"## [{tradewar.__version__}]" in changelog


def test_architecture_document_names_every_subpackage() -> None:
    architecture = (ROOT / "docs" / "architecture.md").read_text()
    package = ROOT / "src" / "tradewar"
    subpackages = sorted(p.name for p in package.iterdir() if (p / "__init__.py").exists())
    missing = [name for name in subpackages if f"`{name}`" not in architecture]
    assert not missing, f"docs/architecture.md does not describe: {missing}"
