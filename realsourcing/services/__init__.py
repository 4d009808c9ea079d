"""The domain in plain Python. Nothing under this package may import reflex (a test checks)."""
