"""Revision scripts of the laptop cache's schema, oldest first."""
