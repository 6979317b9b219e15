"""``senda import KIND …``: each room's kinds of data (``senda.commands.ImportCommand``):
``senda import plan FILE --la CODE`` (improvement), ``senda import dfe-ehcp PATH`` (here)."""

from senda.commands import ImportCommand as Command

__all__ = ["Command"]
