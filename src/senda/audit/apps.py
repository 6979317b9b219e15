from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "senda.audit"
    label = "audit"
