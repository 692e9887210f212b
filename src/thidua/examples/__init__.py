"""The plans and data shipped with thidua.

``hoa-thuan-2024`` is the 2024 emulation plan of the People's Committee of Hòa
Thuận ward (Cao Lãnh city, Đồng Tháp), encoded in full from the original
document, with illustrative data for 2023 and 2024.

``cum-phuong-cao-lanh-2024`` is an illustrative emulation cluster of the eight
wards of Cao Lãnh city, each evaluated with the seed plan as its template, with
a 100-point scoring scheme, the classification of Regulation 366-QĐ/TW and
illustrative data for every ward.

>>> plan = hoa_thuan_2024()
>>> plan.id, len(list(plan.top_indicators()))
('hoa-thuan-2024', 25)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from thidua._files import packaged_text
from thidua.data import Dataset, loads_data
from thidua.errors import ArgumentTypeError, NotFoundError
from thidua.plans import Plan, loads_plan

if TYPE_CHECKING:
    from thidua.clusters import Cluster

__all__ = [
    "CLUSTERS",
    "NAMES",
    "cluster",
    "cluster_data",
    "data",
    "hoa_thuan_2024",
    "hoa_thuan_2024_data",
    "plan",
]

#: The names of the shipped examples.
NAMES = ("hoa-thuan-2024",)

#: The shipped example clusters, and the plan each uses as its template.
CLUSTERS = {"cum-phuong-cao-lanh-2024": "hoa-thuan-2024"}


def _text(name: str) -> str:
    return packaged_text("examples", name)


def _unknown(name: object, kind: str, kind_vi: str, names: tuple[str, ...] | list[str]) -> None:
    if not isinstance(name, str):
        msg = f"the {kind} name must be text, not {name!r}"
        raise ArgumentTypeError(
            msg,
            code="plan.wrong_type",
            vi=f"tên {kind_vi} phải là chữ, không phải {name!r}",
        )
    if name not in names:
        listed = ", ".join(names)
        msg = f"there is no {kind} {name!r}"
        raise NotFoundError(
            msg,
            code="example.unknown",
            vi=f"không có {kind_vi} {name!r}",
            hint=f"{kind}s: {listed}",
            hint_vi=f"các {kind_vi}: {listed}",
        )


def _check(name: str) -> None:
    _unknown(name, "example", "ví dụ mẫu", NAMES)


def plan(name: str) -> Plan:
    """The shipped example plan called ``name``.

    Raises:
        NotFoundError: No example has that name.
    """
    _check(name)
    return loads_plan(_text(f"{name}.toml"), file=f"{name}.toml")


_plan = plan  # for data(), whose keyword argument is also called plan


def data(name: str, *, plan: Plan | None = None) -> Dataset:
    """The shipped example data of the plan called ``name``.

    Args:
        name: The example's name.
        plan: The example's plan, if already loaded (saves loading it again for
            its units and number format).

    Raises:
        NotFoundError: No example has that name.
    """
    _check(name)
    example = plan if plan is not None else _plan(name)
    return loads_data(
        _text(f"{name}-data.csv"),
        file=f"{name}-data.csv",
        number_format=example.number_format,
        units=example.unit_registry(),
    )


def hoa_thuan_2024() -> Plan:
    """The seed plan: Hòa Thuận ward, 2024 (plan id ``hoa-thuan-2024``)."""
    return plan("hoa-thuan-2024")


def hoa_thuan_2024_data() -> Dataset:
    """Illustrative data for the seed plan: 2023 (for ``previous``) and 2024."""
    return data("hoa-thuan-2024")


def _check_cluster(name: str) -> None:
    _unknown(name, "example cluster", "cụm thi đua mẫu", list(CLUSTERS))


def cluster(name: str) -> Cluster:
    """The shipped example cluster called ``name`` (its plan: ``CLUSTERS[name]``).

    Raises:
        NotFoundError: No example cluster has that name.
    """
    from thidua.clusters import loads_cluster  # noqa: PLC0415  (only when asked)

    _check_cluster(name)
    return loads_cluster(_text(f"{name}.toml"), file=f"{name}.toml")


def cluster_data(name: str) -> Dataset:
    """The illustrative data of the shipped example cluster ``name``, every ward's.

    Raises:
        NotFoundError: No example cluster has that name.
    """
    _check_cluster(name)
    template = _plan(CLUSTERS[name])
    return loads_data(
        _text(f"{name}-data.csv"),
        file=f"{name}-data.csv",
        number_format=template.number_format,
        units=template.unit_registry(),
    )
