"""Many units: one plan for many org units, and the emulation cluster (cụm / khối thi đua).

:func:`evaluate_many` evaluates one plan as a template for many org units — the
wards of a city, each with its own data and assigned targets, or the khóm of a
ward — and returns :class:`Evaluations`, a table-like mapping by member.
A :class:`Cluster` declares its members, scoring scheme and classification;
:func:`rank_cluster` scores, ranks and rates them, applies the quota on
HTXSNV, and names the flag candidate (the unit that leads the cluster and
exceeded its targets).

Data for many units come in one dataset whose ``org_unit`` column names the
member (``Phường 1`` or its id) and, after a slash, one of its own org units
(``Phường 1/Khóm 2``), or as a mapping from member id to dataset.

>>> import thidua
>>> plan = thidua.examples.hoa_thuan_2024()
>>> ranking = rank_cluster(thidua.examples.cluster("cum-phuong-cao-lanh-2024"), plan,
...                        thidua.examples.cluster_data("cum-phuong-cao-lanh-2024"), "2024")
>>> [(s.rank, s.member.id, s.rating.value) for s in ranking.standings][:3]
[(1, 'P1', 'HTXSNV'), (2, 'P6', 'HTTNV'), (3, 'P2', 'HTTNV')]
>>> ranking.flag_candidate.member.name
'Phường 1'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from thidua.clusters.many import ErrorsOption, Evaluations, evaluate_many
from thidua.clusters.model import (
    MAX_CLUSTER_BYTES,
    Cluster,
    Member,
    collect_cluster,
    load_cluster,
    loads_cluster,
)
from thidua.clusters.standings import (
    ClusterRanking,
    NotRanked,
    Standing,
    rank_cluster,
    ranking_to_dict,
)

__all__ = [
    "MAX_CLUSTER_BYTES",
    "Cluster",
    "ClusterRanking",
    "ErrorsOption",
    "Evaluations",
    "Member",
    "NotRanked",
    "Standing",
    "collect_cluster",
    "evaluate_many",
    "load_cluster",
    "loads_cluster",
    "rank_cluster",
    "ranking_to_dict",
]
