"""Maintainers' tools, run by make; no MkDocs plugins.

Modules:

- ``bench``: ``make bench``: build time against bare Material, page weight and
  Lighthouse, checked against the budgets; writes bench/results.json
  (bench/README.md says how to read it, with the latest figures).
- ``properdocs``: ``make check-properdocs``: builds the book with ProperDocs in a
  virtual environment of its own and with MkDocs, and compares the two sites
  (README, "The stack and its future").
"""
