from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "senda.performance"
    label = "performance"
    verbose_name = "Performance framework"
