"""Demand, places and High Needs money (issue 17): forecasts of EHC plans from the register's
own history, their backtests and scenarios (ADR 0024)."""
