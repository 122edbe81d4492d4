"""Rich renderables built from data; nothing here prints."""
