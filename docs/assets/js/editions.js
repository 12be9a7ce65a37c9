/* Editions compared in the browser (issue 19): what became of a link, or of a page's
 * paragraphs, in the latest edition. Vanilla JavaScript, no libraries.
 *
 * Published editions are never rewritten, so a page can compare them itself. It reads,
 * from its own site only: /versions.json (written by mike; the edition with the `latest`
 * alias is the newest; /latest/ is a folder of redirect pages, never read), each
 * edition's texts.json (studybook.anchors.texts; only units with an id are used) and,
 * when an id or a page is missing from the latest edition, that edition's page at the
 * old address: a mkdocs-redirects page names a page's new address, and the
 * .sb-anchor-moves block (studybook.anchors.redirects, also read by study-notes.js)
 * names the declared anchor moves. Nothing is stored; answers are kept in memory
 * for the visit.
 *
 * "Unchanged" is studybook.changes.diff's rule, mirrored here: two texts are the
 * same when they differ only in whitespace (Python's str.split) and in the shape of
 * quotes; the word difference is difflib.SequenceMatcher(autojunk=False) on those
 * plain words, ported below, so it matches the "Changes in this edition" page.
 *
 * 1. window.studybookEditions: the shared helpers, used by check-links.js (the
 *    teacher's page, teaching/check-links/) and below.
 * 2. The outdated notice: on a page of an earlier edition, Material's banner
 *    (overrides/main.html, block `outdated`) gets a sentence saying how many of this
 *    page's paragraphs changed, moved elsewhere or are gone in the latest edition,
 *    with a link to check-links/?from=<edition>&page=<path> there. Offline, or when
 *    a file cannot be read, the banner stays as it was.
 */
(function () {
  "use strict";

  // -- Text: studybook/changes/diff.py, line for line ---------------------------

  var PLAIN = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u00a0": " ", "\u202f": " ", "\u2009": " "
  };
  var QUOTES = /[\u2018\u2019\u201a\u201b\u2032`\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u00a0\u202f\u2009]/g;
  // What Python's str.split() splits on (str.isspace); not JavaScript's \s.
  var SPACE = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

  function split(text) {
    return String(text).split(SPACE).filter(Boolean);
  }

  function normalize(text) {
    return split(String(text).replace(QUOTES, function (c) { return PLAIN[c]; })).join(" ");
  }

  function same(a, b) { return normalize(a) === normalize(b); }

  /* difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes(). */
  function opcodes(a, b) {
    var b2j = new Map();
    b.forEach(function (x, j) {
      if (!b2j.has(x)) b2j.set(x, []);
      b2j.get(x).push(j);
    });
    function longest(alo, ahi, blo, bhi) {
      var bi = alo, bj = blo, size = 0, j2len = new Map();
      for (var i = alo; i < ahi; i++) {
        var next = new Map(), js = b2j.get(a[i]) || [];
        for (var n = 0; n < js.length; n++) {
          var j = js[n];
          if (j < blo) continue;
          if (j >= bhi) break;
          var k = (j2len.get(j - 1) || 0) + 1;
          next.set(j, k);
          if (k > size) { bi = i - k + 1; bj = j - k + 1; size = k; }
        }
        j2len = next;
      }
      while (bi > alo && bj > blo && a[bi - 1] === b[bj - 1]) { bi--; bj--; size++; }
      while (bi + size < ahi && bj + size < bhi && a[bi + size] === b[bj + size]) size++;
      return [bi, bj, size];
    }
    var queue = [[0, a.length, 0, b.length]], blocks = [];
    while (queue.length) {
      var q = queue.pop(), m = longest(q[0], q[1], q[2], q[3]);
      if (!m[2]) continue;
      blocks.push(m);
      if (q[0] < m[0] && q[2] < m[1]) queue.push([q[0], m[0], q[2], m[1]]);
      if (m[0] + m[2] < q[1] && m[1] + m[2] < q[3]) queue.push([m[0] + m[2], q[1], m[1] + m[2], q[3]]);
    }
    blocks.sort(function (x, y) { return (x[0] - y[0]) || (x[1] - y[1]) || (x[2] - y[2]); });
    var joined = [], i1 = 0, j1 = 0, k1 = 0;
    blocks.forEach(function (blk) {
      if (i1 + k1 === blk[0] && j1 + k1 === blk[1]) { k1 += blk[2]; return; }
      if (k1) joined.push([i1, j1, k1]);
      i1 = blk[0]; j1 = blk[1]; k1 = blk[2];
    });
    if (k1) joined.push([i1, j1, k1]);
    joined.push([a.length, b.length, 0]);
    var out = [], i = 0, j = 0;
    joined.forEach(function (blk) {
      var tag = i < blk[0] && j < blk[1] ? "replace" : i < blk[0] ? "delete" : j < blk[1] ? "insert" : "";
      if (tag) out.push([tag, i, blk[0], j, blk[1]]);
      i = blk[0] + blk[2]; j = blk[1] + blk[2];
      if (blk[2]) out.push(["equal", blk[0], i, blk[1], j]);
    });
    return out;
  }

  /* [[op, words]], op "=", "-" or "+": diff.word_diff. */
  function wordDiff(oldText, newText) {
    var ow = split(oldText), nw = split(newText), out = [];
    opcodes(ow.map(normalize), nw.map(normalize)).forEach(function (c) {
      if (c[0] === "equal") { out.push(["=", nw.slice(c[3], c[4]).join(" ")]); return; }
      if (c[2] > c[1]) out.push(["-", ow.slice(c[1], c[2]).join(" ")]);
      if (c[4] > c[3]) out.push(["+", nw.slice(c[3], c[4]).join(" ")]);
    });
    return out;
  }

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" }[c];
    });
  }

  var HIDDEN = '<span class="sb-visually-hidden">';
  function marked(tag, what, words) {
    return "<" + tag + ">" + HIDDEN + "[" + what + ": </span>" + esc(words) + HIDDEN + "]</span></" + tag + ">";
  }

  /* diff.diff_html: <del>/<ins> with words a screen reader says. */
  function diffHtml(ops) {
    return ops.map(function (op) {
      return op[0] === "-" ? marked("del", "deleted", op[1]) : op[0] === "+" ? marked("ins", "inserted", op[1]) : esc(op[1]);
    }).join(" ");
  }

  // -- Reading the site ----------------------------------------------------------

  var memo = {};
  function get(url, how) {
    if (!memo[url + how]) {
      memo[url + how] = fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return how === "json" ? r.json() : r.text();
      });
      memo[url + how].catch(function () { delete memo[url + how]; });
    }
    return memo[url + how];
  }

  function pageData(root) {
    var el = (root || document).querySelector(".sb-page-data");
    try { return JSON.parse(el.getAttribute("data-sb")); } catch (e) { return null; }
  }

  /* Where this page's edition and the site's root are, on a site laid out by mike; else null. */
  function where(data) {
    if (!data || !/^https?:$/.test(location.protocol)) return null;
    var edition = new URL(data.base || "./", location.href), parts = edition.pathname.split("/");
    var folder = parts[parts.length - 2];
    if (folder !== data.edition && folder !== "latest") return null;
    return { edition: edition.href, site: new URL("../", edition).href };
  }

  function units(page) {
    return (page && page.units || []).filter(function (u) { return u && u.id; });
  }

  /* An edition's texts.json, indexed: pages by path, paragraphs by id across the book. */
  function edition(ctx, version) {
    return get(ctx.site + version + "/texts.json", "json").then(function (doc) {
      var byPath = {}, byId = {};
      (doc.pages || []).forEach(function (p) {
        byPath[p.path] = p;
        units(p).forEach(function (u) {
          if (u.kind === "paragraph" && !byId[u.id]) byId[u.id] = { page: p, unit: u };
        });
      });
      return { version: version, byPath: byPath, byId: byId };
    });
  }

  /* The versions and the latest edition: {site, versions: ["1.2", ...], latest: "1.2"}. */
  function context(site) {
    return get(site + "versions.json", "json").then(function (list) {
      if (!Array.isArray(list) || !list.length) throw new Error("versions.json lists no edition");
      var latest = list.filter(function (v) { return (v.aliases || []).indexOf("latest") >= 0; })[0] || list[0];
      return { site: site, versions: list.map(function (v) { return String(v.version); }), latest: String(latest.version) };
    });
  }

  function online(path) {
    return path.replace(/(^|\/)index\.html$/, "$1").replace(/\.html$/, "/");
  }

  /* The latest edition's page at an old address: {path, moves, ids} (moves: id -> "path#id"), or null. */
  function latestPage(ctx, path) {
    var url = ctx.site + ctx.latest + "/" + path, base = ctx.site + ctx.latest + "/";
    return get(url, "text").then(function (text) {
      var doc = new DOMParser().parseFromString(text, "text/html");
      var refresh = doc.querySelector('meta[http-equiv="refresh" i]');
      var to = refresh && /url=(.*)$/i.exec(refresh.getAttribute("content") || "");
      if (to) {
        var target = new URL(to[1].trim(), url).href.split("#")[0];
        return target.indexOf(base) === 0 && online(target.slice(base.length)) !== path
          ? latestPage(ctx, online(target.slice(base.length))) : null;
      }
      var moves = {}, el = doc.querySelector(".sb-anchor-moves"), raw = {};
      try { raw = el ? JSON.parse(el.getAttribute("data-sb")) : {}; } catch (e) { raw = {}; }
      Object.keys(raw).forEach(function (id) {
        var href = new URL(raw[id], url).href;
        if (href.indexOf(base) === 0) moves[id] = online(href.slice(base.length).split("#")[0]) + "#" + href.split("#")[1];
      });
      var ids = {};
      Array.prototype.forEach.call(doc.querySelectorAll("article [id]"), function (x) { ids[x.id] = true; });
      return { path: path, moves: moves, ids: ids };
    }, function () { return null; });
  }

  function title(page) {
    return page.kind === "chapter" && page.number ? "Chapter " + page.number + ", \u201c" + page.title + "\u201d"
      : "\u201c" + (page.title || "Home") + "\u201d";
  }

  function excerpt(text, n) {
    var w = split(text);
    return w.slice(0, n || 12).join(" ") + (w.length > (n || 12) ? "\u2026" : "");
  }

  /* Where an old unit is in the latest edition: {page, unit} or null. `at` is the page's
     latest path (null when the page is gone); `held` the latestPage answer, if read. */
  function locate(now, unit, at, held) {
    if (unit.kind === "paragraph" && now.byId[unit.id]) return now.byId[unit.id];
    var here = at && now.byPath[at];
    var u = here && units(here).filter(function (x) { return x.id === unit.id && x.kind === unit.kind; })[0];
    if (u) return { page: here, unit: u };
    var move = held && held.moves[unit.id];
    if (move) {
      var p = now.byPath[move.split("#")[0]], id = move.split("#")[1];
      var m = p && units(p).filter(function (x) { return x.id === id; })[0];
      if (m) return { page: p, unit: m };
    }
    return null;
  }

  /* The state of one old paragraph or heading: unchanged, changed, moved (another page or id) or gone. */
  function fate(unit, path, found) {
    if (!found) return "gone";
    if (found.page.path !== path || found.unit.id !== unit.id) return "moved";
    return same(unit.text, found.unit.text) ? "unchanged" : "changed";
  }

  /* The latest page's path for an old one (following page moves) and its answer, or nulls. */
  function follow(ctx, now, path, needPage) {
    if (now.byPath[path] && !needPage) return Promise.resolve({ at: path, held: null });
    return latestPage(ctx, path).then(function (held) {
      return { at: held && now.byPath[held.path] ? held.path : (now.byPath[path] ? path : null), held: held };
    });
  }

  // -- One page's paragraphs (the outdated notice, and ?from=&page= on check-links) -

  /* {page (old), at, items: [{unit, state, found}], latest} for `path` in edition `version`. */
  function pageReport(ctx, version, path) {
    return Promise.all([edition(ctx, version), edition(ctx, ctx.latest)]).then(function (eds) {
      var old = eds[0], now = eds[1], page = old.byPath[path];
      if (!page) return null;
      var paras = units(page).filter(function (u) { return u.kind === "paragraph"; });
      var missing = paras.some(function (u) { return !now.byId[u.id]; });
      return follow(ctx, now, path, missing).then(function (f) {
        return { page: page, at: f.at, latest: ctx.latest, items: paras.map(function (u) {
          var found = locate(now, u, f.at, f.held);
          return { unit: u, found: found, state: fate(u, path, found) };
        }) };
      });
    });
  }

  // -- The outdated notice ---------------------------------------------------------

  function notice() {
    var slot = document.querySelector("[data-md-component=outdated] [data-sb-outdated-changes]");
    var data = pageData(), place = where(data);
    if (!slot || slot.hasAttribute("data-sb-done") || !place) return;
    slot.setAttribute("data-sb-done", "");
    context(place.site).then(function (ctx) {
      if (ctx.latest === data.edition || ctx.versions.indexOf(data.edition) < 0) return null;
      return Promise.all([pageReport(ctx, data.edition, data.path), edition(ctx, ctx.latest)]).then(function (r) {
        var report = r[0];
        if (!report || !report.items.length || !slot.isConnected) return;
        var n = report.items.filter(function (i) { return i.state !== "unchanged"; }).length;
        var total = report.items.length;
        var view = r[1].byPath["teaching/check-links/"]
          ? ctx.site + ctx.latest + "/teaching/check-links/?from=" + encodeURIComponent(data.edition) +
            "&page=" + encodeURIComponent(data.path) : "";
        var text = n === 0
          ? "All " + total + " of its paragraphs are unchanged in edition " + ctx.latest + "."
          : "In edition " + ctx.latest + ", " + n + " of its " + total + " paragraphs " + (n === 1 ? "has" : "have") +
            " changed, moved or gone.";
        slot.innerHTML = " " + esc(text) + (n && view ? ' <a href="' + esc(view) + '">Compare them</a>.' : "");
      });
    }).catch(function () { /* offline or unreadable: the banner stays as it was */ });
  }

  window.studybookEditions = {
    normalize: normalize, same: same, wordDiff: wordDiff, diffHtml: diffHtml, esc: esc,
    pageData: pageData, where: where, context: context, edition: edition, units: units,
    latestPage: latestPage, follow: follow, locate: locate, fate: fate, pageReport: pageReport,
    title: title, excerpt: excerpt, online: online
  };

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(notice);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", notice);
  else notice();
})();
