"""Tests of the laptop cache (fieldapp.store)."""
