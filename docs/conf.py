"""Sphinx configuration of tradewar's documentation site (Markdown pages through MyST).

Build: ``make docs`` (``sphinx-build -W --keep-going -b html docs docs/_build/html``); CI
builds it with warnings as errors, so a broken link or anchor fails the build.
"""

from __future__ import annotations

import tradewar

project = "tradewar"
author = "tradewar developers"
copyright = "2026, tradewar developers (MIT licence)"  # noqa: A001 (Sphinx's name)
release = tradewar.__version__
version = release

extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]
myst_heading_anchors = 4
myst_enable_extensions = ["colon_fence"]
suppress_warnings = ["myst.header"]

html_theme = "pydata_sphinx_theme"
html_title = "tradewar"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
}
