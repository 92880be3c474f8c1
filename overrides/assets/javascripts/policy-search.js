/* Site search with Pagefind: the index of the page's own language (Pagefind picks it
 * from <html lang>), answered on every input event, so each key a person types (and
 * each text an input method commits) gives results. A hit links to the clause that
 * holds most of the matched words and shows the matched text there. */
(function () {
  "use strict";
  var script = document.currentScript;
  var bundle = new URL("../../pagefind/", script.src).href;
  var input = document.getElementById("policy-search-input");
  var panel = document.getElementById("policy-search-results");
  if (!input || !panel) return;
  var list = panel.querySelector(".policy-search__list");
  var meta = panel.querySelector(".policy-search__meta");
  var MAX = 8;
  var engine = null;
  var latest = 0;

  function load() {
    if (!engine) {
      engine = import(bundle + "pagefind.js").then(function (pagefind) {
        return pagefind.options({
          basePath: bundle, excerptLength: 30,
          // Articles differ tenfold in length; a long article that lists a term is still its place.
          ranking: { pageLength: 0.3 }
        }).then(function () {
          return pagefind.init();
        }).then(function () { return pagefind; });
      });
    }
    return engine;
  }

  // The clause (an element with an id like art-6-p2) that holds most of the hits.
  function clauseOf(data) {
    var anchors = (data.anchors || []).filter(function (a) { return /^art-\d/.test(a.id); });
    if (!anchors.length) return null;
    anchors.sort(function (a, b) { return a.location - b.location; });
    var counts = new Map();
    (data.locations || []).forEach(function (loc) {
      var owner = null;
      for (var i = 0; i < anchors.length && anchors[i].location <= loc; i++) owner = anchors[i];
      if (owner) counts.set(owner, (counts.get(owner) || 0) + 1);
    });
    var best = null;
    counts.forEach(function (n, anchor) {
      if (!best || n > counts.get(best) || (n === counts.get(best) && anchor.location < best.location)) best = anchor;
    });
    return best;
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // The words Pagefind matched, as they appear in the text (it marks them in its excerpts).
  function matchedWords(data) {
    var words = new Set();
    [data.excerpt].concat((data.sub_results || []).map(function (s) { return s.excerpt; }))
      .forEach(function (html) {
        (html || "").replace(/<mark>([^<]+)<\/mark>/g, function (_, w) {
          // Pagefind marks whole words with the punctuation they touch ("cookies,").
          w = w.replace(/^[\s"'(（「『]+|[\s"'.,;:!?)）」』、。]+$/g, "");
          if (w) words.add(w);
          return "";
        });
      });
    return Array.from(words).sort(function (a, b) { return b.length - a.length; });
  }

  // The clause's own text, cut around its first match, with the matches marked.
  function excerptFor(data, clause) {
    var words = matchedWords(data).map(function (w) {
      return w.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'");
    });
    var text = clause && clause.text;
    if (!text || !words.length) return data.excerpt;
    var lower = text.toLowerCase();
    var first = -1;
    words.forEach(function (w) {
      var at = lower.indexOf(w.toLowerCase());
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    if (first < 0) return data.excerpt;
    var start = Math.max(0, first - 40);
    var piece = text.slice(start, start + 140);
    var pattern = new RegExp(words.map(function (w) {
      return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|"), "gi");
    var out = "", last = 0, m;
    while ((m = pattern.exec(piece)) !== null) {
      if (!m[0]) { pattern.lastIndex++; continue; }
      out += escapeHtml(piece.slice(last, m.index)) + "<mark>" + escapeHtml(m[0]) + "</mark>";
      last = m.index + m[0].length;
    }
    out += escapeHtml(piece.slice(last));
    return (start > 0 ? "…" : "") + out + (start + 140 < text.length ? "…" : "");
  }

  function plural(n) {
    if (n === 0) return panel.dataset.empty;
    return n === 1 ? panel.dataset.one : panel.dataset.other.replace("#", String(n));
  }

  function render(hits, total, query) {
    list.textContent = "";
    hits.forEach(function (data) {
      var clause = clauseOf(data);
      var li = document.createElement("li");
      li.className = "policy-search__item";
      var a = document.createElement("a");
      a.className = "policy-search__link";
      a.href = data.url.split("#")[0] + (clause ? "#" + clause.id : "");
      var title = document.createElement("span");
      title.className = "policy-search__title";
      title.textContent = (data.meta && data.meta.title) || data.url;
      var excerpt = document.createElement("span");
      excerpt.className = "policy-search__excerpt";
      // Escaped text with <mark> around the matches (ours, or Pagefind's own excerpt).
      excerpt.innerHTML = excerptFor(data, clause);
      a.appendChild(title);
      a.appendChild(excerpt);
      li.appendChild(a);
      list.appendChild(li);
    });
    meta.textContent = plural(total);
    // Which query these results answer (tests and assistive tools can tell stale ones).
    panel.dataset.query = query;
    panel.hidden = false;
  }

  function close() {
    panel.hidden = true;
  }

  // Pagefind finds pages holding every word. A question ("how do I delete my data")
  // rarely has them all: then rank pages by the words they do hold, small words aside.
  var SMALL_WORDS = new Set(("a an and are can do does how i in is it me my of on or the to what when " +
    "where which who why will with you your").split(" "));
  function anyWord(pagefind, query) {
    var words = query.toLowerCase().split(/\s+/).filter(function (w) { return w && !SMALL_WORDS.has(w); });
    if (words.length < 2 && words.join(" ") === query.toLowerCase()) return { results: [] };
    return Promise.all(words.map(function (w) { return pagefind.search(w); })).then(function (all) {
      var byId = new Map();
      all.forEach(function (found) {
        (found ? found.results : []).forEach(function (r) {
          var seen = byId.get(r.id);
          byId.set(r.id, { result: r, score: (seen ? seen.score : 0) + r.score + 1 });
        });
      });
      var ranked = Array.from(byId.values()).sort(function (a, b) { return b.score - a.score; });
      return { results: ranked.map(function (x) { return x.result; }) };
    });
  }

  function search() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) { close(); list.textContent = ""; meta.textContent = ""; return; }
    load().then(function (pagefind) {
      return pagefind.search(query).then(function (found) {
        return found && found.results.length ? found : anyWord(pagefind, query);
      });
    }).then(function (found) {
      if (ticket !== latest || !found) return null;
      return Promise.all(found.results.slice(0, MAX).map(function (r) { return r.data(); }))
        .then(function (hits) { if (ticket === latest) render(hits, found.results.length, query); });
    }).catch(function (err) {
      meta.textContent = String(err && err.message || err);
      panel.hidden = false;
    });
  }

  input.addEventListener("focus", function () { load(); }, { once: true });
  input.addEventListener("input", search);
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) first.click();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) { close(); input.focus(); }
  });
  document.addEventListener("click", function (event) {
    if (!panel.hidden && !panel.parentNode.contains(event.target)) close();
  });
  // Following a hit to a clause on the same page: close the panel.
  list.addEventListener("click", function () { close(); });
})();
