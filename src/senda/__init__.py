"""Senda: open-source software for local SEND partnerships in England."""

__version__ = "0.1.0"
