/* Fanzone TV: French search that forgives (appended to lunr.fr by the fanzone plugin; runs in the search
 * worker before the index is built).
 * - accents and case are folded at indexing and at query time: « resiliation » finds « résiliation »;
 * - words lose surrounding punctuation (« (BR-PAY-02) » is indexed as « br-pay-02 »), ids stay whole;
 * - the query is split at spaces and apostrophes only (« l'offre » looks for « l » and « offre »). */
(function () {
  "use strict";
  if (typeof lunr === "undefined" || typeof lunr.fr !== "function") return;
  var fold = function (text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };
  var fzTrim = function (token) {
    return token.update(function (text) {
      return text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    });
  };
  var fzFold = function (token) {
    return token.update(fold);
  };
  lunr.Pipeline.registerFunction(fzTrim, "fzTrim");
  lunr.Pipeline.registerFunction(fzFold, "fzFold");
  var french = lunr.fr;
  lunr.fr = function () {
    french.apply(this, arguments);
    // no stemmer (it would break search-as-you-type prefixes), no trimmer (it drops the digits of ids)
    this.pipeline.reset();
    this.pipeline.add(fzTrim, lunr.fr.stopWordFilter, fzFold);
    if (this.searchPipeline) {
      this.searchPipeline.reset();
      this.searchPipeline.add(fzTrim, fzFold);
    }
  };
  for (var key in french) {
    if (Object.prototype.hasOwnProperty.call(french, key)) lunr.fr[key] = french[key];
  }
  // Material adds a trailing wildcard to every term, and lunr skips the search pipeline for those:
  // fold every clause's term here.
  var clause = lunr.Query.prototype.clause;
  lunr.Query.prototype.clause = function (c) {
    if (c && typeof c.term === "string") c.term = fold(c.term).replace(/^[^\p{L}\p{N}*]+|[^\p{L}\p{N}*]+$/gu, "");
    return clause.call(this, c);
  };
  lunr.QueryLexer.termSeparator = /[\s'’]+/;
})();
