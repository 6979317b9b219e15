from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "senda.improvement"
    label = "improvement"
    verbose_name = "Improvement plans"
    #: Its kinds of ``senda import`` (``senda.commands.ImportCommand``).
    import_commands = ("senda.improvement.importer.command",)
