"""The weekly service dashboard (``/dashboard/``): the casework KPIs of the catalogue that
have a ``weekly`` view, over the last 12 weeks, from the clock's stored deadline rows.

``weeks`` (pure): Monday-to-Sunday weeks; ``dashboard``: the figures and the cases behind
them, counted with the KPIs' definitions (``senda.performance.definitions``); ``docs``
(pure): ``docs/service-dashboard.md``.
"""
