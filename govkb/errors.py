"""Errors a user can act on: each says what is wrong and how to fix it, in one line of Chinese."""

from __future__ import annotations


class GovKBError(RuntimeError):
    """Base of the errors the CLI prints as one line (no traceback) with its exit code."""

    exit_code = 1


class SettingsError(GovKBError, ValueError):
    """A setting has a value that cannot be used."""

    exit_code = 2
