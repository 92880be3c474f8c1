/* Site search with Pagefind: the index of the page's own language (Pagefind picks it
 * from <html lang>), answered on every input event, so each key a person types (and
 * each text an input method commits) gives results. The index holds Japanese as pairs
 * of characters (scripts/site/segment.py) and policy-segment.js turns the query into the
 * same pairs; the original text of each clause comes with the index as metadata
 * (scripts/site/search_text.py). A hit links to the clause that holds the query (or most
 * of the matched words) and shows that clause's text with the query marked. */
(function () {
  "use strict";
  var script = document.currentScript;
  var bundle = new URL("../../pagefind/", script.src).href;
  var segmenter = new URL("policy-segment.js", script.src).href;
  var queryWords = new URL("policy-query.js", script.src).href;
  var wordList = new URL("policy-query-words.json", script.src).href;
  var input = document.getElementById("policy-search-input");
  var panel = document.getElementById("policy-search-results");
  if (!input || !panel) return;
  var list = panel.querySelector(".policy-search__list");
  var meta = panel.querySelector(".policy-search__meta");
  var MAX = 8;
  // Hits whose text is read to put pages holding the query as typed first: more than a
  // language has pages, so none is left out.
  var RANKED = 40;
  var engine = null;
  var state = null;  // once loaded: { pagefind, segment, hasRuns, isRunChar, contentWords }
  var latest = 0;

  function load() {
    if (!engine) {
      engine = Promise.all([import(bundle + "pagefind.js"), import(segmenter), import(queryWords),
                            fetch(wordList).then(function (r) { return r.json(); })]).then(function (modules) {
        var vocab = modules[2].vocabulary(modules[3]);
        var pagefind = modules[0];
        return pagefind.options({
          basePath: bundle, excerptLength: 30,
          // Articles differ tenfold in length; a long article that lists a term is still its place.
          ranking: { pageLength: 0.3 }
        }).then(function () {
          return pagefind.init();
        }).then(function () { return { pagefind: pagefind, segment: modules[1].segment, hasRuns: modules[1].hasRuns,
                   isRunChar: modules[1].isRunChar,
                   contentWords: function (q) { return modules[2].contentWords(q, vocab); } }; });
      });
    }
    return engine;
  }

  // Text as a visitor means it: NFKC (full-width digits, half-width kana), lower case,
  // each run of white space as one space, and none between Japanese characters (森山　葉子
  // is 森山葉子 typed). `from` and `to` give, for each folded character, the original
  // characters it comes from, so that marks land on the original text.
  var COMBINING = /^\p{M}/u;
  var foldCache = new Map();  // the same clause texts are read on every key
  function fold(text) {
    if (!foldCache.has(text)) foldCache.set(text, foldNow(text));
    return foldCache.get(text);
  }

  function foldNow(text) {
    var chars = [];
    for (var i = 0, c; i < text.length; i += c.length) {
      c = String.fromCodePoint(text.codePointAt(i));
      // A mark that combines (the half-width ﾞ of ｸﾞ) is folded with its letter: グ.
      while (i + c.length < text.length && COMBINING.test(text[i + c.length].normalize("NFKC"))) {
        c += text[i + c.length];
      }
      chars.push({ text: c.normalize("NFKC").toLowerCase(), at: i, end: i + c.length });
    }
    var out = "", from = [], to = [];
    for (var k = 0; k < chars.length; k++) {
      var ch = chars[k], folded = ch.text;
      if (!folded.trim()) {
        if (!out || out.slice(-1) === " ") continue;
        var next = k + 1;
        while (next < chars.length && !chars[next].text.trim()) next++;
        if (next < chars.length && state.isRunChar(out.slice(-1)) && state.isRunChar(chars[next].text[0])) continue;
        folded = " ";
      }
      for (var j = 0; j < folded.length; j++) { out += folded[j]; from.push(ch.at); to.push(ch.end); }
    }
    return { text: out, from: from, to: to };
  }

  function folded(text) {
    return fold(text).text.trim();
  }

  function contains(text, needle) {
    var n = folded(needle);
    return !!n && fold(text).text.indexOf(n) >= 0;
  }

  // The original text of the stretch that starts at the element `id` (search_text.py).
  function textOf(data, id) {
    return (data.meta || {})["text-" + id] || "";
  }

  function pageText(data) {
    var texts = [(data.meta || {}).text || ""];
    (data.anchors || []).forEach(function (a) { texts.push(textOf(data, a.id)); });
    return texts.join(" ");
  }

  // The clause (an element with an id like art-6-p2) for a hit: of those that hold the
  // query as typed (else of all), the one that holds most of Pagefind's matches.
  function clauseOf(data, query) {
    var anchors = (data.anchors || []).filter(function (a) { return /^(art|sec)-\d/.test(a.id); });
    if (!anchors.length) return null;
    anchors.sort(function (a, b) { return a.location - b.location; });
    var holding = anchors.filter(function (a) { return contains(textOf(data, a.id), query); });
    var candidates = new Set(holding.length ? holding : anchors);
    var counts = new Map();
    (data.locations || []).forEach(function (loc) {
      var owner = null;
      for (var i = 0; i < anchors.length && anchors[i].location <= loc; i++) owner = anchors[i];
      if (owner && candidates.has(owner)) counts.set(owner, (counts.get(owner) || 0) + 1);
    });
    var best = null;
    counts.forEach(function (n, anchor) {
      if (!best || n > counts.get(best) || (n === counts.get(best) && anchor.location < best.location)) best = anchor;
    });
    return best || holding[0] || null;
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // The pieces of a Japanese word that the text holds, two characters or more: as much
  // of the word as possible, in as few pieces as possible, the shortest piece as long as
  // possible (開示の手数料 in a text with 開示の手続 and 手数料: 開示の + 手数料).
  function pieces(text, word) {
    var hay = fold(text).text;
    word = folded(word);
    var best = [{ covered: 0, pieces: [], shortest: Infinity }];  // best[i]: for word.slice(0, i)
    function better(a, b) {
      if (a.covered !== b.covered) return a.covered > b.covered;
      if (a.pieces.length !== b.pieces.length) return a.pieces.length < b.pieces.length;
      return a.shortest > b.shortest;
    }
    for (var j = 1; j <= word.length; j++) {
      var pick = best[j - 1];  // the character before j left unmarked
      for (var i = j - 2; i >= 0; i--) {
        var piece = word.slice(i, j);
        if (hay.indexOf(piece) < 0) continue;
        var prev = best[i];
        var option = { covered: prev.covered + piece.length, pieces: prev.pieces.concat([piece]),
                       shortest: Math.min(prev.shortest, piece.length) };
        if (better(option, pick)) pick = option;
      }
      best.push(pick);
    }
    return best[word.length].pieces;
  }

  // What to mark: the query as typed; else the pieces of its Japanese words that the
  // text holds (Pagefind's own marks on Japanese are pairs of characters, not words),
  // and the whole words Pagefind matched in the rest (a stem finds "log" for "logs").
  function needlesFor(data, query, text) {
    var needles = new Set();
    if (contains(text, query)) needles.add(query);
    else query.split(/\s+/).filter(state.hasRuns).forEach(function (w) {
      pieces(text, w).forEach(function (p) { needles.add(p); });
    });
    [data.excerpt].concat((data.sub_results || []).map(function (s) { return s.excerpt; }))
      .forEach(function (html) {
        (html || "").replace(/<mark>([^<]+)<\/mark>/g, function (_, w) {
          // Pagefind marks whole words with the punctuation they touch ("cookies,", "、cookie").
          w = w.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
            .replace(/&#39;/g, "'").replace(/^[\s"'(（「『、。，．・]+|[\s"'.,;:!?)）」』、。，．・]+$/g, "");
          if (w && !state.hasRuns(w)) needles.add(w);
          return "";
        });
      });
    return Array.from(needles).sort(function (a, b) { return b.length - a.length; });
  }

  // Where the needles occur in the original text, as [start, end) pairs, longest needle
  // first and never overlapping.
  function ranges(text, needles) {
    var hay = fold(text);
    var found = [];
    needles.forEach(function (needle) {
      var n = folded(needle);
      if (!n) return;
      for (var at = hay.text.indexOf(n); at >= 0; at = hay.text.indexOf(n, at + n.length)) {
        var start = hay.from[at], end = hay.to[at + n.length - 1];
        if (!found.some(function (r) { return start < r[1] && r[0] < end; })) found.push([start, end]);
      }
    });
    return found.sort(function (a, b) { return a[0] - b[0]; });
  }

  // The clause's own text (or the page's), cut around its first match, with the matches marked.
  function excerptFor(data, clause, query) {
    var text = clause ? textOf(data, clause.id) : pageText(data).trim();
    if (!text) return escapeHtml((data.meta && data.meta.title) || "");
    var marks = ranges(text, needlesFor(data, query, text));
    var start = marks.length ? Math.max(0, marks[0][0] - 40) : 0;
    var end = Math.min(text.length, start + 140);
    var out = "", last = start;
    marks.forEach(function (r) {
      if (r[0] < last || r[1] > end) return;
      out += escapeHtml(text.slice(last, r[0])) + "<mark>" + escapeHtml(text.slice(r[0], r[1])) + "</mark>";
      last = r[1];
    });
    out += escapeHtml(text.slice(last, end));
    return (start > 0 ? "…" : "") + out + (end < text.length ? "…" : "");
  }

  function plural(n) {
    if (n === 0) return panel.dataset.empty;
    return n === 1 ? panel.dataset.one : panel.dataset.other.replace("#", String(n));
  }

  function render(hits, total, query) {
    list.textContent = "";
    hits.forEach(function (data) {
      var clause = clauseOf(data, query);
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
      // The original text, escaped, with <mark> around the matches.
      excerpt.innerHTML = excerptFor(data, clause, query);
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

  // Pagefind finds pages holding every word. A question ("how do I delete my data",
  // 苦情の窓口, 手数料はいくら) rarely has them all: then rank pages by the content words
  // they do hold (policy-query.js drops particles, question words and verbs).
  function anyWord(query) {
    var words = state.contentWords(query);
    if (words.length < 2 && words.join(" ") === query.toLowerCase()) return { results: [] };
    return Promise.all(words.map(function (w) { return state.pagefind.search(state.segment(w)); })).then(function (all) {
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

  // The share of a Japanese word's pairs of characters that the text holds.
  function share(text, word) {
    var w = folded(word);
    if (w.length < 2) return contains(text, w) ? 1 : 0;
    var held = 0;
    for (var i = 0; i + 1 < w.length; i++) if (contains(text, w.slice(i, i + 2))) held++;
    return held / (w.length - 1);
  }

  // Pages that hold the query as typed come first, then those holding more of its Japanese
  // content words, each group in Pagefind's order: a page can hold every pair of characters
  // of a Japanese query without holding the query. A page holding neither the query nor
  // half the pairs of any of its Japanese words is no hit: Pagefind matched scattered
  // characters only (ぐーぐる), and a query the policy does not hold must find nothing.
  function rank(hits, query) {
    var japanese = state.hasRuns(query) ? state.contentWords(query).filter(state.hasRuns) : [];
    var scored = hits.map(function (data, order) {
      var text = pageText(data);
      var exact = contains(text, query);
      var words = japanese.filter(function (w) { return contains(text, w); }).length;
      var near = japanese.some(function (w) { return share(text, w) >= 0.5; });
      return { data: data, order: order, exact: exact, words: words, keep: !japanese.length || exact || near };
    }).filter(function (s) { return s.keep; });
    scored.sort(function (a, b) { return (b.exact - a.exact) || (b.words - a.words) || (a.order - b.order); });
    return scored.map(function (s) { return s.data; });
  }

  function search() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) { close(); list.textContent = ""; meta.textContent = ""; return; }
    var total = 0;
    load().then(function (loaded) {
      state = loaded;
      return state.pagefind.search(state.segment(query)).then(function (found) {
        return found && found.results.length ? found : anyWord(query);
      });
    }).then(function (found) {
      if (ticket !== latest || !found) return null;
      total = found.results.length;
      return Promise.all(found.results.slice(0, RANKED).map(function (r) { return r.data(); }));
    }).then(function (hits) {
      if (!hits || ticket !== latest) return;
      var ranked = rank(hits, query);
      render(ranked.slice(0, MAX), total - (hits.length - ranked.length), query);
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
