"""One Textual screen per view, plus the dialogs."""
