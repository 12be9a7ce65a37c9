"""Browser libraries from npm, copied into the built site: no CDN, nothing fetched by readers.

package.json pins each library exactly and ``npm ci`` (run by ``make``)
installs it into node_modules/. This plugin adds the files named in
mkdocs.yml to the build, so they are published with the book and work in the
offline copy::

    plugins:
      - studybook-vendor:
          files:
            qrcode-generator/dist/qrcode.js: assets/vendor/qrcode-generator/qrcode.js

The packages are looked for in the plugin's ``node_modules`` option when it
is set, else in the folder named by ``STUDYBOOK_NODE_MODULES``, else in
``node_modules`` beside mkdocs.yml. The tests set the variable, so that a copy
of the repository they build or publish uses this checkout's packages.
A missing file stops the build with the fix (run ``npm ci``).
"""
from __future__ import annotations

import json
import os
import posixpath
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from studybook.errors import CONFIG, BookError, config_line, read_text

PLUGIN = "studybook-vendor"
NODE_MODULES_ENV = "STUDYBOOK_NODE_MODULES"


class VendorConfig(Config):
    node_modules = c.Optional(c.Type(str))   # relative to mkdocs.yml; see the module docstring
    files = c.Type(dict, default={})          # node_modules path -> site path


def node_modules_dir(config_dir: Path, option: str | None) -> Path:
    """Where the npm packages are: the option, else $STUDYBOOK_NODE_MODULES, else ./node_modules."""
    chosen = option or os.environ.get(NODE_MODULES_ENV) or "node_modules"
    return (config_dir / chosen).resolve()


def package_version(node_modules: Path, src: str) -> str | None:
    """The installed version of the npm package that ``src`` belongs to."""
    parts = src.split("/")
    name = "/".join(parts[:2]) if parts[0].startswith("@") else parts[0]
    meta = node_modules / name / "package.json"
    if not meta.is_file():
        return None
    try:
        data = json.loads(read_text(meta))
    except ValueError as exc:
        raise BookError(str(meta), getattr(exc, "lineno", None), f"not valid JSON ({getattr(exc, 'msg', exc)})",
                        "the installed package is damaged: run `npm ci` to install it again") from None
    return data.get("version") if isinstance(data, dict) else None


def vendored_files(node_modules: Path, files: dict[str, str], config=None) -> list[tuple[Path, str]]:
    """Pairs of (installed file, site path); raise ``BookError`` for a missing file or a bad path.

    ``config`` (MkDocs') lets the error name the entry's line in mkdocs.yml.
    """
    pairs = []
    for src, dest in files.items():
        line = _entry_line(config, src)
        if not isinstance(dest, str) or posixpath.isabs(dest) or ".." in dest.split("/"):
            raise BookError(*line, f"studybook-vendor: '{dest}' is not a path inside the site",
                            "give a relative path such as assets/vendor/<package>/<file>.js")
        path = node_modules / src
        if not path.is_file():
            raise BookError(*line, f"the vendored file '{src}' is not installed (no {path})",
                            "run `npm ci` (every make target that builds does it), "
                            "check that package.json lists the package, and that the path under "
                            "studybook-vendor's files is the file's path inside node_modules")
        pairs.append((path, dest))
    return pairs


def _entry_line(config, src: str) -> tuple[str, int | None]:
    """(mkdocs.yml as messages name it, the line of ``src`` under the files option, else of files)."""
    config_file = config.get("config_file_path") if config is not None else None
    shown = Path(config_file).name if config_file else CONFIG
    line = config_line(config_file, PLUGIN, src)
    if line == config_line(config_file, PLUGIN):        # the entry itself was not found
        line = config_line(config_file, PLUGIN, "files")
    return shown, line


class VendorPlugin(BasePlugin[VendorConfig]):
    """Add pinned npm files to the site."""

    def on_files(self, files, config):
        node_modules = node_modules_dir(Path(config.config_file_path).parent, self.config.node_modules)
        for path, dest in vendored_files(node_modules, self.config.files, config):
            files.append(File.generated(config, dest, abs_src_path=str(path)))
        return files
