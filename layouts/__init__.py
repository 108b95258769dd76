"""Dash pages. Thin: they call ``monitor`` functions and render the result."""
