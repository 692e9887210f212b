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
    "docx": "docx",
    "python_calamine": "excel",
}


def require(module: str, *, extra: str | None = None) -> ModuleType:
    """Import ``module`` (e.g. ``"pandas"``), or raise an error naming the extra to install.

    ``extra``: the extra to name, where the package is in more than one (openpyxl
    is in ``report`` for writing reports and in ``excel`` for reading workbooks);
    by default the one :data:`EXTRAS` gives.
    """
    extra = extra or EXTRAS[module.split(".", maxsplit=1)[0]]
    try:
        return importlib.import_module(module)
    except ImportError:
        package = module.split(".", maxsplit=1)[0]
        msg = f"this needs {package}, which is not installed"
        raise ExtraNotInstalledError(
            msg,
            code="extra.missing",
            vi=f"chức năng này cần gói {package}, nhưng máy chưa cài gói này",
            hint=f"install the '{extra}' extra: pip install 'thidua[{extra}]'",
            hint_vi=f"hãy cài phần bổ sung '{extra}': pip install 'thidua[{extra}]'",
        ) from None
