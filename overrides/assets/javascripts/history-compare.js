/* Compare any two published revisions of the policy in the browser (the /history/compare/ page).
 *
 * Nothing is compared here. The build aligns every pair with scripts/policy/compare.py and
 * renders every piece with scripts/history/render.py, as for the diff pages
 * (scripts/history/pairs.py): history/data/pairs/<old>.json says, for each later revision, which
 * pieces make up each document's section and in which order, and history/data/versions/<v>.json
 * holds one document version's clauses as rendered. This script fetches them and puts the
 * pieces in order (as Store.assemble does in Python). The earlier revision is always compared
 * with the later one. No inline script, no third-party request; #old=…&new=… links work too.
 */
(function () {
  "use strict";

  var form = document.getElementById("history-compare");
  var output = document.getElementById("history-compare-result");
  if (!form || !output) return;
  var notice = document.getElementById("history-compare-noscript");
  if (notice) notice.hidden = true;
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
      done = get("pairs/" + encodeURIComponent(oldDate) + ".json", "json").then(function (table) {
        var pair = table.to[newDate];
        if (!pair) throw new Error(oldDate + " → " + newDate);
        if (!pair.changed) return null;
        var sections = pair.docs.map(function (index) { return table.sections[index]; });
        var wanted = {};
        sections.forEach(function (section) {
          if (section.length === 1) return;
          section[3].forEach(function (op) { wanted[op[0] === "-" ? section[2] : section[1]] = true; });
        });
        var names = Object.keys(wanted);
        return Promise.all(names.map(function (name) {
          return get("versions/" + encodeURIComponent(name) + ".json", "json");
        })).then(function (loaded) {
          var versions = {};
          names.forEach(function (name, i) { versions[name] = loaded[i]; });
          return sections.map(function (section) {
            var head = table.heads[section[0]];
            if (section.length === 1) return head;
            var lines = [head];
            section[3].forEach(function (op) {
              if (op[0] === "~") lines.push(versions[section[1]]["~"][op[1]]);
              else lines = lines.concat(versions[op[0] === "-" ? section[2] : section[1]][op[0]].slice(op[1], op[2]));
            });
            return lines.concat(["</section>"]).join("\n");
          });
        });
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
