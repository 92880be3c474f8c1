/* Compare any two published revisions of the policy in the browser (the /history/compare/ page).
 *
 * Reads the per-revision JSON the build writes (history/data/<date>.json) and shows the
 * clause-aligned difference the way the build's diff pages do (scripts/policy/compare.py):
 * documents and clauses paired by their words without numbering, changed clauses marked
 * character by character with <ins>/<del> and their status in words. No inline script,
 * no third-party request; the page's form works as a link with #old=…&new=… too.
 */
(function () {
  "use strict";

  var form = document.getElementById("history-compare");
  var output = document.getElementById("history-compare-result");
  if (!form || !output) return;
  var words = JSON.parse(form.getAttribute("data-words") || "{}");
  var dataBase = form.getAttribute("data-data") || "../data/";
  var cache = {};

  function load(date) {
    if (!cache[date]) {
      cache[date] = fetch(dataBase + encodeURIComponent(date) + ".json", { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(date + ": " + response.status);
          return response.json();
        });
    }
    return cache[date];
  }

  /* Whitespace alone is not a change: the same folding as fold_whitespace() in compare.py. */
  function fold(text) {
    return text.replace(/\s+/g, " ").replace(/ (?=[^\x00-\x7f])|([^\x00-\x7f]) /g, "$1").trim();
  }

  /* Longest common subsequence pairing of two lists by key; unmatched runs paired in order
   * when they have the same length (a lone rewrite is a change), else deleted and inserted. */
  function align(a, b, key) {
    var m = a.length, n = b.length, i, j;
    var table = [];
    for (i = 0; i <= m; i++) table.push(new Int32Array(n + 1));
    for (i = m - 1; i >= 0; i--) {
      for (j = n - 1; j >= 0; j--) {
        table[i][j] = key(a[i]) === key(b[j]) ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
      }
    }
    var pairs = [], runA = [], runB = [];
    function flush() {
      var k;
      if (runA.length === runB.length) {
        for (k = 0; k < runA.length; k++) pairs.push([runA[k], runB[k]]);
      } else {
        for (k = 0; k < runA.length; k++) pairs.push([runA[k], null]);
        for (k = 0; k < runB.length; k++) pairs.push([null, runB[k]]);
      }
      runA = []; runB = [];
    }
    i = 0; j = 0;
    while (i < m && j < n) {
      if (key(a[i]) === key(b[j])) { flush(); pairs.push([a[i], b[j]]); i++; j++; }
      else if (table[i + 1][j] >= table[i][j + 1]) { runA.push(a[i]); i++; }
      else { runB.push(b[j]); j++; }
    }
    while (i < m) runA.push(a[i++]);
    while (j < n) runB.push(b[j++]);
    flush();
    return pairs;
  }

  /* Character-level edit: [op, text] runs, op in "=", "-", "+". */
  function charDiff(a, b) {
    var start = 0, endA = a.length, endB = b.length;
    while (start < endA && start < endB && a[start] === b[start]) start++;
    while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
    var x = a.slice(start, endA), y = b.slice(start, endB), middle = [];
    if (x.length * y.length > 4000000) {
      middle = [["-", x], ["+", y]];
    } else {
      var m = x.length, n = y.length, i, j, table = [];
      for (i = 0; i <= m; i++) table.push(new Int32Array(n + 1));
      for (i = m - 1; i >= 0; i--) {
        for (j = n - 1; j >= 0; j--) {
          table[i][j] = x[i] === y[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
        }
      }
      i = 0; j = 0;
      while (i < m || j < n) {
        if (i < m && j < n && x[i] === y[j]) { middle.push(["=", x[i]]); i++; j++; }
        else if (j >= n || (i < m && table[i + 1][j] >= table[i][j + 1])) { middle.push(["-", x[i]]); i++; }
        else { middle.push(["+", y[j]]); j++; }
      }
    }
    var runs = [["=", a.slice(0, start)]].concat(middle, [["=", a.slice(endA)]]);
    return tidy(merge(runs));
  }

  function merge(runs) {
    var out = [], i = 0;
    while (i < runs.length) {
      if (runs[i][0] === "=") {
        if (runs[i][1]) {
          if (out.length && out[out.length - 1][0] === "=") out[out.length - 1][1] += runs[i][1];
          else out.push(["=", runs[i][1]]);
        }
        i++;
        continue;
      }
      var del = "", ins = "";
      while (i < runs.length && runs[i][0] !== "=") {
        if (runs[i][0] === "-") del += runs[i][1]; else ins += runs[i][1];
        i++;
      }
      if (del) out.push(["-", del]);
      if (ins) out.push(["+", ins]);
    }
    return out;
  }

  /* One- or two-character coincidences inside a rewrite are folded into it, as in compare.py. */
  function tidy(runs) {
    var changed = true;
    while (changed) {
      changed = false;
      for (var i = 1; i < runs.length - 1; i++) {
        var run = runs[i];
        if (run[0] === "=" && run[1].length <= 2 && run[1].indexOf("\n") < 0 &&
            runs[i - 1][0] !== "=" && runs[i + 1][0] !== "=") {
          runs = merge(runs.slice(0, i).concat([["-", run[1]], ["+", run[1]]], runs.slice(i + 1)));
          changed = true;
          break;
        }
      }
    }
    return runs;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function appendText(parent, text) {
    var lines = text.split("\n");
    lines.forEach(function (line, index) {
      if (index) parent.appendChild(document.createElement("br"));
      parent.appendChild(document.createTextNode(line));
    });
  }

  function marked(tag, text) {
    var node = document.createElement(tag);
    appendText(node, text);
    return node;
  }

  function statusLabel(text) {
    return element("span", "history-status", "［" + text + "］");
  }

  function clauseStatus(old, neu) {
    if (!old) return "inserted";
    if (!neu) return "deleted";
    if (old.key !== neu.key) return "changed";
    return fold(old.text) === fold(neu.text) ? "unchanged" : "renumbered";
  }

  function renderClause(old, neu) {
    var status = clauseStatus(old, neu);
    var p = element("p", "history-clause history-" + status);
    p.setAttribute("data-clause", (neu || old).id);
    if (status !== "unchanged") {
      var was = old && neu && old.id !== neu.id ? " " + words.was + " " + old.id : "";
      p.appendChild(statusLabel(words[status] + was));
      p.appendChild(document.createTextNode(" "));
    }
    if (status === "inserted") p.appendChild(marked("ins", neu.text));
    else if (status === "deleted") p.appendChild(marked("del", old.text));
    else if (status === "unchanged") appendText(p, neu.text);
    else {
      charDiff(old.text, neu.text).forEach(function (run) {
        if (run[0] === "=") appendText(p, run[1]);
        else p.appendChild(marked(run[0] === "-" ? "del" : "ins", run[1]));
      });
    }
    return { node: p, changed: status !== "unchanged" };
  }

  function renderDocument(old, neu) {
    var section = element("section", "history-doc");
    var heading = element("h2", null, (neu || old).title + " ");
    section.appendChild(heading);
    var changed = false;
    if (!old || !neu) {
      var status = old ? "removed" : "added";
      section.className += " history-" + status;
      heading.appendChild(statusLabel(words[status]));
      (neu || old).clauses.forEach(function (clause) {
        section.appendChild(renderClause(old ? clause : null, neu ? clause : null).node);
      });
      return { node: section, changed: true };
    }
    var nodes = align(old.clauses, neu.clauses, function (c) { return c.key; }).map(function (pair) {
      var rendered = renderClause(pair[0], pair[1]);
      changed = changed || rendered.changed;
      return rendered.node;
    });
    section.className += changed ? " history-changed" : " history-unchanged";
    heading.appendChild(statusLabel(words[changed ? "changed" : "unchanged"]));
    if (changed) nodes.forEach(function (node) { section.appendChild(node); });
    else section.appendChild(element("p", "history-unchanged", words.unchanged));
    return { node: section, changed: changed };
  }

  function legend() {
    var p = element("p", "history-legend", words.legend + " ");
    p.appendChild(element("ins", null, words.legend_ins));
    p.appendChild(document.createTextNode(" "));
    p.appendChild(element("del", null, words.legend_del));
    return p;
  }

  function show(oldDate, newDate) {
    output.textContent = "";
    output.setAttribute("aria-busy", "true");
    Promise.all([load(oldDate), load(newDate)]).then(function (data) {
      var fragment = document.createDocumentFragment();
      var any = false;
      var sections = align(data[0].documents, data[1].documents, function (d) { return d.key; }).map(function (pair) {
        var rendered = renderDocument(pair[0], pair[1]);
        any = any || rendered.changed;
        return rendered.node;
      });
      if (!any) fragment.appendChild(element("p", "history-nochange", words.no_change));
      else {
        fragment.appendChild(legend());
        sections.forEach(function (node) { fragment.appendChild(node); });
      }
      output.appendChild(fragment);
    }).catch(function (error) {
      output.appendChild(element("p", "history-error", String(error.message || error)));
    }).then(function () {
      output.removeAttribute("aria-busy");
    });
  }

  function fromHash() {
    var params = new URLSearchParams(location.hash.slice(1));
    return { old: params.get("old"), new: params.get("new") };
  }

  function choose(select, value) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) { select.selectedIndex = i; return true; }
    }
    return false;
  }

  var oldSelect = form.elements.old, newSelect = form.elements.new;
  var wanted = fromHash();
  // Options are newest first: by default compare the previous revision with the newest.
  if (!choose(oldSelect, wanted.old) && oldSelect.options.length > 1) oldSelect.selectedIndex = 1;
  choose(newSelect, wanted.new);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var oldDate = oldSelect.value, newDate = newSelect.value;
    history.replaceState(null, "", "#old=" + encodeURIComponent(oldDate) + "&new=" + encodeURIComponent(newDate));
    show(oldDate, newDate);
  });
  if (oldSelect.value && newSelect.value) show(oldSelect.value, newSelect.value);
})();
