/* Load the search index when a reader starts to search, not on every page load.
 *
 * Material 9.8 requests search/search_index.json (with XMLHttpRequest) as soon as a page
 * opens. For this book that is the largest file of a first visit, and most readers never
 * search. This script runs before Material's bundle (overrides/main.html, block scripts)
 * and holds back only that one request until the search box gets focus: by a click or
 * tap, by Tab, or by Material's keys (f, s, /), which all focus it. A page opened from a
 * search result (?h=...) highlights the search terms, so it loads the index at once.
 * The offline copy (file://) loads the index with a <script> tag, which this leaves alone.
 */
(function () {
  "use strict";
  var release;
  var wanted = new Promise(function (resolve) { release = resolve; });
  var held = new WeakSet();
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;

  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches("[data-md-component=search-query]")) {
      release();
    }
  });
  if (new URLSearchParams(location.search).has("h")) {
    release();
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    if (/\/search\/search_index\.json$/.test(new URL(String(url), location.href).pathname)) {
      held.add(this);
    }
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!held.has(request)) {
      return send.apply(request, args);
    }
    wanted.then(function () { send.apply(request, args); });
  };
})();
