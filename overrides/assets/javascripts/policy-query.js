/* The content words of a query, for a question that the policy does not hold as typed
 * ("苦情の窓口", "手数料はいくら", "how much is the disclosure fee"): particles, question
 * words and verbs are dropped, as listed in policy-query-words.json. Japanese has no
 * spaces, so it is cut where the script changes (kanji, katakana, hiragana, the rest);
 * a stretch of hiragana is dropped where it is made of listed words, and what is left of
 * it is kept when two characters or more (ぐーぐる is a word, the り of 知りたい is not). */
var KANJI = /[\u3005-\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
var KATAKANA = /[\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff]/;
var HIRAGANA = /[\u3041-\u3096\u309d-\u309f]/;
// Spaces and punctuation separate words (not . , - ' / @ inside 5,500 or e-mail); the
// long vowel mark ー goes with its kana.
var SEPARATOR = /[\s\u3000-\u3004\u3008-\u303f\u30fb!"#$%&()*+:;<=>?[\\\]^_`{|}~]+/;

function script(c) {
  if (KANJI.test(c)) return "kanji";
  if (c === "ー") return "long";
  if (KATAKANA.test(c)) return "katakana";
  if (HIRAGANA.test(c)) return "hiragana";
  return "other";
}

// Runs of one script; ー joins the run it follows (ぐーぐる, データ).
function runs(token) {
  var out = [];
  for (var i = 0, kind, c; i < token.length; i += c.length) {
    c = String.fromCodePoint(token.codePointAt(i));
    kind = script(c);
    var last = out[out.length - 1];
    if (last && (kind === last.kind || kind === "long")) last.text += c;
    else out.push({ kind: kind === "long" ? "katakana" : kind, text: c });
  }
  return out;
}

// What is left of a hiragana stretch once listed words are taken out: the longest listed
// words first, the fewest characters left over.
function leftovers(text, listed, longest) {
  var best = [{ left: 0, cut: [] }];  // best[i]: for text.slice(0, i)
  for (var j = 1; j <= text.length; j++) {
    var pick = { left: best[j - 1].left + 1, cut: best[j - 1].cut.concat([[j - 1, j]]) };
    for (var i = Math.max(0, j - longest); i < j; i++) {
      if (listed.has(text.slice(i, j)) && best[i].left <= pick.left) pick = { left: best[i].left, cut: best[i].cut };
    }
    best.push(pick);
  }
  // Characters left over next to each other make one word.
  var words = [], current = "", end = -1;
  best[text.length].cut.forEach(function (range) {
    if (range[0] !== end && current) { words.push(current); current = ""; }
    current += text.slice(range[0], range[1]);
    end = range[1];
  });
  if (current) words.push(current);
  return words.filter(function (w) { return w.length >= 2; });
}

export function vocabulary(data) {
  var ja = new Set([].concat(data.ja.particles, data.ja.question_words, data.ja.verbs));
  var longest = 0;
  ja.forEach(function (w) { longest = Math.max(longest, w.length); });
  return { ja: ja, longest: longest, en: new Set(data.en.small_words) };
}

export function contentWords(query, vocab) {
  var words = [];
  query.normalize("NFKC").split(SEPARATOR).forEach(function (token) {
    if (!token) return;
    runs(token).forEach(function (run) {
      if (run.kind === "other") {
        var w = run.text.toLowerCase();
        if (!vocab.en.has(w)) words.push(w);
      } else if (run.kind === "hiragana") {
        leftovers(run.text, vocab.ja, vocab.longest).forEach(function (w) { words.push(w); });
      } else if (!vocab.ja.has(run.text)) {
        words.push(run.text);
      }
    });
  });
  return words.filter(function (w, i) { return words.indexOf(w) === i; });
}
