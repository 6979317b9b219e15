"""Improvement plans: a partnership's plan after an area SEND inspection — areas, aims,
actions, milestones, ratings with their history, risks, "You said, we did" and sign-off.

No child-level data lives here: every record is about the partnership's work.
"""
