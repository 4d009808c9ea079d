"""Reflex states: thin. They find out who is asking, call a service, and set vars."""
