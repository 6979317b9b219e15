"""Pathways: the partnership's work beyond EHC plans (issue 18). So far the
neurodevelopmental waiting list: referrals for assessment (``models``), the steps that
record them (``actions``), the NHS provider's extract (``extract``, ``extract_import``,
``command``), its waits and throughput (``waits``) and the KPIs counted from it
(``measures``). ADR 0027; docs/pathways.md."""
