"""Factory dashboard states, one module per section."""
