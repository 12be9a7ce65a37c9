/* "Check links from an older edition" (docs/teaching/check-links.md). Runs only on
 * that page (the #link-checker element); inert elsewhere.
 *
 * A teacher pastes links, or any text with links in it. For each link to this book the
 * page says what became of its page, paragraph, heading or reading range
 * (?to=<end>#<start>, as in reading-range.js) in the latest edition: unchanged,
 * changed (with the word difference), moved (with its new link) or gone; and what is
 * wrong with a malformed link, a link to another site or to an edition that does not
 * exist. It then gives the pasted text back with every link it could follow rewritten
 * for the latest edition. ?from=<edition>&page=<path> (the outdated notice's link,
 * editions.js) fills the box with a link to each paragraph of that page and checks
 * them. The comparisons are window.studybookEditions' (editions.js). Nothing is sent
 * or stored. The checker's block is sb-generated and sb-unanchored: its headings get no
 * copy-link buttons (anchors.js) and are not anchors an edition must keep (anchors.json).
 */
(function () {
  "use strict";

  var E = window.studybookEditions;
  var LABELS = { unchanged: "Unchanged", changed: "Changed", moved: "Moved", gone: "Gone",
    broken: "Not in its edition", malformed: "Malformed", foreign: "Another site", unknown: "Unknown edition" };
  var COUNTED = { broken: "not in their own edition", malformed: "malformed", foreign: "to another site",
    unknown: "to an unknown edition" };
  var NEEDS = "This checker compares the published editions, so it needs their list (versions.json), " +
    "which only the book's website has. Open this page there to check your links.";

  /* Every web address in a text: [{raw, at}], trailing punctuation left out. */
  function extract(text) {
    var out = [], re = /\bhttps?:[^\s<>"'`]+/gi, m;
    while ((m = re.exec(text))) {
      var raw = m[0];
      for (;;) {
        var last = raw.slice(-1);
        if (/[.,;:!?'"\u2019\u201d\u00bb]/.test(last)) raw = raw.slice(0, -1);
        else if (last === ")" && raw.split("(").length <= raw.split(")").length - 1) raw = raw.slice(0, -1);
        else if (last === "]" && raw.split("[").length <= raw.split("]").length - 1) raw = raw.slice(0, -1);
        else break;
      }
      out.push({ raw: raw, at: m.index });
    }
    return out;
  }

  function result(state, html, extra) {
    return Object.assign({ state: state, html: html, newUrl: null }, extra || {});
  }

  function decode(s) {
    try { return decodeURIComponent(s); } catch (e) { return s; }
  }

  function list(items) {
    return items.length < 2 ? items.join("") : items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
  }

  /* A pasted address as {root, edition, alias, path, start, end}, or a result saying what is wrong. */
  function parse(raw, ctx, roots) {
    var url = null;
    if (/^https?:\/\/[^/?#\s]/i.test(raw)) { try { url = new URL(raw); } catch (e) { url = null; } }
    if (!url) {
      return result("malformed", "This address is incomplete or misspelled. A web address starts with " +
        "<code>https://</code> and the name of a site.");
    }
    var root = roots.filter(function (r) { return url.href.indexOf(r) === 0 || url.href + "/" === r; })[0];
    if (!root) return result("foreign", "This link goes to another site (" + E.esc(url.host) + "), not to this book, so it was not checked.");
    var rest = decode(url.pathname.slice(new URL(root).pathname.length)), folder = rest.split("/")[0];
    var known = ctx.versions.slice().reverse().map(function (v) { return E.esc(v); });
    var link = { root: root, edition: folder, alias: folder === "latest", path: E.online(rest.slice(folder.length + 1)),
      start: url.hash ? decode(url.hash.slice(1)) : "", end: url.hash ? url.searchParams.get("to") || "" : "" };
    if (link.alias) link.edition = ctx.latest;
    else if (ctx.versions.indexOf(folder) < 0 && /^\d+(\.\d+)+$/.test(folder)) {
      return result("unknown", "There is no edition " + E.esc(folder) + " of this book. The published editions are " +
        list(known) + ".");
    } else if (ctx.versions.indexOf(folder) < 0) {
      return result("malformed", "This address names no edition. A link to the book starts with an edition " +
        "number, such as <code>" + E.esc(root + ctx.latest) + "/</code>.");
    }
    return link;
  }

  function address(link, path, start, end) {
    return link.root + link.ctx.latest + "/" + path + (end ? "?to=" + encodeURIComponent(end) : "") +
      (start ? "#" + encodeURIComponent(start) : "");
  }

  function quote(text) { return "\u201c" + E.esc(E.excerpt(text)) + "\u201d"; }

  function diffBlock(oldText, newText) {
    return '<blockquote class="sb-change-text">' + E.diffHtml(E.wordDiff(oldText, newText)) + "</blockquote>";
  }

  function find(page, id) {
    return E.units(page).filter(function (u) { return u.id === id; })[0];
  }

  /* The paragraphs of a reading range on a page (reading-range.js), or null when it is not one. */
  function range(page, startId, endId) {
    var us = E.units(page), ids = us.map(function (u) { return u.id; });
    var i = ids.indexOf(startId), j = ids.indexOf(endId);
    if (i < 0 || j < i) return null;
    if (us[j].kind === "heading") {
      var level = us[j].level, k = j + 1;
      while (k < us.length && !(us[k].kind === "heading" && us[k].level <= level)) k++;
      j = k - 1;
    }
    return us.slice(i, j + 1).filter(function (u) { return u.kind === "paragraph"; });
  }

  function what(unit) {
    return unit.kind === "heading" ? "the heading \u201c" + E.esc(unit.text) + "\u201d" : "the paragraph that begins " + quote(unit.text);
  }

  function onPage(found, at) {
    return found.page.path === at ? "" : " It is now in " + E.esc(E.title(found.page)) + ".";
  }

  /* What became of one link in the latest edition. */
  function check(ctx, raw, roots) {
    var link = parse(raw, ctx, roots);
    if (link.state) return Promise.resolve(link);
    link.ctx = ctx;
    var L = E.esc(ctx.latest), pinned = link.alias ? " The link used <code>latest</code>, which always opens the " +
      "newest edition; the updated link names edition " + L + " instead." : "";
    return Promise.all([E.edition(ctx, link.edition), E.edition(ctx, ctx.latest)]).then(function (eds) {
      var old = eds[0], now = eds[1], page = old.byPath[link.path];
      if (!page) {
        return result("broken", "Edition " + E.esc(link.edition) + " has no page at this address, so this link " +
          "did not work there either.");
      }
      var start = link.start && find(page, link.start), end = link.end && find(page, link.end);
      if (link.start && page.units && (!start || (link.end && !end))) {
        var id = !start ? link.start : link.end;
        return result("broken", "Edition " + E.esc(link.edition) + " has no paragraph or heading <code>#" +
          E.esc(id) + "</code> on " + E.esc(E.title(page)) + ", so this link did not point to it there either.");
      }
      var need = !now.byPath[link.path] || (link.start && (!page.units ||
        [start, end].some(function (u) { return u && !E.locate(now, u, link.path, null); })));
      return E.follow(ctx, now, link.path, need).then(function (f) {
        if (!f.at) return result("gone", E.esc(E.title(page)) + " is no longer in edition " + L + ".");
        var moved = f.at !== link.path ? " The page moved to <code>" + E.esc(f.at) + "</code>." : "";
        if (!link.start || !page.units) {
          if (link.start && !(f.held && f.held.ids[link.start])) {
            return result("gone", "The page is still in edition " + L + ", but it no longer has the place <code>#" +
              E.esc(link.start) + "</code>." + moved);
          }
          return result(moved ? "moved" : "unchanged", (moved ? "" : "The page is still at this address in edition " + L + ".") +
            moved + pinned, { newUrl: address(link, f.at, link.start, "") });
        }
        if (end) return checkRange(link, now, f, page, start, end, pinned);
        var found = E.locate(now, start, f.at, f.held), state = E.fate(start, link.path, found);
        if (state === "gone") {
          return result("gone", "Gone from edition " + L + ": " + what(start) + " was removed.");
        }
        var html = state === "unchanged" ? "Unchanged in edition " + L + ": " + what(start) + "." + pinned
          : state === "changed" ? "Its words changed in edition " + L + ":" + diffBlock(start.text, found.unit.text) + pinned
          : "Moved in edition " + L + ": " + what(start) + "." + onPage(found, link.path) +
            (E.same(start.text, found.unit.text) ? " Its words are the same." : " Its words changed too:" +
              diffBlock(start.text, found.unit.text));
        return result(state, html, { newUrl: address(link, found.page.path, found.unit.id, "") });
      });
    });
  }

  function checkRange(link, now, f, page, start, end, pinned) {
    var L = E.esc(link.ctx.latest), s = E.locate(now, start, f.at, f.held), e = E.locate(now, end, f.at, f.held);
    if (!s || !e) {
      return result("gone", "The reading's " + (!s ? "start, " + what(start) : "end, " + what(end)) +
        ", is no longer in edition " + L + ". Make a new link with the assignment builder.");
    }
    var paras = range(page, start.id, end.id) || [], now_ = s.page.path === e.page.path && range(s.page, s.unit.id, e.unit.id);
    if (!now_) {
      return result("gone", "In edition " + L + " the reading's start and end are no longer in order on one page. " +
        "Make a new link with the assignment builder.");
    }
    var inNew = {}, inOld = {};
    now_.forEach(function (u) { inNew[u.id] = u; });
    paras.forEach(function (u) { inOld[u.id] = true; });
    var changed = [], out = [], gone = [];
    paras.forEach(function (u) {
      var found = E.locate(now, u, f.at, f.held);
      if (!found) gone.push(u);
      else if (!inNew[found.unit.id]) out.push(u);
      else if (!E.same(u.text, found.unit.text)) changed.push([u, found.unit]);
    });
    var added = now_.filter(function (u) { return !inOld[u.id]; });
    var moved = s.page.path !== link.path || s.unit.id !== start.id || e.unit.id !== end.id;
    var sum = [];
    if (changed.length) sum.push(changed.length + " changed");
    if (out.length) sum.push(out.length + " moved out of it");
    if (gone.length) sum.push(gone.length + " removed");
    if (added.length) sum.push(added.length + " added");
    var html = (moved ? "The reading moved in edition " + L + "." + onPage(s, link.path) + " " : "") +
      "It has " + paras.length + " paragraph" + (paras.length === 1 ? "" : "s") + " in edition " + E.esc(link.edition) +
      (sum.length ? "; in edition " + L + ", " + list(sum) + "." : ", all unchanged in edition " + L + ".") + pinned;
    changed.forEach(function (c) { html += diffBlock(c[0].text, c[1].text); });
    gone.concat(out).forEach(function (u) {
      html += '<blockquote class="sb-change-text"><del><span class="sb-visually-hidden">[deleted: </span>' +
        E.esc(u.text) + '<span class="sb-visually-hidden">]</span></del></blockquote>';
    });
    added.forEach(function (u) {
      html += '<blockquote class="sb-change-text"><ins><span class="sb-visually-hidden">[inserted: </span>' +
        E.esc(u.text) + '<span class="sb-visually-hidden">]</span></ins></blockquote>';
    });
    return result(moved ? "moved" : sum.length ? "changed" : "unchanged", html,
      { newUrl: address(link, s.page.path, s.unit.id, e.unit.id) });
  }

  // -- The page ---------------------------------------------------------------------

  function $(id) { return document.getElementById(id); }

  function say(el, text) {
    el.textContent = "";
    window.setTimeout(function () { el.textContent = text; }, 50);
  }

  function start() {
    var root = $("link-checker");
    if (!root || root.hasAttribute("data-sb-ready") || !E) return;
    root.setAttribute("data-sb-ready", "");
    var status = $("cl-status"), form = $("cl-form"), input = $("cl-input");
    var data = E.pageData(), place = E.where(data);
    if (!place) { status.textContent = NEEDS; return; }
    E.context(place.site).then(function (ctx) {
      var roots = [place.site];
      if (data.site && roots.indexOf(data.site) < 0) roots.push(data.site);
      form.hidden = false;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        run(ctx, roots, input.value, "");
      });
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); form.requestSubmit(); }
      });
      $("cl-copy").addEventListener("click", copy);
      var q = new URLSearchParams(location.search), from = q.get("from"), path = q.get("page");
      if (from && path !== null && ctx.versions.indexOf(from) >= 0) pageMode(ctx, roots, from, path);
    }).catch(function () { status.textContent = NEEDS; });
  }

  /* ?from=&page=: a link to each paragraph of that page, checked. */
  function pageMode(ctx, roots, from, path) {
    E.edition(ctx, from).then(function (old) {
      var page = old.byPath[path];
      if (!page) return;
      var links = E.units(page).filter(function (u) { return u.kind === "paragraph"; }).map(function (u) {
        return ctx.site + from + "/" + path + "#" + u.id;
      });
      $("cl-input").value = links.join("\n");
      run(ctx, roots, $("cl-input").value, "The paragraphs of " + E.title(page) + " in edition " + from +
        ", compared with edition " + ctx.latest + ". ");
    });
  }

  function run(ctx, roots, text, intro) {
    var status = $("cl-status"), found = extract(text), seen = {}, unique = [];
    found.forEach(function (f) { if (!seen[f.raw]) { seen[f.raw] = true; unique.push(f.raw); } });
    if (!unique.length) {
      $("cl-result").hidden = true;
      say(status, "No link found. Paste addresses that start with https:// or http://.");
      return;
    }
    say(status, "Checking " + unique.length + " link" + (unique.length === 1 ? "" : "s") + "\u2026");
    Promise.all(unique.map(function (raw) {
      return check(ctx, raw, roots).catch(function () {
        return result("broken", "This link could not be checked: a file of the site could not be read.");
      });
    })).then(function (results) {
      var tally = {}, newUrl = {};
      $("cl-list").innerHTML = results.map(function (r, i) {
        tally[r.state] = (tally[r.state] || 0) + 1;
        if (r.newUrl) newUrl[unique[i]] = r.newUrl;
        return '<li class="sb-checker__item sb-checker__item--' + r.state + '"><p class="sb-checker__link">' +
          '<span class="sb-checker__state">' + LABELS[r.state] + "</span> " + E.esc(unique[i]) + '</p><div class="sb-checker__what">' + r.html + "</div>" +
          (r.newUrl ? '<p class="sb-checker__new">New link: <a href="' + E.esc(r.newUrl) + '">' + E.esc(r.newUrl) + "</a></p>" : "") +
          "</li>";
      }).join("");
      var out = "", at = 0;
      found.forEach(function (f) {
        out += text.slice(at, f.at) + (newUrl[f.raw] || f.raw);
        at = f.at + f.raw.length;
      });
      $("cl-output").value = out + text.slice(at);
      $("cl-latest").textContent = ctx.latest;
      $("cl-copied").textContent = "";
      $("cl-result").hidden = false;
      var parts = Object.keys(LABELS).filter(function (k) { return tally[k]; }).map(function (k) {
        return tally[k] + " " + (COUNTED[k] || LABELS[k].toLowerCase());
      });
      say(status, intro + "Checked " + unique.length + " link" + (unique.length === 1 ? "" : "s") + " against edition " +
        ctx.latest + ": " + list(parts) + ". The results are below.");
    });
  }

  function copy() {
    var box = $("cl-output"), done = $("cl-copied");
    function byHand() {
      box.focus();
      box.select();
      say(done, "Your browser did not let the page copy. The text is selected: press Ctrl+C (or Command+C) to copy it.");
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(box.value).then(function () { say(done, "Copied the updated text."); }, byHand);
    } else {
      byHand();
    }
  }

  window.studybookCheckLinks = { extract: extract };
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
