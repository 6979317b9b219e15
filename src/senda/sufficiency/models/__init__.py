from senda.sufficiency.models.money import Actual, Budget, BudgetLine, LedgerImport, LedgerMapping

__all__ = ["Actual", "Budget", "BudgetLine", "LedgerImport", "LedgerMapping"]
