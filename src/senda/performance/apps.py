from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "senda.performance"
    label = "performance"
    verbose_name = "Performance framework"
    #: Its kinds of ``senda import`` (``senda.commands.ImportCommand``).
    import_commands = ("senda.performance.dfe.command",)
