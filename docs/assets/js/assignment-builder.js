/* The assignment builder on teaching/assignments/ (docs/teaching/assignments.md).
 *
 * A teacher picks an edition, a chapter, a start and an end; the builder makes
 * a link pinned to the edition, a plain-text assignment, a QR code and a
 * printable handout. Everything runs here, in the browser: no server, no
 * network request except, on a published site, versions.json and the other
 * editions' anchors.json on the same host.
 *
 * Data:
 * - this edition's anchor manifest comes from anchors.json.js (written next to
 *   anchors.json by studybook.teaching.assignments) through a <script> element, which
 *   also works from file://, where Chromium refuses fetch();
 * - under mike, ../versions.json lists the published editions; their
 *   manifests are fetched from ../<version>/anchors.json. Offline, outside a
 *   folder named after the edition (a plain build), or when either file is
 *   missing, the builder offers the current edition only;
 * - the QR code is drawn with qrcode-generator (npm, pinned in package.json),
 *   copied into assets/vendor/ at build time by studybook.quality.vendor.
 *
 * Link format (documented on the page): <site>/<edition>/<path>?to=<end>#<start>;
 * a whole chapter is just <site>/<edition>/<path>. assets/js/reading-range.js
 * highlights the range on the chapter page.
 *
 * Page address parameters prefill the form: ?chapter=<slug>&start=<id>&end=<id>
 * (&edition=, &due=YYYY-MM-DD, &note=). The reading schedule uses them.
 */
(function () {
  "use strict";

  var SCRIPT = document.currentScript;
  // This file is <edition root>/assets/js/assignment-builder.js.
  var ROOT = new URL("../../", SCRIPT ? SCRIPT.src : location.href);
  var UNPUBLISHED = "dev";
  var DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];

  // -- Pure helpers (exported for the tests as window.studybookBuilder) -------

  function editionUrl(siteUrl, edition) {
    var root = /\/$/.test(siteUrl) ? siteUrl : siteUrl + "/";
    return edition === UNPUBLISHED ? root : root + encodeURIComponent(edition) + "/";
  }

  function onlinePath(path) {
    if (/(^|\/)index\.html$/.test(path)) return path.replace(/index\.html$/, "");
    if (/\.html$/.test(path)) return path.replace(/\.html$/, "/");
    return path;
  }

  /* The chapter's anchors in order, each with its index and, for a heading,
     the index of the last anchor of its section (up to the next heading of
     the same or a higher level). */
  function outline(page) {
    var anchors = page.anchors.map(function (a, i) {
      return Object.assign({}, a, { index: i, last: i });
    });
    anchors.forEach(function (a, i) {
      if (a.kind !== "heading") return;
      a.last = anchors.length - 1;
      for (var j = i + 1; j < anchors.length; j++) {
        if (anchors[j].kind === "heading" && anchors[j].level <= a.level) { a.last = j - 1; break; }
      }
    });
    return anchors;
  }

  function byId(anchors) {
    var map = {};
    anchors.forEach(function (a) { map[a.id] = a; });
    return map;
  }

  function readingUrl(siteUrl, edition, page, startId, endId) {
    var anchors = outline(page);
    var url = editionUrl(siteUrl, edition) + onlinePath(page.path);
    var first = anchors[0];
    if (first && startId === first.id && endId === first.id) return url;   // the whole chapter
    if (endId) url += "?to=" + encodeURIComponent(endId);
    if (startId) url += "#" + encodeURIComponent(startId);
    return url;
  }

  function formatDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!m) return "";
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return DAYS[d.getUTCDay()] + " " + d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
  }

  function sectionOf(anchor, map) {
    return anchor.kind === "heading" ? anchor : map[anchor.section];
  }

  function describeStart(a, map) {
    if (a.kind === "heading") {
      return a.level === 1 ? "the beginning of the chapter" : "the beginning of the section \u201c" + a.text + "\u201d";
    }
    var s = sectionOf(a, map);
    var sub = a.subsection && map[a.subsection];
    return (s && s.level > 1 ? "the section \u201c" + s.text + "\u201d, " : "the opening of the chapter, ") +
      "paragraph " + a.n + (sub ? " (under \u201c" + sub.text + "\u201d)" : "");
  }

  function describeEnd(a, map) {
    if (a.kind === "heading") {
      return a.level === 1 ? "the end of the chapter" : "the end of the section \u201c" + a.text + "\u201d";
    }
    return describeStart(a, map);
  }

  /* Everything a result needs, or {error} when the end comes before the start. */
  function assignment(opts) {
    var page = opts.page;
    var anchors = outline(page);
    var map = byId(anchors);
    var start = map[opts.start], end = map[opts.end];
    if (!start || !end) return { error: "Choose where the reading starts and ends." };
    if (end.last < start.index) {
      return { error: "The reading ends before it starts. Choose an end at or after the start." };
    }
    var whole = start.index === 0 && end.index === 0;
    var sections = [];
    var opening = sectionOf(start, map);
    if (opening && opening.level > 1) sections.push(opening);
    anchors.forEach(function (a) {
      if (a.kind === "heading" && a.level > 1 && a.index > start.index && a.index <= end.last &&
          sections.indexOf(a) < 0) sections.push(a);
    });
    var url = readingUrl(opts.siteUrl, opts.edition, page, start.id, end.id);
    var lines = [
      "Reading assignment",
      opts.siteName + (opts.edition === UNPUBLISHED ? " (development build)" : ", edition " + opts.edition),
      "",
      "Chapter " + page.number + ": " + page.title,
    ];
    if (whole) {
      lines.push("Read: the whole chapter");
    } else {
      lines.push("From: " + describeStart(start, map));
      lines.push("To: " + describeEnd(end, map));
    }
    if (sections.length) lines.push("Sections: " + sections.map(function (s) { return s.text; }).join("; "));
    var due = formatDate(opts.due);
    if (due) lines.push("Due: " + due);
    var note = (opts.note || "").trim().replace(/\s+/g, " ");
    if (note) lines.push("Note: " + note);
    lines.push("", "Link: " + url);
    return {
      url: url, text: lines.join("\n"), whole: whole, due: due, note: note,
      from: whole ? null : describeStart(start, map), to: whole ? null : describeEnd(end, map),
      sections: sections.map(function (s) { return s.text; }),
    };
  }

  /* An SVG QR code of `text`, dark modules on white with a 4-module quiet zone. */
  function qrSvg(text) {
    var qr = window.qrcode(0, "M");
    qr.addData(text, "Byte");
    qr.make();
    var n = qr.getModuleCount(), q = 4, size = n + 2 * q, d = "";
    for (var r = 0; r < n; r++) {
      for (var c = 0; c < n; c++) {
        if (qr.isDark(r, c)) d += "M" + (c + q) + " " + (r + q) + "h1v1h-1z";
      }
    }
    return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ' + size + " " + size +
      '" shape-rendering="crispEdges" focusable="false" aria-hidden="true">' +
      '<rect width="' + size + '" height="' + size + '" fill="#fff"/>' +
      '<path fill="#000" d="' + d + '"/></svg>';
  }

  window.studybookBuilder = {
    editionUrl: editionUrl, onlinePath: onlinePath, readingUrl: readingUrl,
    formatDate: formatDate, assignment: assignment, qrSvg: qrSvg,
  };

  // -- Loading ---------------------------------------------------------------

  var loaded = {};
  function loadScript(url) {
    if (!loaded[url]) {
      loaded[url] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = url;
        s.onload = resolve;
        s.onerror = function () { reject(new Error("could not load " + url)); };
        document.head.appendChild(s);
      });
    }
    return loaded[url];
  }

  function online() { return ROOT.protocol === "http:" || ROOT.protocol === "https:"; }

  function fetchJson(url) {
    return fetch(url, { cache: "no-cache" }).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + url);
      return r.json();
    });
  }

  /* mike puts each edition in a folder named after it, with versions.json one
     level up. A copy that is not in such a folder (make build, make serve) has
     no versions.json to read, so it does not ask for one (no 404 in the console). */
  function inEditionFolder(version) {
    return ROOT.pathname.slice(-(version.length + 2)) === "/" + version + "/";
  }

  /* The editions on offer: this one, plus (under mike) the others in ../versions.json. */
  function editions(current) {
    var list = [current];
    if (!online() || current.version === UNPUBLISHED || !inEditionFolder(current.version)) {
      return Promise.resolve({ list: list, note: "local" });
    }
    return fetchJson(new URL("../versions.json", ROOT)).then(function (versions) {
      versions.forEach(function (v) {
        if (!v || typeof v.version !== "string") return;
        if (v.version === current.version) { current.aliases = v.aliases || []; return; }
        list.push({ version: v.version, title: v.title || v.version, aliases: v.aliases || [], manifest: null });
      });
      return { list: list, note: list.length > 1 ? "published" : "only" };
    }).catch(function () { return { list: list, note: "missing" }; });
  }

  // -- The page --------------------------------------------------------------

  function el(id) { return document.getElementById(id); }

  function option(value, label) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    return o;
  }

  function snippet(text) {
    var t = (text || "").trim();
    return t.length > 70 ? t.slice(0, 69).replace(/\s+\S*$/, "") + "\u2026" : t;
  }

  function init(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "loading";
    var status = el("ab-status");
    status.textContent = "Loading the chapters\u2026";
    Promise.all([
      loadScript(new URL("anchors.json.js", ROOT).href),
      loadScript(new URL("assets/vendor/qrcode-generator/qrcode.js", ROOT).href),
    ]).then(function () {
      var data = window.studybookAnchors || {};
      if (!data.manifest) {
        throw new Error(data.problem || "The anchor manifest of this edition could not be read.");
      }
      if (!data.siteUrl) {
        throw new Error("This copy of the book does not know its web address (site_url), so it cannot make links.");
      }
      var current = { version: data.manifest.edition, title: data.manifest.edition, aliases: [], manifest: data.manifest };
      return editions(current).then(function (found) { start(root, data, current, found); });
    }).catch(function (err) {
      root.dataset.ready = "failed";
      status.textContent = "The assignment builder cannot start: " + err.message;
      status.classList.add("sb-builder__status--problem");
    });
  }

  function start(root, data, current, found) {
    var form = el("ab-form"), status = el("ab-status");
    var fields = {
      edition: el("ab-edition"), chapter: el("ab-chapter"), start: el("ab-start"),
      end: el("ab-end"), due: el("ab-due"), note: el("ab-note"),
    };
    var state = { edition: current, result: null };
    var params = new URLSearchParams(location.search);

    // Editions
    found.list.forEach(function (e) {
      var label = e.version === UNPUBLISHED ? "Development build (not a published edition)" :
        "Edition " + e.title + (e.aliases && e.aliases.length ? " (" + e.aliases.join(", ") + ")" : "") +
        (e === current ? ", the one you are reading" : "");
      fields.edition.appendChild(option(e.version, label));
    });
    var help = {
      local: current.version === UNPUBLISHED ?
        "This is a development build: its links are not pinned to an edition." :
        "Only the edition you are reading is listed here (offline copy, or no list of published editions).",
      missing: "Only the edition you are reading is listed: the list of published editions could not be read.",
      only: "This is the only published edition so far. A numbered edition never changes, so its links keep working.",
      published: "A numbered edition never changes, so its links keep working. \u201clatest\u201d moves; links here never use it.",
    };
    el("ab-edition-help").textContent = help[found.note];
    fields.edition.disabled = found.list.length < 2;

    function chapters() {
      return state.edition.manifest.pages.filter(function (p) { return p.kind === "chapter"; })
        .sort(function (a, b) { return a.number - b.number; });
    }
    function slugOf(page) { return page.src.replace(/^.*\//, "").replace(/\.md$/, ""); }
    function currentPage() {
      var v = fields.chapter.value;
      return chapters().filter(function (p) { return slugOf(p) === v; })[0];
    }

    function fillChapters(keep) {
      fields.chapter.textContent = "";
      chapters().forEach(function (p) {
        fields.chapter.appendChild(option(slugOf(p), p.number + ". " + p.title));
      });
      if (keep && chapters().some(function (p) { return slugOf(p) === keep; })) fields.chapter.value = keep;
    }

    function fillRange(startId, endId) {
      var page = currentPage(), anchors = outline(page);
      [fields.start, fields.end].forEach(function (s) { s.textContent = ""; });
      var group = { start: null, end: null };
      anchors.forEach(function (a) {
        if (a.kind === "heading") {
          var label = a.level === 1 ? "Opening of the chapter" : (a.level > 2 ? "\u2003" : "") + a.text;
          group.start = document.createElement("optgroup");
          group.start.label = label;
          group.end = document.createElement("optgroup");
          group.end.label = label;
          fields.start.appendChild(group.start);
          fields.end.appendChild(group.end);
          group.start.appendChild(option(a.id, a.level === 1 ? "Beginning of the chapter" : "Start of section: " + a.text));
          if (a.level > 1) group.end.appendChild(option(a.id, "End of section: " + a.text));
        } else {
          var p = "Paragraph " + a.n + ": " + snippet(a.text);
          group.start.appendChild(option(a.id, p));
          group.end.appendChild(option(a.id, p));
        }
      });
      var whole = document.createElement("optgroup");
      whole.label = "Whole chapter";
      whole.appendChild(option(anchors[0].id, "End of the chapter"));
      fields.end.appendChild(whole);
      fields.start.value = anchors.some(function (a) { return a.id === startId; }) ? startId : anchors[0].id;
      fields.end.value = anchors.some(function (a) { return a.id === endId; }) ? endId : anchors[0].id;
    }

    function keepEndAfterStart() {
      var anchors = outline(currentPage()), map = byId(anchors);
      var s = map[fields.start.value], e = map[fields.end.value];
      if (s && e && e.last < s.index) {
        var section = s.kind === "heading" ? s : map[s.section];
        fields.end.value = section && section.level > 1 ? section.id : anchors[0].id;
        return true;
      }
      return false;
    }

    function render(announce) {
      var page = currentPage();
      var r = assignment({
        page: page, start: fields.start.value, end: fields.end.value,
        siteUrl: state.edition.manifest.site || data.siteUrl, siteName: data.siteName || document.title,
        edition: state.edition.version,
        due: fields.due.value, note: fields.note.value,
      });
      var error = el("ab-end-error");
      if (r.error) {
        error.textContent = r.error;
        error.hidden = false;
        fields.end.setAttribute("aria-invalid", "true");
        el("ab-result").hidden = true;
        status.textContent = r.error;
        return null;
      }
      error.hidden = true;
      error.textContent = "";
      fields.end.removeAttribute("aria-invalid");
      state.result = r;
      var link = el("ab-link");
      link.href = r.url;
      link.textContent = r.url;
      el("ab-text").value = r.text;
      showHandout(page, r);
      el("ab-result").hidden = false;
      if (announce) {
        status.textContent = "Assignment ready: chapter " + page.number +
          (r.whole ? ", the whole chapter." : ", from " + r.from + " to " + r.to + ".");
      }
      return r;
    }

    function showHandout(page, r) {
      el("ab-h-book").textContent = (data.siteName || "") +
        (state.edition.version === UNPUBLISHED ? "" : ", edition " + state.edition.version);
      var facts = el("ab-h-facts");
      facts.textContent = "";
      function fact(term, value) {
        if (!value) return;
        var dt = document.createElement("dt"), dd = document.createElement("dd");
        dt.textContent = term;
        dd.textContent = value;
        facts.appendChild(dt);
        facts.appendChild(dd);
      }
      fact("Chapter", page.number + ". " + page.title);
      if (r.whole) fact("Read", "The whole chapter");
      fact("From", r.from && r.from.charAt(0).toUpperCase() + r.from.slice(1));
      fact("To", r.to && r.to.charAt(0).toUpperCase() + r.to.slice(1));
      fact("Sections", r.sections.join("; "));
      fact("Due", r.due);
      fact("Note", r.note);
      el("ab-h-url").textContent = r.url;
      var qr = el("ab-qr");
      qr.innerHTML = qrSvg(r.url);
      qr.setAttribute("data-text", r.url);
      qr.setAttribute("aria-label", "QR code of the link " + r.url);
    }

    function loadEdition(version) {
      var target = found.list.filter(function (e) { return e.version === version; })[0];
      if (!target) return Promise.reject(new Error("unknown edition " + version));
      if (target.manifest) return Promise.resolve(target);
      return fetchJson(new URL("../" + encodeURIComponent(version) + "/anchors.json", ROOT)).then(function (m) {
        if (!m || !Array.isArray(m.pages)) throw new Error("edition " + version + " has no usable anchor manifest");
        target.manifest = m;
        return target;
      });
    }

    function switchEdition(version, then) {
      var keep = fields.chapter.value;
      return loadEdition(version).then(function (target) {
        state.edition = target;
        fillChapters(keep);
        then();
      }).catch(function () {
        fields.edition.value = state.edition.version;
        status.textContent = "Edition " + version + " cannot be used here: its list of paragraphs could not be " +
          "loaded. The builder stays on edition " + state.edition.version + ".";
      });
    }

    // Prefill from the page address, then show.
    fillChapters(params.get("chapter"));
    fillRange(params.get("start"), params.get("end"));
    if (params.get("due")) fields.due.value = params.get("due");
    if (params.get("note")) fields.note.value = params.get("note").slice(0, 400);
    var wanted = params.get("edition");

    fields.edition.addEventListener("change", function () {
      var s = fields.start.value, e = fields.end.value;
      switchEdition(fields.edition.value, function () { fillRange(s, e); render(true); });
    });
    fields.chapter.addEventListener("change", function () { fillRange(); render(true); });
    fields.start.addEventListener("change", function () {
      var moved = keepEndAfterStart();
      render(true);
      if (moved) status.textContent += " The end moved to keep it after the start.";
    });
    fields.end.addEventListener("change", function () { render(true); });
    fields.due.addEventListener("change", function () { render(true); });
    var typing;
    fields.note.addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(function () { render(false); }, 300);
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (render(true)) el("ab-result-title").focus();
    });

    el("ab-copy-link").addEventListener("click", function () { copy(state.result && state.result.url, "Link copied."); });
    el("ab-copy-text").addEventListener("click", function () {
      copy(el("ab-text").value, "Text copied.", el("ab-text"));
    });
    el("ab-print").addEventListener("click", function () { window.print(); });

    function copy(text, done, field) {
      if (!text) return;
      function fallback() {
        var area = field || document.createElement("textarea");
        if (!field) { area.value = text; area.setAttribute("readonly", ""); area.className = "sb-offscreen"; document.body.appendChild(area); }
        area.select();
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
        if (!field) area.remove();
        status.textContent = ok ? done : "Copying is blocked here: select the text and copy it by hand.";
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { status.textContent = done; }, fallback);
      } else {
        fallback();
      }
    }

    form.hidden = false;
    root.dataset.ready = "true";
    if (wanted && wanted !== current.version && found.list.some(function (e) { return e.version === wanted; })) {
      fields.edition.value = wanted;
      var s0 = fields.start.value, e0 = fields.end.value;
      switchEdition(wanted, function () { fillRange(s0, e0); render(true); });
    } else {
      render(true);
    }
  }

  function onPage() {
    var root = document.getElementById("assignment-builder");
    if (root) init(root);
  }

  // Material's instant navigation swaps pages without reloading scripts and
  // announces each page on document$. Where it does not (a page opened from
  // disk), run once the document is ready. Running twice does no harm.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { onPage(); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
