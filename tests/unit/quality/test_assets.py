"""studybook.quality.assets: the book's CSS and JavaScript are served as one file each, in order."""
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue

from studybook.quality.assets import join, split_entries


def test_local_files_are_joined_where_the_first_one_was(tmp_path: Path):
    for name in ["a.js", "b.js"]:
        (tmp_path / name).write_text("x")
    deferred = ExtraScriptValue("c.js")
    deferred.defer = True
    kept, joined = split_entries(["https://cdn.example/x.js", "a.js", deferred, "b.js", "missing.js"], tmp_path)
    assert joined == ["a.js", "b.js"]
    assert kept == ["https://cdn.example/x.js", None, deferred, "missing.js"]


def test_join_names_each_part_and_ends_scripts():
    text = join([("a.js", "one()"), ("b.js", "two()\n")], "js")
    assert text.index("/* ---- a.js ---- */\none()\n;") < text.index("/* ---- b.js ---- */\ntwo()\n;")
    assert ";" not in join([("a.css", "p{}")], "css").split("a.css ---- */")[1].replace("p{}", "")


def test_mini_site_loads_one_stylesheet_and_one_script(mini_site):
    site = mini_site({"index.md": "# Home\n", "assets/css/a.css": "a{}", "assets/css/b.css": "b{}",
                      "assets/js/a.js": "var a=1", "assets/js/b.js": "var b=2"},
                     "plugins:\n  - studybook-assets\nextra_css: [assets/css/a.css, assets/css/b.css]\n"
                     "extra_javascript: [assets/js/a.js, assets/js/b.js]\n")
    assert site.ok, site.output
    html = site.html("index.html")
    assert html.count("assets/css/book-all.css") == 1 and "assets/css/a.css" not in html
    assert html.count("assets/js/book-all.js") == 1 and "assets/js/b.js" not in html
    bundle = (site.site / "assets/js/book-all.js").read_text()
    assert bundle.index("var a=1") < bundle.index("var b=2")
    assert (site.site / "assets/js/a.js").exists()          # the parts are still published
