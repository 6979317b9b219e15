"""GOV.UK tables and summary lists, one small module per room (casework, improvement,
performance…); the template tags in ``web.templatetags`` are thin wrappers around them."""
