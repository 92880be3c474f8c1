/* Compare any two published revisions of the policy in the browser (the /history/compare/ page).
 *
 * Nothing is compared here. The build computes every comparison with scripts/policy/compare.py
 * and renders it with scripts/history/render.py, as for the diff pages (scripts/history/pairs.py):
 * history/data/pairs/<old>.json names, for each later revision, the document sections that make
 * up the comparison, and history/data/parts/<key>.html holds each section. This script fetches
 * them and puts them in the page. The earlier revision is always compared with the later one.
 * No inline script, no third-party request; #old=…&new=… links work too.
 */
(function () {
  "use strict";

  var form = document.getElementById("history-compare");
  var output = document.getElementById("history-compare-result");
  if (!form || !output) return;
  var legend = form.getAttribute("data-legend") || "";
  var nochange = form.getAttribute("data-nochange") || "";
  var dataBase = form.getAttribute("data-data") || "../data/";
  var cache = {};

  function get(path, as) {
    if (!cache[path]) {
      cache[path] = fetch(dataBase + path, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return as === "json" ? response.json() : response.text();
      });
    }
    return cache[path];
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* The sections are the build's own HTML from the same origin (escaped when rendered). */
  function fragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content;
  }

  function show(oldDate, newDate) {
    output.textContent = "";
    output.setAttribute("aria-busy", "true");
    var done;
    if (oldDate === newDate) {
      output.appendChild(fragment(nochange));
      done = Promise.resolve();
    } else {
      done = get("pairs/" + encodeURIComponent(oldDate) + ".json", "json").then(function (pairs) {
        var pair = pairs[newDate];
        if (!pair) throw new Error(oldDate + " → " + newDate);
        if (!pair.changed) return null;
        return Promise.all(pair.parts.map(function (key) { return get("parts/" + key + ".html", "text"); }));
      }).then(function (parts) {
        // Put together as render.html_assemble() does: the legend, then each document's section.
        output.appendChild(fragment(parts === null ? nochange : legend + "\n" + parts.join("\n") + "\n"));
      });
    }
    done.catch(function (error) {
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

  /* Dates sort as text (YYYY-MM-DD): the earlier one is the old side. */
  function ordered() {
    var a = oldSelect.value, b = newSelect.value;
    if (a > b) { choose(oldSelect, b); choose(newSelect, a); }
    return [oldSelect.value, newSelect.value];
  }

  var wanted = fromHash();
  // Options are newest first: by default compare the previous revision with the newest.
  if (!choose(oldSelect, wanted.old) && oldSelect.options.length > 1) oldSelect.selectedIndex = 1;
  choose(newSelect, wanted.new);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var pair = ordered();
    history.replaceState(null, "", "#old=" + encodeURIComponent(pair[0]) + "&new=" + encodeURIComponent(pair[1]));
    show(pair[0], pair[1]);
  });
  if (oldSelect.value && newSelect.value) {
    var first = ordered();
    show(first[0], first[1]);
  }
})();
