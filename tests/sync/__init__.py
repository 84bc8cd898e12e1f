"""Tests of the laptop sync client and engine (fieldapp.sync)."""
