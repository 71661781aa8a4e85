/* Recherche différée (inclus tel quel dans l'en-tête de chaque page, avant le script de Material).
   Material télécharge l'index de recherche (≈ 90 Ko compressés) et démarre son worker, lunr
   compris, à l'ouverture de chaque page, même si le lecteur ne cherche rien. Ici, la requête de
   l'index et la création du worker attendent le premier signe d'une recherche : le champ reçoit
   le focus (clic, Tab, raccourci « / », « s » ou « f »), ou l'adresse porte une recherche ou un
   surlignage (?q=, ?h=). Sans JavaScript rien ne change : la recherche en a besoin de toute façon. */
(function () {
  "use strict";
  var wanted = /[?&][qh]=/.test(location.search), waiting = [];
  function release() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }
  function later(go) { if (wanted) go(); else waiting.push(go); }

  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.otscIndex = /\/search\/search_index\.json$/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (!xhr.otscIndex) return send.apply(xhr, args);
    later(function () { send.apply(xhr, args); });
  };

  var RealWorker = window.Worker;
  if (RealWorker) {
    window.Worker = function (url, options) {
      if (!/\/workers\/search\.[^\/]*\.js/.test(String(url))) return new RealWorker(url, options);
      // Stands in for the worker until the first message (the index) is sent to it.
      var target = document.createDocumentFragment(), real = null;
      target.postMessage = function (message, transfer) {
        if (!real) {
          real = new RealWorker(url, options);
          real.onmessage = function (event) { target.dispatchEvent(new MessageEvent("message", { data: event.data })); };
          real.onerror = function () { target.dispatchEvent(new Event("error")); };
        }
        real.postMessage(message, transfer);
      };
      target.terminate = function () { if (real) real.terminate(); };
      return target;
    };
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-md-component=search-query]")) release();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) release();
  });
})();
