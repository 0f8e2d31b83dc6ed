/* partnerdocs static search. No dependencies, no server. It loads nothing
 * until the first keystroke, then fetches the index piece by piece: a small
 * meta file, the shard holding each query term, and metadata for results
 * that the term shards do not carry. Query terms are analysed like the
 * build's bleve index, in the index's language (meta.lang): English
 * (Unicode words, possessives removed, lower case, stop words shipped in
 * the meta file, Porter stems), German (stop words, umlauts folded, light
 * stems) or CJK (pairs of characters). */
(function (root) {
  "use strict";

  // ---- Porter stemmer, the same rules and quirks as the Go stemmer the
  // index was built with (blevesearch/go-porterstemmer).
  function isCons(s, i) {
    var c = s[i];
    if (c === "a" || c === "e" || c === "i" || c === "o" || c === "u") return false;
    if (c === "y") return i === 0 ? true : !isCons(s, i - 1);
    return true;
  }
  function measure(s) {
    var n = s.length, m = 0, i = 0;
    if (n === 0) return 0;
    while (isCons(s, i)) { i++; if (i >= n) return m; }
    for (;;) {
      while (!isCons(s, i)) { i++; if (i >= n) return m; }
      while (isCons(s, i)) { i++; if (i >= n) return m + 1; }
      m++;
    }
  }
  // ends is true only when s is longer than suf, as in the Go stemmer:
  // "eed" does not end in "eed" there, so it becomes "e" through "ed".
  function ends(s, suf) {
    if (s.length <= suf.length) return false;
    for (var i = 0; i < suf.length; i++) if (s[s.length - suf.length + i] !== suf[i]) return false;
    return true;
  }
  function hasVowel(s) { for (var i = 0; i < s.length; i++) if (!isCons(s, i)) return true; return false; }
  function dblCons(s) { var n = s.length; return n >= 2 && s[n - 1] === s[n - 2] && isCons(s, n - 1); }
  function cvc(s) { var n = s.length; return n >= 3 && isCons(s, n - 3) && !isCons(s, n - 2) && isCons(s, n - 1); }
  function cut(s, k) { return s.slice(0, s.length - k); }

  function step1a(s) {
    if (ends(s, "sses") || ends(s, "ies")) return cut(s, 2);
    if (ends(s, "ss")) return s;
    if (ends(s, "s")) return cut(s, 1);
    return s;
  }
  function step1bTail(s, sub, keepLen) {
    var c = sub[sub.length - 1];
    if (ends(sub, "at") || ends(sub, "bl") || ends(sub, "iz")) return sub.concat(["e"]);
    if (c !== "l" && c !== "s" && c !== "z" && dblCons(sub)) return cut(sub, 1);
    if (measure(sub) === 1 && cvc(sub) && c !== "w" && c !== "x" && c !== "y") return sub.concat(["e"]);
    return sub;
  }
  function step1b(s) {
    if (ends(s, "eed")) { return measure(cut(s, 3)) > 0 ? cut(s, 1) : s; }
    if (ends(s, "ed")) { var a = cut(s, 2); return hasVowel(a) ? step1bTail(s, a) : s; }
    if (ends(s, "ing")) { var b = cut(s, 3); return hasVowel(b) ? step1bTail(s, b) : s; }
    return s;
  }
  function step1c(s) {
    var n = s.length;
    if (n < 2) return s;
    if (s[n - 1] === "y" && hasVowel(cut(s, 1))) { s = s.slice(); s[n - 1] = "i"; }
    return s;
  }
  // [suffix, replacement] tried in order; the first suffix that matches
  // decides, whether or not its measure condition holds.
  var S2 = [["ational", "ate"], ["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["izer", "ize"], ["bli", "ble"],
    ["alli", "al"], ["entli", "ent"], ["eli", "e"], ["ousli", "ous"], ["ization", "ize"], ["ation", "ate"], ["ator", "ate"],
    ["alism", "al"], ["iveness", "ive"], ["fulness", "ful"], ["ousness", "ous"], ["aliti", "al"], ["iviti", "ive"],
    ["biliti", "ble"], ["logi", "log"]];
  var S3 = [["icate", "ic"], ["ative", ""], ["alize", "al"], ["iciti", "ic"], ["ical", "ic"], ["ful", ""], ["ness", ""]];
  var S4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize"];
  function replace(s, rules) {
    for (var i = 0; i < rules.length; i++) {
      var suf = rules[i][0];
      if (ends(s, suf)) {
        var stem = cut(s, suf.length);
        return measure(stem) > 0 ? stem.concat(rules[i][1].split("")) : s;
      }
    }
    return s;
  }
  function step4(s) {
    for (var i = 0; i < S4.length; i++) {
      var suf = S4[i];
      if (ends(s, suf)) {
        var stem = cut(s, suf.length);
        if (suf === "ion") {
          var c = stem[stem.length - 1];
          return measure(stem) > 1 && (c === "s" || c === "t") ? stem : s;
        }
        return measure(stem) > 1 ? stem : s;
      }
    }
    return s;
  }
  function step5a(s) {
    if (s[s.length - 1] !== "e") return s;
    var a = cut(s, 1), m = measure(a), c = a[a.length - 1];
    if (m > 1) return a;
    if (m === 1 && !(cvc(a) && c !== "w" && c !== "x" && c !== "y")) return a;
    return s;
  }
  function step5b(s) {
    var n = s.length;
    if (n > 2 && s[n - 2] === "l" && s[n - 1] === "l" && measure(cut(s, 1)) > 1) return cut(s, 1);
    return s;
  }
  function stem(word) {
    var s = Array.from(word);
    if (s.length <= 2) return word;
    s = step5b(step5a(step4(replace(replace(step1c(step1b(step1a(s))), S2), S3))));
    return s.join("");
  }

  // ---- Analysis.
  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("en", { granularity: "word" }) : null;
  function words(text) {
    if (segmenter) {
      var out = [];
      for (var seg of segmenter.segment(text)) if (seg.isWordLike) out.push(seg.segment);
      return out;
    }
    return text.match(/[\p{L}\p{N}_'’.,]+/gu) || [];
  }
  function analyze(text, stop) {
    var out = [];
    words(text).forEach(function (w) {
      w = w.replace(/['’][sS]$/, "").toLowerCase();
      if (!w || (stop && stop[w])) return;
      out.push(stem(w));
    });
    return out;
  }

  // ---- German, as bleve's "de" analyser: lower case, German stop words
  // (in the meta file), umlauts folded (normalize_de), light stemmer
  // (stemmer_de_light).
  function normDe(w) {
    var r = Array.from(w), st = 0; // 0 ordinary, 1 no umlaut next, 2 umlaut state
    for (var i = 0; i < r.length; i++) {
      var c = r[i];
      if (c === "a" || c === "o") st = 2;
      else if (c === "u") st = st === 0 ? 2 : 1;
      else if (c === "e") { if (st === 2) { r.splice(i, 1); i--; } st = 1; }
      else if (c === "i" || c === "q" || c === "y") st = 1;
      else if (c === "ä") { r[i] = "a"; st = 1; }
      else if (c === "ö") { r[i] = "o"; st = 1; }
      else if (c === "ü") { r[i] = "u"; st = 1; }
      else if (c === "ß") { r[i] = "s"; i++; r.splice(i, 0, "s"); st = 0; }
      else st = 0;
    }
    return r.join("");
  }
  var deFold = { "ä": "a", "à": "a", "á": "a", "â": "a", "ö": "o", "ò": "o", "ó": "o", "ô": "o", "ï": "i", "ì": "i", "í": "i", "î": "i", "ü": "u", "ù": "u", "ú": "u", "û": "u" };
  function stEnding(c) { return "bdfghklmnt".indexOf(c) >= 0; }
  function stemDe(w) {
    var s = Array.from(w).map(function (c) { return deFold[c] || c; }), l = s.length;
    if (l > 5 && s[l - 3] === "e" && s[l - 2] === "r" && s[l - 1] === "n") s = s.slice(0, l - 3);
    else if (l > 4 && s[l - 2] === "e" && "mnrs".indexOf(s[l - 1]) >= 0) s = s.slice(0, l - 2);
    else if (l > 3 && s[l - 1] === "e") s = s.slice(0, l - 1);
    else if (l > 3 && s[l - 1] === "s" && stEnding(s[l - 2])) s = s.slice(0, l - 1);
    l = s.length;
    if (l > 5 && s[l - 3] === "e" && s[l - 2] === "s" && s[l - 1] === "t") s = s.slice(0, l - 3);
    else if (l > 4 && s[l - 2] === "e" && (s[l - 1] === "r" || s[l - 1] === "n")) s = s.slice(0, l - 2);
    else if (l > 4 && s[l - 2] === "s" && s[l - 1] === "t" && stEnding(s[l - 3])) s = s.slice(0, l - 2);
    return s.join("");
  }

  // ---- Chinese, Japanese and Korean, as bleve's "cjk" analyser: each run
  // of ideographs and kana is overlapping pairs of characters (a single
  // character alone), other words are lower-cased; full-width letters and
  // digits are read as ASCII.
  var cjkRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC\u3005]+/gu;
  function widthFold(t) { return t.replace(/[\uFF01-\uFF5E]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); }); }
  function pairs(run) {
    var cs = Array.from(run), out = [];
    if (cs.length === 1) return cs;
    for (var i = 0; i + 1 < cs.length; i++) out.push(cs[i] + cs[i + 1]);
    return out;
  }

  // termsOf is the analysis of text in a language ("en", "de", "cjk"): a
  // list of {term, raw}, stop words dropped.
  function termsOf(text, lang, stop) {
    var out = [];
    if (lang === "cjk") {
      text = widthFold(text);
      var latin = function (t) { words(t).forEach(function (w) { var low = w.toLowerCase(); out.push({ term: low, raw: low }); }); };
      var last = 0, m;
      cjkRun.lastIndex = 0;
      while ((m = cjkRun.exec(text)) !== null) {
        latin(text.slice(last, m.index) + " ");
        pairs(m[0]).forEach(function (t) { out.push({ term: t, raw: t }); });
        last = m.index + m[0].length;
      }
      latin(text.slice(last));
      return out;
    }
    words(text).forEach(function (w) {
      var low = w.toLowerCase();
      if (lang !== "de") low = low.replace(/['’]s$/, "");
      if (!low || (stop && stop[low])) return;
      out.push({ term: lang === "de" ? stemDe(normDe(low)) : stem(low), raw: low });
    });
    return out;
  }

  // fold groups the copies of one page in several years, as the Go
  // search.Fold does: in score order, a group stands where its best copy
  // ranked and shows its newest copy first (documents are numbered newest
  // year first, so the smallest number); meta.fold pairs an older copy
  // with the newest copy of its page.
  function fold(m, ids) {
    var head = {};
    var f = m.fold || [];
    for (var i = 0; i + 1 < f.length; i += 2) head[f[i]] = f[i + 1];
    var groups = [], at = {};
    ids.forEach(function (d) {
      var k = d in head ? head[d] : d;
      if (!(k in at)) { at[k] = groups.length; groups.push([d]); return; }
      groups[at[k]].push(d);
    });
    groups.forEach(function (g) {
      g.sort(function (a, b) { return m.dv[a] - m.dv[b]; });
    });
    return groups;
  }

  // ---- Index access. A term shard describes every document its
  // postings name ([title, url], a description for the best), so a
  // query needs the meta file, a shard per word and, for a typo, a page
  // of the dictionary, and nothing else.
  function Index(base, fetcher) {
    this.base = base;
    this.fetcher = fetcher || function (url) { return fetch(url).then(function (r) { if (!r.ok) throw new Error(url + ": " + r.status); return r.json(); }); };
    this.cache = {};
    this.meta = null;
  }
  Index.prototype.get = function (name) {
    if (!this.cache[name]) {
      var self = this;
      this.cache[name] = this.fetcher(this.base + name).catch(function (e) { delete self.cache[name]; throw e; });
    }
    return this.cache[name];
  };
  Index.prototype.load = function () {
    var self = this;
    if (this.meta) return Promise.resolve(this.meta);
    return this.get("meta.json").then(function (m) {
      m.stopSet = {};
      m.stop.forEach(function (w) { m.stopSet[w] = true; });
      m.lang = m.lang || "en";
      self.meta = m;
      return m;
    });
  };
  // shardFor returns the shard whose range holds term, or the one after.
  Index.prototype.shardFor = function (term) {
    var s = this.meta.shards;
    for (var i = 0; i < s.length; i++) if (term <= s[i][1]) return i;
    return s.length - 1;
  };
  // ---- The typo rule, the same as the command line's and the server's:
  // a word that is no term of the index (and, if last, begins none) is
  // replaced by the closest word of the dictionary (the index's words as
  // written) that starts with the same letter: one edit away for words of
  // 4 letters or more, two from 8; closest first, then the word in more
  // documents, then the first in order.
  function editDistance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev2 = [], prev = [], cur = [], i, j;
    for (j = 0; j <= b.length; j++) { prev[j] = j; prev2[j] = 0; cur[j] = 0; }
    for (i = 1; i <= a.length; i++) {
      cur[0] = i;
      var low = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < low) low = v;
      }
      if (low > limit) return limit + 1;
      var t = prev2; prev2 = prev; prev = cur; cur = t;
    }
    return prev[b.length];
  }
  function maxEdits(n) { return n >= 8 ? 2 : n >= 4 ? 1 : 0; }
  function pad2(n) { return n < 10 ? "0" + n : String(n); }
  function dictKey(w) { var cs = Array.from(w); return cs[0] + pad2(cs.length) + w; }
  // byteLess orders words as Go's byte order does: JavaScript compares
  // UTF-16 units, the same order for every letter of the Basic
  // Multilingual Plane, where the dictionary's words are.
  function byteLess(a, b) { return a < b; }

  // Index.correct finds the dictionary word that replaces raw, or "".
  Index.prototype.correct = function (raw) {
    var self = this, m = this.meta, rs = Array.from(raw), limit = maxEdits(rs.length);
    if (!limit || m.lang === "cjk" || !m.words || !m.words.length) return Promise.resolve("");
    var lo = rs[0] + pad2(Math.max(rs.length - limit, 0)), hi = rs[0] + pad2(rs.length + limit + 1);
    var files = m.words.filter(function (w) { return !(w[1] < lo || w[0] >= hi); }).map(function (w) { return w[2]; });
    return Promise.all(files.map(function (f) { return self.get(f); })).then(function (pages) {
      var best = "", bestD = limit + 1, bestDF = 0;
      pages.forEach(function (pg) {
        for (var i = 0; i < pg.w.length; i++) {
          var w = pg.w[i], k = dictKey(w);
          if (k < lo || k >= hi) continue;
          var d = editDistance(rs, Array.from(w), limit);
          if (d === 0 || d > limit) continue;
          if (d < bestD || (d === bestD && (pg.f[i] > bestDF || (pg.f[i] === bestDF && byteLess(w, best))))) { best = w; bestD = d; bestDF = pg.f[i]; }
        }
      });
      return best;
    });
  };

  // expand finds the index terms for one query word: the term itself, or
  // (as the last, possibly unfinished word) terms it begins, at 0.8, and
  // its synonyms at 0.9; or, when it finds none, the term of its typo
  // correction. It resolves to {exps: [[shard, term index, weight]],
  // corrected}, in term order, as the command line weighs them.
  Index.prototype.expand = function (term, raw, isLast) {
    var self = this, sh = this.meta.shards, p = this.shardFor(term);
    function scan(shards, want) {
      var out = [];
      shards.forEach(function (x) {
        for (var k = 0; k < x.t.length; k++) {
          var t = x.t[k];
          if (t === want) out.push([x, k, 1]);
          else if (want === term && isLast && raw.length >= 2 && t.indexOf(raw) === 0) out.push([x, k, 0.8]);
        }
      });
      return out;
    }
    // Only the shard that holds the term, at first: most queries need no
    // other. The next one joins when a prefix runs past the shard's end.
    return this.get(sh[p][2]).then(function (first) {
      var more = [];
      var lastTerm = first.t[first.t.length - 1];
      if (isLast && raw.length >= 2 && lastTerm.indexOf(raw) === 0 && p + 1 < sh.length) more.push(p + 1);
      return Promise.all(more.map(function (k) { return self.get(sh[k][2]); })).then(function (extra) {
        var out = scan([first].concat(extra), term);
        // The word's synonyms' postings travel in its own shard (y): a
        // small shard of their own each, sharing the shard's documents.
        ((first.y && first.y[term]) || []).forEach(function (y) {
          var have = out.filter(function (o) { return o[0].t[o[1]] === y.t; })[0];
          if (have) have[2] = Math.max(have[2], 0.9);
          else out.push([{ t: [y.t], p: [y.p], s: [y.s], d: first.d }, 0, 0.9]);
        });
        out.sort(function (a, b) { var x = a[0].t[a[1]], y = b[0].t[b[1]]; return x === y ? 0 : byteLess(x, y) ? -1 : 1; });
        if (out.length) return { exps: out, corrected: "" };
        return self.correct(raw).then(function (c) {
          if (!c) return { exps: [], corrected: "" };
          var ct = termsOf(c, self.meta.lang, null);
          if (!ct.length) return { exps: [], corrected: "" };
          var want = ct[0].term;
          return self.get(sh[self.shardFor(want)][2]).then(function (x) { return { exps: scan([x], want), corrected: c }; });
        });
      });
    });
  };
  // chooseSection is the section a hit lands on, as the command line
  // chooses it: the section most of the query's words point to, then the
  // one they gave more score, then the first, if at least half the words
  // that point into a section point to it; top is the word that gave it
  // most. 0 or -1: the page as
  // a whole.
  function chooseSection(voters) {
    var count = {}, sum = {}, sec = -1, top = -1;
    voters.forEach(function (v) { if (v.sec >= 0) { count[v.sec] = (count[v.sec] || 0) + 1; sum[v.sec] = (sum[v.sec] || 0) + v.s; } });
    Object.keys(count).map(Number).forEach(function (s) {
      if (sec < 0 || count[s] > count[sec] || (count[s] === count[sec] && (sum[s] > sum[sec] || (sum[s] === sum[sec] && s < sec)))) sec = s;
    });
    var pointing = voters.filter(function (v) { return v.sec >= 0; }).length;
    if (sec < 0 || 2 * count[sec] < pointing) return { sec: -1, top: -1 };
    voters.forEach(function (v, i) { if (v.sec === sec && (top < 0 || v.s > voters[top].s)) top = i; });
    return { sec: sec, top: top };
  }

  // search returns {hits: [{title, section, url, kind, version, snippet,
  // score, also}], total (documents), pages (results once the years'
  // copies of a page are one), facets, terms, corrected}.
  Index.prototype.search = function (q, opts) {
    opts = opts || {};
    var self = this;
    return this.load().then(function (m) {
      // "title:mdf" is two words, as on the command line.
      var terms = termsOf(q.slice(0, 256).replace(/:/g, " "), m.lang, m.stopSet).slice(0, 12);
      if (terms.length) terms[terms.length - 1].last = true;
      if (!terms.length) return { hits: [], total: 0, terms: [] };
      return Promise.all(terms.map(function (t) { return self.expand(t.term, t.raw, t.last); })).then(function (res) {
        var scores = {}, matched = {}, inline = {}, perWord = [], corrected = "", any = false;
        res.forEach(function (r, qi) {
          var best = {};
          if (r.corrected) any = true;
          corrected += (qi ? " " : "") + (r.corrected || terms[qi].raw);
          r.exps.forEach(function (e) {
            var sh = e[0], post = sh.p[e[1]], sect = (sh.s && sh.s[e[1]]) || [];
            terms[qi].found = terms[qi].found || [];
            terms[qi].found.push(sh.t[e[1]]);
            for (var x = 0; x < post.length; x += 3) {
              // A weak posting (a term the document has only in what
              // another stage added, written -score-1) scores, but counts
              // a quarter as one of the query's words, and not for the
              // section rule (the command line's WeakShare).
              var raw = post[x + 1], weak = raw < 0, d = post[x], s = (weak ? -raw - 1 : raw) * e[2];
              if (!(d in best) || best[d].s < s) best[d] = { s: s, sec: post[x + 2], sect: sect[x / 3] || null, weak: weak };
              var dm = sh.d[d];
              if (dm && !(inline[d] && inline[d].length > dm.length)) inline[d] = dm;
            }
          });
          Object.keys(best).forEach(function (d) {
            scores[d] = (scores[d] || 0) + best[d].s;
            matched[d] = (matched[d] || 0) + (best[d].weak ? 0.25 : 1);
          });
          perWord.push(best);
        });
        var kinds = m.kinds, versions = m.versions, progs = m.programs;
        var ids = Object.keys(scores).map(Number).filter(function (d) {
          if (opts.kind && kinds[m.dk[d]] !== opts.kind) return false;
          if (opts.version && versions[m.dv[d]] !== opts.version) return false;
          if (opts.versions && opts.versions.indexOf(versions[m.dv[d]]) < 0) return false;
          if (opts.program && (m.dp[d] || []).map(function (p) { return progs[p]; }).indexOf(opts.program) < 0) return false;
          return true;
        });
        ids.forEach(function (d) { scores[d] *= matched[d] / terms.length; });
        ids.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
        // The section rule: each of the best 50 documents lands on a
        // section (or the page); each word after the first that points to
        // that section adds a quarter of the score, and those 50 are
        // ordered again, as the command line does.
        var landing = {};
        ids.slice(0, 50).forEach(function (d) {
          var voters = [];
          perWord.forEach(function (best) { if (d in best) voters.push(best[d]); });
          var c = chooseSection(voters), l = { sec: c.sec, voter: c.top >= 0 ? voters[c.top] : null, count: 0 };
          if (c.sec > 0) voters.forEach(function (v) { if (v.sec === c.sec && !v.weak) l.count++; });
          if (l.count > 1) scores[d] *= 1 + 0.25 * (l.count - 1);
          landing[d] = l;
        });
        var head = ids.slice(0, 50).map(function (d, i) { return [d, i]; });
        head.sort(function (a, b) { return scores[b[0]] - scores[a[0]] || a[1] - b[1]; });
        head.forEach(function (x, i) { ids[i] = x[0]; });
        var facets = { kind: {}, version: {}, program: {} };
        ids.forEach(function (d) {
          facets.kind[kinds[m.dk[d]]] = (facets.kind[kinds[m.dk[d]]] || 0) + 1;
          facets.version[versions[m.dv[d]]] = (facets.version[versions[m.dv[d]]] || 0) + 1;
          (m.dp[d] || []).forEach(function (p) { facets.program[progs[p]] = (facets.program[progs[p]] || 0) + 1; });
        });
        var folded = fold(m, ids), groups = folded.slice(0, opts.limit || 10);
        var top = groups.map(function (g) { return g[0]; });
        var lands = top.map(function (d) {
          if (landing[d]) return landing[d];
          var voters = [];
          perWord.forEach(function (best) { if (d in best) voters.push(best[d]); });
          var c = chooseSection(voters);
          return { sec: c.sec, voter: c.top >= 0 ? voters[c.top] : null };
        });
        return {
          total: ids.length, pages: folded.length, facets: facets, terms: terms, corrected: any ? corrected : "",
          hits: top.map(function (d, i) {
            var v = versions[m.dv[d]], meta = inline[d], url = meta[1], l = lands[i];
            var rest = v === "portal" ? url : url.slice(v.length + 1);
            var also = groups[i].slice(1).map(function (o) { var ov = versions[m.dv[o]]; return { version: ov, url: (m.moved && m.moved[o]) || ov + "/" + rest }; });
            var hit = { doc: d, title: meta[0], url: url, description: meta[2] || "", kind: kinds[m.dk[d]], version: v, score: scores[d], also: also };
            var sect = l.sec > 0 && l.voter && l.voter.sect;
            if (sect) { hit.url = url + "#" + sect[0]; hit.section = sect[1]; hit.snippet = sect[2] || ""; }
            return hit;
          })
        };
      });
    });
  };

  // label is a filter value in words, from the meta file's labels (the
  // same as the command line's and the server's facet labels).
  function label(m, field, value) {
    var l = m.labels || {};
    var key = field === "kind" ? "kind:" + value : value;
    return l[key] || value;
  }

  function escapeHTML(s) { return String(s).replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; }); }
  // mark wraps the words of text whose stems match the query's. Words are
  // found in the text itself and escaped piece by piece: found in the
  // escaped text, "amp" in "&amp;" was a word, and marking it broke the
  // entity.
  function mark(text, terms, stop, lang) {
    var want = {};
    terms.forEach(function (t) { want[t.term] = true; (t.found || []).forEach(function (f) { want[f] = true; }); });
    text = String(text);
    var out = "", last = 0, re = /[\p{L}\p{N}]+/gu, m;
    while ((m = re.exec(text)) !== null) {
      var w = m[0], low = w.toLowerCase();
      out += escapeHTML(text.slice(last, m.index));
      last = m.index + w.length;
      var hit = !stop[low] && (termsOf(w, lang, null).some(function (t) { return want[t.term]; }) || terms.some(function (t) { return t.last && t.raw.length >= 2 && low.indexOf(t.raw) === 0; }));
      out += hit ? "<mark>" + escapeHTML(w) + "</mark>" : escapeHTML(w);
    }
    return out + escapeHTML(text.slice(last));
  }

  var api = { stem: stem, analyze: analyze, termsOf: termsOf, stemDe: stemDe, normDe: normDe, words: words, Index: Index, mark: mark, label: label, fold: fold, editDistance: editDistance, dictKey: dictKey, chooseSection: chooseSection };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  root.PartnerdocsSearch = api;

  // ---- The page: header box and /search/.
  if (typeof document === "undefined") return;
  // The words the script prints, in the page's language: the layout
  // gives the site's table in a meta element. html escapes the word (a
  // site's own) before the arguments, which are HTML already, go in.
  var uiWords = {};
  try { uiWords = JSON.parse((document.querySelector('meta[name="partnerdocs-words"]') || {}).content || "{}"); } catch (e) { uiWords = {}; }
  function fill(s, args) {
    for (var i = 0; i < args.length; i++) s = s.split("{" + i + "}").join(args[i]);
    return s;
  }
  function word(key) { return fill(uiWords[key] || key, Array.prototype.slice.call(arguments, 1)); }
  function wordHTML(key) { return fill(escapeHTML(uiWords[key] || key), Array.prototype.slice.call(arguments, 1)); }
  function ready(fn) { if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn); }
  ready(function () {
    var base = document.documentElement.getAttribute("data-base") || "/";
    var idx = new Index(base + "search/idx/");
    var forms = document.querySelectorAll("form[data-search]");
    Array.prototype.forEach.call(forms, function (form) { attach(form, idx, base); });
    // "/" focuses search, as on GitHub, MkDocs Material and Docusaurus,
    // unless the reader is typing somewhere.
    document.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || !forms.length) return;
      var t = e.target, tag = t && t.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
      var box = forms[forms.length - 1].querySelector("input[type=search]");
      if (box) { e.preventDefault(); box.focus(); }
    });
  });

  function attach(form, idx, base) {
    var input = form.querySelector("input[type=search]");
    var list = form.querySelector(".search-results");
    var status = form.querySelector("[data-search-status]");
    var full = form.hasAttribute("data-search-page");
    var filters = {};
    var active = -1, seq = 0, timer = null;
    if (full) {
      var params = new URLSearchParams(location.search);
      input.value = params.get("q") || "";
      ["kind", "program", "version"].forEach(function (f) {
        var sel = form.querySelector("select[name=" + f + "]");
        if (!sel) return;
        if (params.get(f)) filters[f] = params.get(f);
        sel.addEventListener("change", function () { filters[f] = sel.value; run(); });
      });
    }
    function expanded(open) {
      if (input.getAttribute("role") === "combobox") input.setAttribute("aria-expanded", open ? "true" : "false");
    }
    function options() {
      return Array.prototype.slice.call(list.querySelectorAll("[role=option]"));
    }
    function select(i) {
      if (full) return;
      var opts = options();
      if (!opts.length) return;
      active = (i + opts.length) % opts.length;
      opts.forEach(function (o, k) { o.setAttribute("aria-selected", k === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", opts[active].id);
      opts[active].scrollIntoView({ block: "nearest" });
    }
    function fillFilters(res, m) {
      ["kind", "program", "version"].forEach(function (f) {
        var sel = form.querySelector("select[name=" + f + "]");
        if (!sel || sel.options.length > 1) return;
        var values = f === "kind" ? m.kinds : f === "program" ? m.programs : m.versions;
        values.forEach(function (v) { var o = document.createElement("option"); o.value = v; o.textContent = label(m, f, v); if (filters[f] === v) o.selected = true; sel.appendChild(o); });
      });
    }
    function run() {
      var q = input.value.trim(), my = ++seq;
      if (q.length < 2) { list.innerHTML = ""; list.hidden = true; expanded(false); status.textContent = ""; return; }
      var opts = { limit: full ? 30 : 8, kind: filters.kind, program: filters.program, version: filters.version };
      // The header box searches the year being read, and the portal.
      if (!full && form.getAttribute("data-version")) opts.versions = [form.getAttribute("data-version"), "portal"];
      idx.search(q, opts).then(function (res) {
        if (my !== seq) return;
        var m = idx.meta;
        if (full) fillFilters(res, m);
        active = -1;
        list.innerHTML = res.hits.map(function (h, i) {
          var snippet = mark(h.snippet || h.description || "", res.terms, m.stopSet, m.lang);
          var title = mark(h.title, res.terms, m.stopSet, m.lang);
          if (h.section) title += ' <span class="sr-section">› ' + mark(h.section, res.terms, m.stopSet, m.lang) + "</span>";
          var inner = '<span class="sr-title">' + title + '</span> <span class="sr-meta">' + escapeHTML(label(m, "kind", h.kind)) + " · " + escapeHTML(label(m, "version", h.version)) + '</span>' +
            (snippet ? '<span class="sr-snippet">' + snippet + "</span>" : "");
          var also = (h.also || []).map(function (a) { return label(m, "version", a.version); }).join(", ");
          // The page lists real links; the header box is a listbox, whose
          // options may not hold links, so they carry the address instead.
          if (full) {
            var alsoLinks = (h.also || []).map(function (a) { return '<a href="' + escapeHTML(base + a.url) + '">' + escapeHTML(label(m, "version", a.version)) + "</a>"; }).join(", ");
            return '<li><a href="' + escapeHTML(base + h.url) + '">' + inner + "</a>" + (alsoLinks ? '<span class="sr-also">' + wordHTML("js_also_in", alsoLinks) + "</span>" : "") + "</li>";
          }
          if (also) inner += '<span class="sr-also">' + wordHTML("js_also_in", escapeHTML(also)) + "</span>";
          return '<li role="option" id="' + form.id + '-r' + i + '" aria-selected="false" data-href="' + escapeHTML(base + h.url) + '">' + inner + "</li>";
        }).join("");
        list.hidden = res.hits.length === 0;
        expanded(!list.hidden);
        // The count is of what the list shows: a page's copies in other
        // years are one result ("Also in"), and past the list's length
        // it says how many there are in all.
        var shown = res.hits.length, all = res.pages || 0;
        status.textContent = (all === 0 ? word("js_no_results") : all > shown ? word("js_results_of", shown, all) : all === 1 ? word("js_result_one") : word("js_results", all)) +
          (res.corrected ? word("js_corrected", res.corrected, q) : "");
      }).catch(function (e) {
        if (my !== seq) return;
        list.hidden = true;
        status.textContent = word("js_search_unavailable", e.message);
      });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 80); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); select(active + 1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); select(active - 1); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); location.href = options()[active].getAttribute("data-href"); }
      else if (e.key === "Escape") { list.hidden = true; active = -1; expanded(false); }
    });
    // Enter submits the form unless an option is selected, which opens it
    // (handled on submit too, since some input methods send Enter as a
    // separate character event that keydown cannot cancel).
    form.addEventListener("submit", function (e) {
      if (!full && active >= 0 && options()[active]) { e.preventDefault(); location.href = options()[active].getAttribute("data-href"); }
    });
    list.addEventListener("click", function (e) {
      var o = e.target.closest ? e.target.closest("[role=option]") : null;
      if (o) location.href = o.getAttribute("data-href");
    });
    if (full && input.value) run();
  }
})(typeof self !== "undefined" ? self : this);
