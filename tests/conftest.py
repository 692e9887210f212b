"""Shared test configuration: hypothesis profiles.

``THIDUA_HYPOTHESIS_PROFILE=fast`` for quick local runs, ``ci`` in CI (set by
``.ci/run``), ``thorough`` to search harder.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("fast", max_examples=25, deadline=None)
settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("THIDUA_HYPOTHESIS_PROFILE", "dev"))
