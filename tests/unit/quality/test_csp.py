"""studybook.quality.csp: the policy allows only the book's origin and the theme's own inline scripts."""
import base64
import hashlib

import pytest

from studybook.errors import BookError
from studybook.quality.csp import build_policy, check_extra, inline_script_hashes, insert_policy


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <script>var a=1</script>
  </head>
  <body>
    <script id="__config" type="application/json">{"base": "."}</script>
    <script src="bundle.js"></script>
    <script type="module">import "./x.js"</script>
    <SCRIPT type='text/javascript'>b()</SCRIPT>
  </body>
</html>"""


def test_hashes_cover_exactly_the_scripts_a_browser_runs():
    # Inline scripts of any script type are hashed; src= scripts and JSON data blocks are not.
    assert inline_script_hashes(PAGE) == {sha("var a=1"), sha('import "./x.js"'), sha("b()")}


def test_hash_is_of_the_text_as_the_browser_sees_it():
    # The HTML parser turns CR LF into LF before Chromium hashes the script.
    assert inline_script_hashes("<script>a()\r\nb()</script>") == {sha("a()\nb()")}


def test_policy_allows_only_self_data_images_and_the_hashes():
    policy = build_policy({sha("x")})
    assert policy == (
        "default-src 'self'; script-src 'self' " + sha("x") + "; style-src 'self'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'"
    )
    assert "unsafe-inline" not in policy and "http" not in policy


def test_the_offline_policy_allows_inline_scripts_and_still_only_self():
    # iframe-worker writes a script naming the file:// address of the unpacked copy:
    # no hash can be known, and a hash would switch 'unsafe-inline' off.
    policy = build_policy({sha("x")}, offline=True)
    assert "script-src 'self' 'unsafe-inline';" in policy
    assert "sha256" not in policy and "http" not in policy


def test_extra_sources_extend_a_directive_or_add_one():
    policy = build_policy(set(), {"img-src": ["blob:", "data:"], "worker-src": ["'self'", "blob:"]})
    assert "img-src 'self' data: blob:;" in policy
    assert policy.endswith("worker-src 'self' blob:")


@pytest.mark.parametrize("directive, message", [
    # (directive, what the error says): a <meta> policy cannot carry these.
    ("frame-ancestors", "has no effect in a <meta> policy"),
    ("report-uri", "has no effect in a <meta> policy"),
    ("scripts-src", "unknown directive"),
])
def test_extra_rejects_what_a_meta_policy_cannot_do(directive, message):
    with pytest.raises(BookError, match=message):
        check_extra({directive: ["'self'"]})


def test_policy_goes_right_after_the_charset_before_any_script():
    out = insert_policy(PAGE, "default-src 'self'")
    head = out.split("<script", 1)[0]
    assert '<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" ' \
           "content=\"default-src 'self'\">" in head


def test_inserting_again_replaces_the_policy():
    once = insert_policy(PAGE, "default-src 'self'")
    twice = insert_policy(once, "default-src 'none'")
    assert twice.count("Content-Security-Policy") == 1
    assert "default-src 'none'" in twice


def test_a_page_without_head_is_an_error():
    with pytest.raises(BookError, match="no <head>"):
        insert_policy("<p>fragment</p>", "default-src 'self'")


def test_mini_site_every_page_has_the_same_policy_with_all_hashes(mini_site):
    # Two pages at different depths get different __md_scope scripts; both hashes
    # must be on both pages, or instant navigation would stack two policies.
    site = mini_site({"index.md": "# Home\n\nText.\n", "a/b.md": "# B\n\nText.\n"},
                     "plugins:\n  - search\n  - studybook-csp\n")
    assert site.ok, site.output
    pages = ["index.html", "a/b/index.html", "404.html"]
    policies = set()
    for path in pages:
        html = site.html(path)
        start = html.index('http-equiv="Content-Security-Policy" content="') + 47
        policies.add(html[start:html.index('"', start)])
    assert len(policies) == 1
    (policy,) = policies
    every_hash = set().union(*(inline_script_hashes(site.html(p)) for p in pages))
    assert len(every_hash) >= 2
    assert all(h in policy for h in every_hash)


def test_mini_site_rejects_a_header_only_directive(mini_site):
    site = mini_site({"index.md": "# Home\n"},
                     "plugins:\n  - studybook-csp:\n      extra:\n        frame-ancestors: [\"'none'\"]\n")
    assert not site.ok
    assert "'frame-ancestors' has no effect in a <meta> policy" in site.output
