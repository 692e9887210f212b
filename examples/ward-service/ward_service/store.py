"""The figures the service has been sent, per plan: in memory, owned by one app."""

from __future__ import annotations

import threading
from typing import Any

import thidua

__all__ = ["FigureStore"]


class FigureStore:
    """The last valid figures sent for each plan, with their summary.

    Each app made by :func:`ward_service.app.create_app` has its own store
    (``app.state.store``); nothing is kept between runs, and a new POST of a
    plan's figures replaces the ones before.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._figures: dict[str, tuple[thidua.Dataset, dict[str, Any]]] = {}

    def put(self, plan_id: str, dataset: thidua.Dataset, summary: dict[str, Any]) -> None:
        """Keep ``dataset`` (and its ``summary``) as the figures of plan ``plan_id``."""
        with self._lock:
            self._figures[plan_id] = (dataset, summary)

    def get(self, plan_id: str) -> tuple[thidua.Dataset, dict[str, Any]] | None:
        """The figures of plan ``plan_id`` and their summary, or None if none were sent."""
        with self._lock:
            return self._figures.get(plan_id)

    def __len__(self) -> int:
        with self._lock:
            return len(self._figures)
