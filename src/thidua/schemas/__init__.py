"""The JSON Schemas (draft 2020-12) of the JSON documents thidua writes and reads.

Each document thidua writes names its schema in its ``"schema"`` key
(``"thidua/evaluation/v1"``); :func:`schema` gives that schema as a dict, and
``thidua schema KIND`` prints it. The kinds (:data:`KINDS`):

* ``evaluation``: an evaluation (:func:`thidua.formats.to_dict`, ``thidua evaluate --format json``);
* ``outlook``: an evaluation in the year (``as_of``), with outlooks and projections;
* ``score``: a score and its rating (:func:`thidua.formats.score_to_dict`, ``thidua score``);
* ``ranking``: a cluster ranking (:func:`thidua.formats.ranking_to_dict`, ``thidua rank``);
* ``calendar``: the reporting deadlines (``thidua calendar --format json``);
* ``validation``: every problem of a plan and its data (``thidua validate --format json``);
* ``sources``: the legal sources of the defaults (``thidua sources --format json``);
* ``plan``: a plan document, the JSON form of a plan file (same keys as the TOML);
* ``data``: a data document, a list of records with the CSV columns.

The schemas ship inside the package (``thidua/schemas/*.json``); see the docs
page "JSON output" for every field.

>>> from thidua.schemas import KINDS, schema
>>> schema("evaluation")["properties"]["schema"]
{'const': 'thidua/evaluation/v1'}
>>> "data" in KINDS
True

.. versionadded:: 0.4.0
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from thidua._text import safe_repr
from thidua.errors import UsageError

__all__ = ["KINDS", "schema"]

#: The kinds of document with a schema, in the order the docs list them.
#:
#: .. versionadded:: 0.4.0
KINDS: tuple[str, ...] = (
    "evaluation",
    "outlook",
    "score",
    "ranking",
    "calendar",
    "validation",
    "sources",
    "plan",
    "data",
)


@functools.cache
def _load(kind: str) -> dict[str, Any]:
    import json  # noqa: PLC0415  (the command line imports KINDS at start-up)
    from importlib import resources  # noqa: PLC0415

    text = resources.files(__name__).joinpath(f"{kind}.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the documents of ``kind``, as a new dict.

    Args:
        kind: One of :data:`KINDS` (``"evaluation"``, ``"plan"``, …).

    Raises:
        UsageError: ``kind`` is not one of :data:`KINDS` (code ``usage.schema_kind``).

    .. versionadded:: 0.4.0
    """
    if not isinstance(kind, str) or kind not in KINDS:
        shown = safe_repr(kind, limit=60)
        listed = ", ".join(KINDS)
        msg = f"there is no JSON schema {shown}: the kinds are {listed}"
        raise UsageError(
            msg,
            code="usage.schema_kind",
            vi=f"không có lược đồ JSON {shown}: các loại là {listed}",
            hint="e.g. thidua.schemas.schema('evaluation')",
            hint_vi="ví dụ: thidua.schemas.schema('evaluation')",
        )
    return copy.deepcopy(_load(kind))
