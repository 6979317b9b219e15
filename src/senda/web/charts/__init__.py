"""Performance charts as SVG. ``geometry`` and ``drawings`` are plain functions (numbers
in, coordinates and SVG attribute strings out); ``render`` fills the SVG templates; the
template tags in ``web.templatetags.senda_charts`` wrap them."""
