"""SEN2 and data quality (issue 16): the checks a council makes on its records before the
return, every day (``interchange.quality_checks``). The return itself (export, validation,
import, Annex A) is not built yet: ``docs/sen2.md`` holds the research."""
