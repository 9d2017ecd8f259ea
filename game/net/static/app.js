// Trilateral: a delegation's page on a student's own device.
//
// Reads the join code from the part of the address after '#', opens the class's WebSocket
// (/ws, same host), says hello with the code, then draws what the server sends: the scenario
// view (once), the game view (what every delegation sees) and the own view (this delegation's
// draft, capital and forecasts). Every word about the game comes from those views; the page
// adds only the words of its controls. Nothing is built from HTML strings: text is set with
// textContent, so nothing the server sends can become markup.
"use strict";

(() => {
  const CODE = location.hash.slice(1).trim();
  const PING_MS = 25000;
  const FIRST_RETRY_MS = 500;
  const MAX_RETRY_MS = 5000;
  const FORECAST_DELAY_MS = 400;
  const TOAST_MS = 8000;
  const CHOICE_WORDS = { push: "Push", hold: "Hold", oppose: "Oppose" }; // shown through t()
  const STATE_WORDS = {
    on_table: "On the table",
    adopted: "Adopted",
    suspended: "Suspended",
    locked: "Not yet on the table",
  };

  const view = { scenario: null, game: null, own: null };

  // The page's own words, in the class's language: /ui sends each English message with its
  // translation (game/net/page_text.py); a message without one stays English.
  let words = {};

  function t(message, params) {
    const found = words[message];
    let text = typeof found === "string" ? found : message;
    if (params) {
      text = text.replace(/\{([a-z_]+)\}/g, (whole, name) =>
        Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
      );
    }
    return text;
  }

  function tn(singular, plural, count) {
    const forms = words[plural];
    const chosen = Array.isArray(forms) ? forms[count === 1 ? 0 : 1] : count === 1 ? singular : plural;
    return chosen.replace(/\{count\}/g, String(count));
  }

  function loadWords() {
    fetch("/ui", { cache: "no-store" })
      .then((response) => (response.ok ? response.json() : null))
      .then((data) => {
        if (!data || typeof data.messages !== "object") return;
        words = data.messages;
        if (typeof data.lang === "string") document.documentElement.lang = data.lang;
        for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
        render();
      })
      .catch(() => {}); // English, as written
  }
  let gameAt = 0; // performance.now() when the game view arrived (the timer counts from it)
  let socket = null;
  let connected = false; // joined: the server sent this device its views
  let everJoined = false;
  let refused = null; // the server refused the join code: no retry
  let notYet = null; // the server cannot take this device for now (class full, computer seat): retry
  let lastRefusal = ""; // the error that came just before the server closed the door
  let retryMs = FIRST_RETRY_MS;
  let retryTimer = 0;
  let pingTimer = 0;
  let confirming = false; // the Submit confirmation is showing
  let shownTurn = 0;
  const pendingForecasts = new Map(); // question id -> {turn, value, timer}
  const effectsOpen = new Map(); // measure id -> whether its effects are unfolded
  const wide = window.matchMedia("(min-width: 700px)");

  const $ = (id) => document.getElementById(id);

  // --- building elements -----------------------------------------------------------------

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    if (attrs) {
      for (const [key, value] of Object.entries(attrs)) {
        if (value === null || value === undefined || value === false) continue;
        if (key === "class") el.className = value;
        else if (key === "text") el.textContent = value;
        else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
        else if (value === true) el.setAttribute(key, "");
        else el.setAttribute(key, String(value));
      }
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  function fill(el, ...children) {
    el.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
    return el;
  }

  function show(el, on) {
    el.hidden = !on;
  }

  function num(text) {
    const n = parseFloat(text);
    return Number.isFinite(n) ? n : 0;
  }

  // --- the connection --------------------------------------------------------------------

  function wsUrl() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    return `${scheme}//${location.host}/ws`;
  }

  function connect() {
    clearTimeout(retryTimer);
    if (refused) return;
    let ws;
    try {
      ws = new WebSocket(wsUrl());
    } catch (err) {
      scheduleRetry();
      return;
    }
    socket = ws;
    ws.addEventListener("open", () => {
      ws.send(JSON.stringify({ type: "hello", token: CODE }));
    });
    ws.addEventListener("message", (event) => {
      if (ws !== socket) return;
      let msg;
      try {
        msg = JSON.parse(event.data);
      } catch (err) {
        return;
      }
      if (msg && typeof msg === "object") receive(msg);
    });
    ws.addEventListener("close", (event) => {
      if (ws !== socket) return;
      socket = null;
      connected = false;
      clearInterval(pingTimer);
      if (event.code === 4401) {
        // The join code was refused; the error message came just before.
        refused = lastRefusal || t("This join link is not accepted.");
      } else if (event.code === 4409) {
        // Not now (the class is full, or the computer plays this delegation): try again later.
        notYet = lastRefusal || t("The class cannot take this device just now.");
      }
      lastRefusal = "";
      if (!refused) scheduleRetry();
      render();
    });
  }

  function scheduleRetry() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(connect, retryMs);
    retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
  }

  function send(message) {
    if (!socket || socket.readyState !== WebSocket.OPEN || !connected) {
      toast(t("Not connected: reconnecting…"));
      return false;
    }
    socket.send(JSON.stringify(message));
    return true;
  }

  function receive(msg) {
    switch (msg.type) {
      case "scenario":
      case "game":
      case "own":
        if (!connected) {
          connected = true;
          everJoined = true;
          notYet = null;
          retryMs = FIRST_RETRY_MS;
          clearInterval(pingTimer);
          pingTimer = setInterval(() => {
            if (socket && socket.readyState === WebSocket.OPEN) {
              socket.send(JSON.stringify({ type: "ping" }));
            }
          }, PING_MS);
        }
        view[msg.type] = msg;
        if (msg.type === "game") {
          gameAt = performance.now();
          if (msg.turn !== shownTurn || msg.phase !== "deciding") confirming = false;
          shownTurn = msg.turn;
        }
        if (msg.type === "own" && msg.submitted) confirming = false;
        render();
        break;
      case "error":
        if (!connected) lastRefusal = String(msg.message || "");
        toast(String(msg.message || ""));
        break;
      default:
        break; // pong, or something newer than this page
    }
  }

  // --- messages out ----------------------------------------------------------------------

  // The turn the delegation's own choices are for: its own view says (the game view's turn
  // is the same, but may arrive a moment later than the own view of a new turn).
  function openTurn() {
    if (view.own && view.own.turn) return view.own.turn;
    return view.game ? view.game.turn : 0;
  }

  function choose(measure, choice) {
    if (!view.game) return;
    send({ type: "choose", turn: openTurn(), measure, choice });
  }

  function queueForecast(question, value) {
    const turn = openTurn();
    const old = pendingForecasts.get(question);
    if (old) clearTimeout(old.timer);
    const entry = { turn, value, timer: 0 };
    entry.timer = setTimeout(() => sendForecast(question), FORECAST_DELAY_MS);
    pendingForecasts.set(question, entry);
  }

  function sendForecast(question) {
    const entry = pendingForecasts.get(question);
    if (!entry) return;
    clearTimeout(entry.timer);
    pendingForecasts.delete(question);
    if (!view.game || entry.turn !== openTurn()) return;
    send({
      type: "forecast",
      turn: entry.turn,
      question,
      probability: Math.round(entry.value) / 100,
    });
  }

  function submit() {
    if (!view.game) return;
    for (const question of [...pendingForecasts.keys()]) sendForecast(question);
    if (send({ type: "submit", turn: openTurn() })) {
      confirming = false;
      render();
    }
  }

  // --- toasts ------------------------------------------------------------------------------

  function toast(text) {
    if (!text) return;
    const box = $("toasts");
    const item = h(
      "div",
      { class: "toast" },
      h("p", { text }),
      h("button", { type: "button", class: "toast-close", "aria-label": t("Dismiss"), text: "×" }),
    );
    item.querySelector("button").addEventListener("click", () => item.remove());
    box.append(item);
    while (box.children.length > 3) box.firstElementChild.remove();
    setTimeout(() => item.remove(), TOAST_MS);
  }

  // --- drawing -------------------------------------------------------------------------------

  function render() {
    try {
      renderAll();
    } catch (err) {
      // A view this page does not understand must never leave a blank page.
      console.error(err);
    }
  }

  function renderAll() {
    renderHeader();
    renderStatus();
    const sc = view.scenario;
    const g = view.game;
    const own = view.own;
    const ready = Boolean(sc && g && own) && !refused;
    show($("main"), true);
    renderNotice(ready);
    if (!ready) {
      for (const id of ["debrief", "reveal", "decide", "board", "briefing", "scoring"]) {
        show($(id), false);
      }
      return;
    }
    renderDebrief();
    renderReveal();
    renderDecide();
    renderBoard();
    renderBriefing();
    renderScoring();
  }

  function renderHeader() {
    const sc = view.scenario;
    const g = view.game;
    if (sc && !refused) {
      const d = sc.delegation;
      fill($("who"), h("span", { class: "swatch", "aria-hidden": "true" }), d.title);
      document.title = `${d.short} · ${sc.scenario.title}`;
      if (/^#[0-9a-fA-F]{3,8}$/.test(d.colour)) {
        // CSSOM (not a style attribute): allowed by the page's content security policy.
        document.documentElement.style.setProperty("--dele", d.colour);
      }
    } else {
      fill($("who"), "Trilateral");
    }
    // While the class looks at a reveal the turn counter has moved on already: name the turn
    // being revealed.
    const turnName = g && g.phase === "reveal" && g.reveal ? g.reveal.turn_name : g && g.turn_name;
    fill($("turn"), g && sc && !refused ? turnName : "");
    const own = view.own;
    const cap = $("top-capital");
    const showCap = Boolean(g && own && !refused && g.phase === "deciding" && own.options && own.options.length);
    show(cap, showCap);
    if (showCap) {
      cap.textContent = own.submitted ? t("Submitted ✓ locked") : t("Capital left: {left} of {total}", { left: own.capital_left, total: own.capital });
    }
    cap.classList.toggle("top-locked", Boolean(own && own.submitted));
    renderTimer();
  }

  function renderTimer() {
    const el = $("timer");
    const g = view.game;
    if (!g || refused || !g.timer || !g.timer.on || g.phase !== "deciding") {
      show(el, false);
      return;
    }
    show(el, true);
    let left = num(g.timer.left);
    if (g.timer.running) left -= (performance.now() - gameAt) / 1000;
    left = Math.max(0, left);
    const secs = Math.ceil(left);
    const clock = `${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, "0")}`;
    let text;
    if (secs <= 0) text = t("Time up");
    else if (!g.timer.running) text = t("Paused {clock}", { clock });
    else text = clock;
    el.textContent = text;
    el.classList.toggle("timer-low", g.timer.running && secs > 0 && secs <= 30);
    el.classList.toggle("timer-paused", !g.timer.running);
    el.setAttribute("aria-label", t("Time left: {time}", { time: text }));
  }

  function renderStatus() {
    const g = view.game;
    const status = $("status");
    let text;
    if (refused) text = t("Not joined");
    else if (connected) {
      text = t("Connected");
      if (g && view.scenario) {
        const mine = g.delegations.find((d) => d.id === view.scenario.delegation.id);
        if (mine) text += " · " + tn("{count} device here", "{count} devices here", mine.joined);
      }
    } else if (!CODE) text = t("Not joined");
    else text = everJoined ? t("Reconnecting…") : t("Connecting…");
    status.textContent = text;
    status.className = `status ${connected ? "status-ok" : "status-wait"}`;
    const list = $("decided");
    if (!g || refused) {
      fill(list);
      return;
    }
    fill(
      list,
      g.delegations.map((d) => {
        let state;
        if (d.seat === "ai") state = t("Computer");
        else if (g.phase !== "deciding") state = "";
        else state = d.decided ? t("Decided") : t("Deciding");
        const label = state ? `${d.title}: ${state}` : d.title;
        return h("li", {
          class: `chip ${d.decided && g.phase === "deciding" ? "chip-done" : ""}`,
          text: label,
        });
      }),
    );
  }

  function renderNotice(ready) {
    const el = $("notice");
    const items = [];
    if (!CODE) {
      items.push(h("p", { class: "notice-strong", text: t("Open the join link your teacher gave you.") }));
    } else if (refused) {
      items.push(h("p", { class: "notice-strong", text: refused }));
    } else if (!ready && notYet) {
      items.push(h("p", { class: "notice-strong", text: notYet }));
      items.push(h("p", { text: t("Trying again…") }));
    } else if (!ready) {
      items.push(h("p", { text: everJoined ? t("Reconnecting…") : t("Connecting…") }));
    } else {
      const g = view.game;
      const own = view.own;
      if (own.seat === "ai" && !g.debrief) {
        items.push(h("p", { class: "notice-strong", text: t("The computer plays your delegation now.") }));
      }
      if (g.phase === "reveal") {
        items.push(
          h("p", { class: "notice-strong", text: t("Look at the projector; the next turn opens soon.") }),
        );
      }
      for (const line of g.facilitator || []) items.push(h("p", { text: line }));
    }
    fill(el, items);
    show(el, items.length > 0);
  }

  let debriefShown = false;

  function renderDebrief() {
    const el = $("debrief");
    const d = view.game.debrief;
    show(el, Boolean(d));
    if (!d) {
      debriefShown = false;
      return;
    }
    // The game has just ended: bring its outcome into view (the page may be scrolled down
    // to the measures or the last reveal).
    if (!debriefShown) {
      debriefShown = true;
      window.scrollTo(0, 0);
    }
    fill(
      el,
      h("h2", { text: d.outcome }),
      d.crisis ? h("p", { class: "badge badge-crisis", text: t("Crisis") }) : null,
      h("p", { text: d.epilogue }),
      d.crisis_note ? h("p", { text: d.crisis_note }) : null,
      h(
        "table",
        { class: "scores" },
        h("thead", null, h("tr", null, h("th", { scope: "col", text: "" }), h("th", { scope: "col", text: t("State") }), h("th", { scope: "col", text: t("Score") }))),
        h(
          "tbody",
          null,
          h("tr", { class: "shared" }, h("th", { scope: "row", text: t("Shared") }), h("td", { text: d.shared_state }), h("td", { text: d.shared_score })),
          d.scores.map((s) =>
            h("tr", null, h("th", { scope: "row", text: s.delegation }), h("td", { text: s.state }), h("td", { text: s.score })),
          ),
        ),
      ),
    );
  }

  let revealSeen = null;

  function renderReveal() {
    const el = $("reveal");
    const g = view.game;
    const r = g.reveal;
    show(el, Boolean(r));
    if (!r) return;
    const prominent = g.phase !== "deciding";
    el.classList.toggle("reveal-now", prominent);
    fill(
      $("reveal-title"),
      prominent ? r.turn_name : [t("What happened last turn"), h("span", { class: "subtitle", text: r.turn_name })],
    );
    const key = `${r.turn}:${g.phase}`;
    if (revealSeen !== key) {
      // A new reveal: unfolded while the class looks at it (or the game is over), folded
      // away above the new turn's choices otherwise, marked new until it is unfolded.
      el.open = prominent;
      revealSeen = key;
      show($("reveal-new"), !prominent);
    }
    const red = view.scenario.red_cell;
    const parts = [];
    if (r.crisis) parts.push(h("p", { class: "badge badge-crisis", text: t("Crisis") }));
    parts.push(
      h("h3", { text: t("Choices") }),
      h(
        "ul",
        { class: "plain" },
        r.decisions.map((d) =>
          h(
            "li",
            null,
            h("strong", { text: d.delegation }),
            ": ",
            d.choices.length
              ? d.choices.map((c, i) => [
                  i ? "; " : "",
                  h("span", { class: `pill pill-${c.choice}`, text: CHOICE_WORDS[c.choice] ? t(CHOICE_WORDS[c.choice]) : c.choice }),
                  " ",
                  c.measure,
                ])
              : h("span", { class: "pill pill-hold", text: t("Hold on everything") }),
          ),
        ),
      ),
    );
    if (r.progress.length) {
      parts.push(
        h("h3", { text: t("Progress") }),
        h(
          "ul",
          { class: "plain" },
          r.progress.map((p) => h("li", null, `${p.measure}: ${p.before} → ${p.after} / ${p.needed}`)),
        ),
      );
    }
    parts.push(
      h("h3", { text: t("Adopted") }),
      r.adopted.length
        ? h("ul", { class: "plain adopted" }, r.adopted.map((t) => h("li", { text: t })))
        : h("p", { class: "muted", text: t("None") }),
    );
    if (r.events.length) {
      parts.push(
        h("h3", { text: red }),
        h(
          "ul",
          { class: "plain events" },
          r.events.map((e) =>
            h(
              "li",
              { class: e.inducement ? "event inducement" : "event" },
              h("strong", { text: e.title }),
              e.inducement ? h("span", { class: "badge badge-inducement", text: t("Inducement") }) : null,
              e.where ? h("span", { class: "muted", text: ` · ${e.where}` }) : null,
              h("p", { text: e.text }),
            ),
          ),
        ),
      );
    }
    if (r.injects.length) {
      parts.push(
        h("h3", { text: t("News") }),
        h(
          "ul",
          { class: "plain events" },
          r.injects.map((i) =>
            h(
              "li",
              { class: "event" },
              h("strong", { text: i.title }),
              i.date ? h("span", { class: "muted", text: ` · ${i.date}` }) : null,
              h("p", { text: i.text }),
            ),
          ),
        ),
      );
    }
    if (r.changes.length) {
      parts.push(
        h("h3", { text: t("What changed and why") }),
        h(
          "ul",
          { class: "plain changes" },
          r.changes.map((c) =>
            h(
              "li",
              null,
              h(
                "p",
                { class: "change-head" },
                h("strong", { text: c.indicator }),
                " ",
                h("span", { class: `amount ${sign(c.total)}`, text: c.total }),
              ),
              h(
                "ul",
                { class: "causes" },
                c.causes.map((k) =>
                  h("li", null, h("span", { class: `amount ${sign(k.amount)}`, text: k.amount }), " ", k.label),
                ),
                c.absorbed ? h("li", { class: "muted" }, `absorbed by resilience: ${c.absorbed}`) : null,
              ),
            ),
          ),
        ),
      );
    }
    fill($("reveal-body"), parts);
  }

  function sign(text) {
    const n = num(text);
    return n > 0 ? "up" : n < 0 ? "down" : "";
  }

  function renderDecide() {
    const el = $("decide");
    const g = view.game;
    const own = view.own;
    const sc = view.scenario;
    const deciding = g.phase === "deciding" && own.seat === "people" && own.options.length > 0;
    show(el, deciding);
    if (!deciding) return;
    const locked = own.submitted;
    const live = connected && !locked;
    el.classList.toggle("locked", locked);
    $("decide-title").textContent = locked ? t("Your choices (submitted)") : t("Your choices");
    $("capital").textContent = t("Capital left: {left} of {total}", { left: own.capital_left, total: own.capital });

    // Cards are rebuilt; the focused button is found again by its key.
    const focused = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.key
      : undefined;
    const cards = own.options.map((o) => card(sc.cards[o.id], o, own, live));
    fill($("cards"), cards);
    if (focused) {
      const again = document.querySelector(`[data-key="${CSS.escape(focused)}"]`);
      if (again && !again.disabled) again.focus();
    }

    renderForecasts(own, live);
    renderSubmit(own, live, sc);
  }

  function card(c, o, own, live) {
    const current = own.choices[o.id] || "hold";
    const title = c ? c.title : o.id;
    const spentHere = current === "push" ? o.push_cost : current === "oppose" ? o.oppose_cost : 0;
    const budget = own.capital_left + spentHere;
    const buttons = ["push", "hold", "oppose"].map((choice) => {
      const allowed = o.choices.includes(choice);
      const cost = choice === "push" ? o.push_cost : choice === "oppose" ? o.oppose_cost : 0;
      const affordable = cost <= budget;
      const label = choice === "hold" ? t("Hold") : t("{choice} ({cost})", { choice: t(CHOICE_WORDS[choice]), cost });
      const pressed = current === choice;
      return h("button", {
        type: "button",
        class: `choice choice-${choice}`,
        "aria-pressed": pressed ? "true" : "false",
        "data-key": `${o.id}:${choice}`,
        "data-choice": choice,
        disabled: !live || !allowed || (!pressed && !affordable),
        title: !allowed ? t("Not allowed this turn") : !affordable && !pressed ? t("Not enough capital") : null,
        text: label,
        onclick: () => {
          if (!pressed) choose(o.id, choice);
        },
      });
    });
    const effects = c && c.effects.length
      ? h(
          "details",
          {
            class: "effects",
            open: effectsOpen.has(o.id) ? effectsOpen.get(o.id) : wide.matches,
            ontoggle: (event) => effectsOpen.set(o.id, event.target.open),
          },
          h("summary", { text: t("Effects, sources and confidence") }),
          h(
            "ul",
            { class: "plain" },
            c.effects.map((e) =>
              h(
                "li",
                { class: "effect" },
                h("strong", { text: e.when }),
                ": ",
                e.text,
                h(
                  "p",
                  { class: "source" },
                  e.source ? t("Source: {source}", { source: e.source }) : "",
                  e.confidence ? h("span", { class: `conf conf-${e.confidence}`, text: t("Confidence: {level}", { level: e.confidence }) }) : null,
                ),
              ),
            ),
          ),
        )
      : null;
    return h(
      "article",
      { class: `card card-${current}`, "data-measure": o.id, "aria-label": title },
      h("h3", { text: title }),
      c && c.summary ? h("p", { class: "summary", text: c.summary }) : null,
      h(
        "dl",
        { class: "facts" },
        c && c.needs.length ? [h("dt", { text: t("Needs") }), h("dd", { text: c.needs.join(", ") })] : null,
        h("dt", { text: t("Cost") }),
        h("dd", { text: t("push {push} · oppose {oppose}", { push: o.push_cost, oppose: o.oppose_cost }) }),
        c && c.support_cost ? [h("dt", { text: t("Support cost") }), h("dd", { text: c.support_cost })] : null,
        h("dt", { text: t("Progress") }),
        h(
          "dd",
          { class: "progress" },
          h("meter", { min: 0, max: Math.max(1, num(o.needed)), value: num(o.progress), "aria-label": t("Progress of {title}", { title }) }),
          ` ${o.progress} / ${o.needed}`,
        ),
      ),
      effects,
      h("div", { class: "choices", role: "group", "aria-label": t("Your choice: {title}", { title }) }, buttons),
    );
  }

  function renderForecasts(own, live) {
    const box = $("forecasts");
    const list = $("questions");
    const questions = own.questions || [];
    show(box, questions.length > 0);
    const turn = view.game.turn;
    const keep = new Set();
    for (const q of questions) {
      const key = `${turn}:${q.id}`;
      keep.add(key);
      let row = list.querySelector(`[data-q="${CSS.escape(key)}"]`);
      if (!row) {
        row = forecastRow(q, key);
        list.append(row);
      }
      const slider = row.querySelector("input[type=range]");
      const box2 = row.querySelector("input[type=number]");
      const busy = pendingForecasts.has(q.id) || document.activeElement === slider || document.activeElement === box2;
      if (!busy) {
        const answered = q.probability !== null && q.probability !== undefined;
        const pct = answered ? Math.round(q.probability * 100) : 50;
        slider.value = String(pct);
        box2.value = answered ? String(pct) : "";
        row.classList.toggle("unanswered", !answered);
      }
      slider.disabled = !live;
      box2.disabled = !live;
    }
    for (const row of [...list.children]) {
      if (!keep.has(row.dataset.q)) row.remove();
    }
  }

  let forecastIds = 0;

  function forecastRow(q, key) {
    const n = ++forecastIds;
    const sliderId = `fc-range-${n}`;
    const numberId = `fc-num-${n}`;
    const slider = h("input", { type: "range", id: sliderId, min: 0, max: 100, step: 1, value: 50 });
    const box = h("input", {
      type: "number",
      id: numberId,
      min: 0,
      max: 100,
      step: 1,
      inputmode: "numeric",
      placeholder: "–",
      class: "pct",
    });
    const row = h(
      "div",
      { class: "question", "data-q": key },
      h("label", { for: sliderId, class: "q-text", text: q.text }),
      h(
        "div",
        { class: "q-inputs" },
        slider,
        h("label", { for: numberId, class: "visually-hidden", text: `${q.text} (percent)` }),
        box,
        h("span", { "aria-hidden": "true", text: "%" }),
      ),
    );
    slider.addEventListener("input", () => {
      box.value = slider.value;
      row.classList.remove("unanswered");
      queueForecast(q.id, Number(slider.value));
    });
    box.addEventListener("input", () => {
      const v = Number(box.value);
      if (box.value === "" || !Number.isFinite(v) || v < 0 || v > 100) return;
      slider.value = String(Math.round(v));
      row.classList.remove("unanswered");
      queueForecast(q.id, v);
    });
    return row;
  }

  function renderSubmit(own, live, sc) {
    const area = $("submit-area");
    const period = sc.scenario.turn_label.toLowerCase();
    if (own.submitted) {
      fill(
        area,
        h(
          "div",
          { class: "locked-banner", role: "status" },
          h("p", { class: "notice-strong", text: t("Submitted — your choices are locked for this {period}.", { period }) }),
          h("p", { text: t("Waiting for the other delegations.") }),
        ),
      );
      return;
    }
    if (!confirming) {
      fill(
        area,
        h("button", {
          type: "button",
          class: "submit",
          "data-key": "submit",
          disabled: !live,
          text: t("Submit"),
          onclick: () => {
            confirming = true;
            render();
            const yes = document.querySelector('[data-key="confirm"]');
            if (yes) yes.focus();
          },
        }),
      );
      return;
    }
    const picked = Object.entries(own.choices).map(([id, choice]) => {
      const c = sc.cards[id];
      return h("li", null, h("span", { class: `pill pill-${choice}`, text: CHOICE_WORDS[choice] ? t(CHOICE_WORDS[choice]) : choice }), " ", c ? c.title : id);
    });
    fill(
      area,
      h(
        "div",
        { class: "confirm", role: "group", "aria-label": t("Confirm submit") },
        picked.length
          ? h("ul", { class: "plain" }, picked)
          : h("p", { text: t("Hold on everything") }),
        h("button", {
          type: "button",
          class: "submit",
          "data-key": "confirm",
          disabled: !live,
          text: t("Submit — your choices are locked for this {period}", { period }),
          onclick: submit,
        }),
        h("button", {
          type: "button",
          class: "secondary",
          "data-key": "cancel",
          text: t("Not yet"),
          onclick: () => {
            confirming = false;
            render();
          },
        }),
      ),
    );
  }

  function renderBoard() {
    const g = view.game;
    show($("board"), true);
    const warning = num(g.tension.warning_at);
    const crisis = num(g.tension.crisis_at);
    fill(
      $("indicators"),
      g.indicators.map((i) => {
        const value = num(i.value);
        const isTension = i.id === "tension";
        let mark = null;
        let cls = "indicator";
        if (isTension && value >= crisis) {
          mark = h("span", { class: "badge badge-crisis", text: t("Crisis") });
          cls += " crisis";
        } else if (isTension && value >= warning) {
          mark = h("span", { class: "badge badge-warning", text: t("Warning") });
          cls += " warning";
        }
        const meter = h("meter", {
          min: 0,
          max: 100,
          value: Math.max(0, Math.min(100, num(i.share) * 100)),
          low: isTension ? warning : null,
          high: isTension ? crisis : null,
          optimum: isTension ? 0 : 100,
          "aria-label": i.title,
        });
        return h(
          "li",
          { class: cls },
          h("span", { class: "ind-title", text: i.title }),
          h("span", { class: "ind-value" }, i.value, mark),
          meter,
          isTension
            ? h("span", { class: "ind-note muted", text: t("warning at {warning} · crisis at {crisis}", { warning: g.tension.warning_at, crisis: g.tension.crisis_at }) })
            : null,
        );
      }),
    );
    fill(
      $("delegations"),
      g.delegations.map((d) =>
        h(
          "li",
          { class: "dele" },
          h("strong", { text: d.title }),
          h("span", { text: t("Support {value}", { value: d.support }) }),
          h("span", { text: t("Capital {value}", { value: d.capital }) }),
        ),
      ),
    );
    fill(
      $("table"),
      g.measures.map((m) =>
        h(
          "li",
          { class: `measure measure-${m.state}` },
          h("span", { class: "m-title", text: m.title }),
          h("span", { class: "m-state", text: STATE_WORDS[m.state] ? t(STATE_WORDS[m.state]) : m.state }),
          m.state === "on_table" || m.state === "locked"
            ? h("span", { class: "m-progress muted", text: `${m.progress} / ${m.needed}` })
            : null,
        ),
      ),
    );
  }

  function renderBriefing() {
    const sc = view.scenario;
    show($("briefing"), true);
    fill(
      $("briefing-body"),
      h("h3", { class: "first", text: sc.scenario.title }),
      h("p", { text: sc.scenario.summary }),
      sc.scenario.briefing ? h("p", { text: sc.scenario.briefing }) : null,
      h("h3", { text: sc.delegation.title }),
      h("p", { text: sc.delegation.briefing }),
      h("h3", { text: t("Objectives") }),
      h("p", { text: sc.delegation.objectives }),
    );
  }

  function renderScoring() {
    const sc = view.scenario;
    show($("scoring"), sc.scoring.length > 0);
    fill($("scoring-body"), sc.scoring.map((line) => h("p", { text: line })));
  }

  // --- start -------------------------------------------------------------------------------

  setInterval(renderTimer, 250);
  if (wide.addEventListener) wide.addEventListener("change", render);
  $("reveal").addEventListener("toggle", () => {
    if ($("reveal").open) show($("reveal-new"), false);
  });
  window.addEventListener("hashchange", () => location.reload());
  document.addEventListener("visibilitychange", () => {
    // A phone waking up: try at once rather than waiting out the backoff.
    if (document.visibilityState === "visible" && !socket && !refused && CODE) {
      retryMs = FIRST_RETRY_MS;
      connect();
    }
  });
  render();
  loadWords();
  if (CODE) connect();
})();
