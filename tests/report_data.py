"""A small plan and its data for the report tests: a half year with annual targets.

Built for the tests (illustrative figures): a plan for 2024 with a half-year
report due 10/6 and an annual one due 05/10, a unit the plan declares
(``rice_tonne``, shown ``tấn lúa``), money, rates, the same period of 2023,
and a mistyped ``kt04`` row the plan does not use.
"""

from __future__ import annotations

import thidua

PLAN = """
id = "ht"
title = "Kế hoạch phát động phong trào thi đua năm 2024"
year = 2024
number = "12/KH-UBND"
issuer = "Ủy ban nhân dân phường Hòa Thuận"
superior = "Ủy ban nhân dân thành phố Cao Lãnh"
place = "Hòa Thuận"
number_format = "vi"
recipients = ["Phòng Nội vụ Thành phố", "Lưu: VT"]

[signer]
name = "Ngô Hữu Phước"
title = "Phó Chủ tịch"
on_behalf_of = "TM. Ủy ban nhân dân"

[[units]]
name = "rice_tonne"
vi = "tấn lúa"
aliases = ["tấn lúa"]

[[reports]]
name = "Báo cáo sơ kết 6 tháng"
period = "2024-H1"
due = 2024-06-10

[[reports]]
name = "Báo cáo tổng kết năm"
period = "2024"
due = 2024-10-05

[[groups]]
id = "KT"
name = "Kinh tế"

[[groups.indicators]]
id = "KT01"
name = "Sản lượng lúa"
unit = "rice_tonne"
rule = ">= 25000 rice_tonne"
aggregation = "sum"

[[groups.indicators]]
id = "KT02"
name = "Thu ngân sách"
unit = "VND"
rule = ">= 4200000000 VND"
aggregation = "sum"

[[groups.indicators]]
id = "KT03"
name = "Tỷ lệ bảo hiểm y tế"
unit = "percent"
rule = ">= 90 %"
aggregation = "last"

[[groups.indicators]]
id = "KT04"
name = "Tỷ lệ lao động qua đào tạo"
unit = "percent"
rule = ">= 88 %"
aggregation = "last"
"""

DATA = """indicator,period,value
KT01,2023-H1,11000 tấn lúa
KT01,2024-01,2000 tấn lúa
KT01,2024-02,2000 tấn lúa
KT01,2024-03,2500 tấn lúa
KT01,2024-04,2000 tấn lúa
KT01,2024-05,2000 tấn lúa
KT01,2024-06,2000 tấn lúa
KT02,2023-H1,"1,9 tỷ đồng"
KT02,2024-H1,"2,1 tỷ đồng"
KT03,2024-Q1,"88,5%"
KT03,2024-Q2,"91%"
kt04,2024-H1,"87%"
"""


def plan() -> thidua.Plan:
    """The plan."""
    return thidua.loads_plan(PLAN)


def data(the_plan: thidua.Plan | None = None) -> thidua.Dataset:
    """The data, read against the plan."""
    return thidua.loads_data(DATA, plan=the_plan or plan())


def half_year() -> tuple[thidua.Evaluation, thidua.Dataset]:
    """The evaluation of 2024-H1 and its data."""
    the_plan = plan()
    the_data = data(the_plan)
    return thidua.evaluate(the_plan, the_data, "2024-H1"), the_data
