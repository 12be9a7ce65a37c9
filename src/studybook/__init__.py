"""Build code for the study edition: small MkDocs plugins, one job each.

Modules (each mirrored by tests/unit/test_<module>.py):

- ``glossary``: ``[text](term:slug)`` links to glossary pages, checked at build time.
- ``ids``: the tool that gives chapter paragraphs stable ids (``make ids``).
- ``errors``: the one error type our plugins raise, naming file, line and fix.
- ``changelog``: reads docs/changelog.md, one entry per edition.
- ``edition``: the edition a build is (number, date, "What changed"), shown on every page.
- ``publish``: ``make publish``, which deploys an edition with mike.
"""
