"""Teaching tools: what the teacher's guide (docs/teaching/) is built from.

The guide has a reading schedule, the chapters' discussion questions gathered
on one page, essay prompts, a source exercise, a note on editions and links,
and the assignment builder (docs/teaching/assignments.md,
docs/assets/js/assignment-builder.js). The builder turns a chapter, a start
and an end into a link pinned to an edition, a text for a learning platform,
a QR code (``qrcode-generator``, copied in by ``studybook-vendor``) and a
handout. It reads the edition's anchors from anchors.json.js through a
``<script>`` element, because Chromium will not ``fetch()`` JSON from file://,
so it works in the offline copy too; served by mike, it also offers the
editions in ../versions.json. Reading ranges (``<page>?to=<end>#<start>``) are
marked by docs/assets/js/reading-range.js.

Modules:

- ``questions``: gathers every chapter's ``## Discussion questions
  { #discussion-questions }`` section onto teaching/discussion-questions.md, in
  nav order, with links re-pointed; a chapter without it stops the build.
- ``readinglinks``: the teaching tools' one reader of anchors.json: loads and
  checks it and makes a reader's address (``<site><edition>/<path>#<id>``).
- ``assignments``: writes anchors.json.js beside anchors.json.
- ``cartridge``: the chapters as an IMS Common Cartridge 1.1 (one web link per
  chapter, pinned to the edition), shipped as downloads/reading-list.imscc; also
  ``make cartridge``, which writes dist/reading-list-<edition>.imscc. No reachable
  registry ships the IMS schemas, so tests/cc_spec.py checks the CC 1.1 structure.

Plugins and events (priority 0 unless given):

- ``studybook-questions`` (``questions:QuestionsPlugin``): ``on_config`` resets
  state for the next ``mkdocs serve`` rebuild; ``on_files`` checks the
  page exists; ``on_nav`` takes the chapters in nav order; ``on_page_markdown`` at
  50 fills the marker, before the glossary and citation plugins, which then treat
  the copied text like any other.
- ``studybook-assignments`` (``assignments:AssignmentsPlugin``): ``on_post_build``
  at -100, after anchors.json is written.
- ``studybook-cartridge`` (``cartridge:CartridgePlugin``): ``on_post_build``; at the
  same priority as ``studybook-manifest``, so it must stay listed after it in
  mkdocs.yml.

Needs: anchors.json from ``studybook-manifest`` (``anchors``); a build without it
stops.
"""
