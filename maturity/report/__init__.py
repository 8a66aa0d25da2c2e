"""Renderings of results: plain data (JSON), terminal text, Markdown, HTML. Results in, text out."""
