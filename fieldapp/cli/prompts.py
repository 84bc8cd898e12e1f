"""Asking the person at the terminal for a password."""

from __future__ import annotations

import getpass
import sys


def read_password(from_stdin: bool, prompt: str = "Password: ") -> str:
    """A password from the first line of stdin (`--password-stdin`), else asked without echo;
    a clear exit when there is no terminal to ask at."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        raise SystemExit("No terminal to ask for the password: use --password-stdin.")
    return getpass.getpass(prompt)
