"""Sphinx configuration for the thidua docs."""

import thidua

project = "thidua"
author = "The thidua developers"
copyright = "2026, the thidua developers"
release = thidua.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence", "deflist"]
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = "thidua"
language = "en"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

doctest_global_setup = "import thidua"
# Intersphinx is left out on purpose: CI has no network beyond the package
# registries, and a failed inventory fetch would fail the -W build.
doctest_test_doctest_blocks = ""  # docstring examples run under pytest (tests/test_api.py)
