// Drag and drop on the schedule board. Only an enhancement: every change is also a
// plain form. Dropping a card on a cell posts the same form ("place", or "swap" when
// the cell holds another session) and puts the board fragment the server answers in
// place of the board; dropping a session on the list "To place" opens the removal's
// confirmation. Nothing here reads left or right: the page's direction lays it out.
(function () {
  "use strict";

  function board() {
    return document.getElementById("board");
  }

  function dropTarget(event) {
    return event.target instanceof Element ? event.target.closest("[data-drop]") : null;
  }

  function send(url, fields) {
    var root = board();
    var body = new FormData();
    body.append("csrf_token", root.dataset.csrf);
    body.append("view", root.dataset.view || "");
    Object.keys(fields).forEach(function (name) {
      body.append(name, fields[name]);
    });
    root.setAttribute("aria-busy", "true");
    fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Board-Fragment": "1" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        board().outerHTML = html;
        var fresh = board();
        var focus = fresh.querySelector("[data-board-focus]") || fresh;
        focus.focus();
      })
      .catch(function () {
        window.location.reload();
      });
  }

  document.addEventListener("dragstart", function (event) {
    var card = event.target instanceof Element && event.target.closest("[data-activity][draggable]");
    if (!card) return;
    event.dataTransfer.setData("text/plain", card.dataset.activity);
    event.dataTransfer.effectAllowed = "move";
  });

  document.addEventListener("dragover", function (event) {
    var target = dropTarget(event);
    if (!target) return;
    event.preventDefault();
    target.classList.add("board-drop-over");
  });

  document.addEventListener("dragleave", function (event) {
    var target = dropTarget(event);
    if (target && !target.contains(event.relatedTarget)) target.classList.remove("board-drop-over");
  });

  document.addEventListener("drop", function (event) {
    var target = dropTarget(event);
    if (!target) return;
    event.preventDefault();
    target.classList.remove("board-drop-over");
    var id = event.dataTransfer.getData("text/plain");
    if (!/^\d+$/.test(id)) return;
    var card = board().querySelector('[data-activity="' + id + '"]');
    if (!card) return;
    var placed = card.dataset.placed === "1";
    if (target.dataset.drop === "unplace") {
      if (placed) window.location.assign(card.dataset.removeUrl);
      return;
    }
    var holder = target.dataset.holder;
    if (holder === id) return;
    if (holder && placed) {
      send(board().dataset.swapUrl, { first: id, second: holder });
    } else {
      send(board().dataset.placeUrl, { activity: id, room: target.dataset.room, slot: target.dataset.slot });
    }
  });
})();
