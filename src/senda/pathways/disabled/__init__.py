"""The disabled children's register (issue 18, area 5; docs/disabled-children.md): children
known to the disabled children's team, their short breaks, direct payments and social care
status, kept as appended records (``models``), written by ``actions``, seen only by the
roles ``access`` names, and the area's KPIs counted from them (``measures``)."""
