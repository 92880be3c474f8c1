"""Turning an existing policy page (captured text or HTML) into the site's Markdown files."""
