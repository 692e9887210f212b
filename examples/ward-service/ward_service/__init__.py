"""A reference ward service on thidua: plans, figures, evaluations and reports over HTTP.

Start it with ``uvicorn ward_service.app:create_app --factory`` from
``examples/ward-service`` (see its README).
"""

__all__: list[str] = []
