"""The study edition's build code: MkDocs plugins and command-line tools, one package per feature.

Each package's docstring says what it does, its modules, the MkDocs plugins it
provides (entry points in pyproject.toml, ``[project.entry-points."mkdocs.plugins"]``),
the events they use and what they need from other plugins. mkdocs.yml lists
the plugins in order. Tests mirror the packages: tests/unit/<feature>/test_<module>.py.

Packages:

- ``glossary``: term links, definition previews, "Where this term appears",
  the A-Z index, abbreviation tooltips.
- ``citations``: ``[@key, p. 12]`` as Chicago notes, formatted by pandoc; the
  bibliography page.
- ``editions``: the edition a build makes, from docs/changelog.md; ``make publish``
  and the anchor guard.
- ``anchors``: fixed heading and paragraph ids, anchors.json, copy links,
  "Cite this page", declared moves (redirects.yml).
- ``teaching``: the gathered discussion questions, the assignment builder's data,
  the LMS cartridge.
- ``selfcheck``: "Check your understanding" questions at the end of every chapter,
  their build-time checks, and the teacher's page of answers.
- ``offline``: the offline copy, the print view and the PDF (``make offline``),
  the download links.
- ``epub``: the EPUB 3 edition (``make offline``), built from the print view's pages.
- ``quality``: one stylesheet and one script, meta descriptions, theme repairs,
  the Content-Security-Policy, vendored npm files, the ``#anchor`` check.
- ``tools``: ``make bench`` and ``make check-properdocs``; no plugins.

Top-level modules, shared by the packages:

- ``errors``: ``BookError``, the one error our code raises on bad input:
  ``path:line: problem``, then ``Fix: ...``.
- ``edition``: the one edition model (number, date, "What changed", build date),
  resolved once per build.
- ``book``: the kinds of page, the reading (nav) order, the chapter numbers.
- ``order``: the plugin-order contract and the event timeline: which plugin does
  what at which MkDocs event and priority.
"""
