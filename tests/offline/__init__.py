"""Tests of the offline edition: the zip from file://, the PDF, the downloads online.

A package, so that its conftest does not shadow tests/conftest.py.
"""
