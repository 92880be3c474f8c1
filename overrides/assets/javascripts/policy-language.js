/* The language switcher keeps the visitor's place: clause ids (#art-6-p3) and the compare
 * page's state (#old=…&new=…) are the same in every language, so the link to the other
 * language carries the current fragment. The compare page changes the fragment with
 * history.replaceState, which fires no event: the links are brought up to date whenever
 * one is about to be used, as well as on hashchange. */
(function () {
  "use strict";
  var links = Array.prototype.slice.call(document.querySelectorAll(".md-select__link[hreflang]"));
  var bases = links.map(function (a) { return a.getAttribute("href").split("#")[0]; });
  function sync() {
    links.forEach(function (a, i) { a.setAttribute("href", bases[i] + location.hash); });
  }
  sync();
  window.addEventListener("hashchange", sync);
  links.forEach(function (a) {
    ["pointerenter", "focus", "click"].forEach(function (type) { a.addEventListener(type, sync); });
  });
})();
