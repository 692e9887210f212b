"""Optional integrations: import them when needed, or say which extra to install."""

from __future__ import annotations

import importlib
from types import ModuleType

from thidua.errors import ExtraNotInstalledError

#: Which extra provides which package.
EXTRAS = {
    "pandas": "notebook",
    "matplotlib": "notebook",
    "jinja2": "report",
    "openpyxl": "report",
}


def require(module: str) -> ModuleType:
    """Import ``module`` (e.g. ``"pandas"``), or raise an error naming the extra to install."""
    extra = EXTRAS[module.split(".", maxsplit=1)[0]]
    try:
        return importlib.import_module(module)
    except ImportError:
        msg = f"this needs {module.split('.', maxsplit=1)[0]}, which is not installed"
        raise ExtraNotInstalledError(
            msg, hint=f"install the '{extra}' extra: pip install 'thidua[{extra}]'"
        ) from None
