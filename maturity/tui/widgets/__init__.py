"""Widgets: data bound down from the screen, past-tense messages posted up."""
