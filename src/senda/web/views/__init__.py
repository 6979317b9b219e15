"""Views, one module per feature. Views stay thin: access helpers, a query, a template."""
