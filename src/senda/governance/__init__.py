"""The partnership's governance: its bodies (delivery group, partnership board, pathway
boards, workstreams) and their members, their meetings (the board pack considered,
attendance, the decision log and the action log) and escalations to them about an
improvement action or a KPI (docs/governance.md, ADR 0032)."""
