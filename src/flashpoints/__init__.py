"""Flashpoints: news about deployments and border flashpoints in, dated map out."""
from __future__ import annotations

from .errors import (DataFileError, ExportError, FlashpointsError, GeocoderError, InputError,
                     StoreError)

__version__ = "0.1.0"


def extract_places(article, **kwargs):  # type: ignore[no-untyped-def]
    """The places of one article as a :class:`~flashpoints.table.PlacesTable`
    (see :func:`flashpoints.pipeline.extract_places`)."""
    from .pipeline import extract_places as _extract_places

    return _extract_places(article, **kwargs)


def geocode(name, **kwargs):  # type: ignore[no-untyped-def]
    """The place a bare name most likely means, or None (see
    :func:`flashpoints.pipeline.geocode`)."""
    from .pipeline import geocode as _geocode

    return _geocode(name, **kwargs)

__all__ = [
    "FlashpointsError", "InputError", "DataFileError", "GeocoderError", "StoreError",
    "ExportError", "extract_places", "geocode", "__version__",
]
