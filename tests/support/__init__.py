"""Helpers shared by the tests: real servers, real databases, a real keyring."""
