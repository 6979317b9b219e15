from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "senda.pathways"
    label = "pathways"
    verbose_name = "Pathways: neurodevelopmental waiting lists"
    import_commands = ("senda.pathways.command", "senda.pathways.participation_command")
