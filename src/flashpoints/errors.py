"""One exception family for everything Flashpoints reports to a user.

Messages are written for the person running the tool: they say what went wrong
and, where possible, what to do about it. The CLI prints ``str(err)`` on one
line and exits non-zero.
"""
from __future__ import annotations


class FlashpointsError(Exception):
    """Base class of every error Flashpoints raises on purpose."""


class InputError(FlashpointsError):
    """An article or path cannot be read (missing, empty, binary, too large...)."""


class DataFileError(FlashpointsError):
    """A data file (places.csv, actors.csv, a user's places file) is malformed.

    The message names the file, the line and, when known, the column.
    """

    def __init__(self, path: object, line: int | None, problem: str, column: str | None = None):
        self.path = str(path)
        self.line = line
        self.column = column
        self.problem = problem
        where = self.path
        if line is not None:
            where += f", line {line}"
        if column:
            where += f", column {column!r}"
        super().__init__(f"{where}: {problem}")

    def __reduce__(self):  # picklable: a worker process can hand it back
        return type(self), (self.path, self.line, self.problem, self.column)


class GeocoderError(FlashpointsError):
    """The gazetteer or an online geocoder could not answer."""


class StoreError(FlashpointsError):
    """The SQLite store cannot be opened or written."""


class ExportError(FlashpointsError):
    """A map or table could not be exported (e.g. no Chromium for PNG)."""
