/* Search words for a query, made exactly as scripts/site/segment.py makes them for the
 * index: NFKC, Japanese punctuation spaced apart, then each run of kana and kanji as its
 * overlapping pairs of characters and its last (アクセスログ → アク クセ セス スロ ログ グ). Pagefind finds the pages holding every
 * pair, so a part of a compound finds the compound. Keep the two files in step
 * (tests/site/test_segment.py compares them). */
var RUN = /[\u3005-\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
// Japanese punctuation (、。「」・) is a word of its own, never stuck to a Latin word.
var PUNCTUATION = /[\u3000-\u3004\u3008-\u303f\u30fb]/g;

function pairs(run) {
  if (run.length < 2) return [run];
  var out = [];
  for (var i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  // The last character as well: Pagefind may cut a pair in two (see segment.py).
  out.push(run.slice(-1));
  return out;
}

export function segment(text) {
  return text.normalize("NFKC").replace(PUNCTUATION, " $& ").replace(RUN, function (run) {
    return " " + pairs(run).join(" ") + " ";
  });
}

var ANY_RUN = new RegExp(RUN.source);
var ONE = new RegExp("^" + RUN.source + "$");

// True when the text holds Japanese that segment() turns into pairs.
export function hasRuns(text) {
  return ANY_RUN.test(text.normalize("NFKC"));
}

// True for one character of such a run (after NFKC).
export function isRunChar(c) {
  return ONE.test(c);
}
