"""Quality assurance: QA frameworks, samples, audits, moderation and agreement, audit
actions, advice moderation, learning summaries, decision panels and the termly QA report
(ADR 0019)."""
