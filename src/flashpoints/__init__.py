"""Flashpoints: news about deployments and border flashpoints in, dated map out."""
from __future__ import annotations

from .errors import (DataFileError, ExportError, FlashpointsError, GeocoderError, InputError,
                     StoreError)

__version__ = "0.1.0"
__all__ = [
    "FlashpointsError", "InputError", "DataFileError", "GeocoderError", "StoreError",
    "ExportError", "__version__",
]
