from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "senda.governance"
    label = "governance"
    verbose_name = "Governance"
