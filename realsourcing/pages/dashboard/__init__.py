"""Factory dashboard pages, one module per section."""
