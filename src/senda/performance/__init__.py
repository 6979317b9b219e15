"""The performance framework: the KPI catalogue, daily facts, trajectories and statuses,
national benchmarks from DfE's releases, the board dashboard and the quarterly report.

Pure modules (no Django): ``periods``, ``definitions``, ``figure``, ``tally``, ``status``,
``suppress``, the ``catalogue`` and ``weekly.weeks``; ``weekly`` is the weekly service
dashboard. See ``docs/performance.md`` and ADR 0006.
"""
