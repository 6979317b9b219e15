"""The portal: what settings and advice-givers (and, next, families) do in Senda —
invitations, review reports, advice, uploads, the council's received tray, support and
challenge for settings, notifications and the queue that sends them (ADR 0016)."""
