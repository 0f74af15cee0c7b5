"""Flashpoints in the browser: ``streamlit run app.py -- [FILE ...] [--db FILE]``.

Widgets and layout live in :mod:`flashpoints.ui`; the computations in
:mod:`flashpoints.appdata`.
"""
import sys

from flashpoints.ui import main

main(sys.argv, script=__file__)
