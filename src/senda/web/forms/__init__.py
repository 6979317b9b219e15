"""Form fields and their GOV.UK rendering, shared by every feature's forms."""
