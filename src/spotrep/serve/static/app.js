/* spotrep explorer: map, timeline, table and incident view over the JSON API.
 *
 * Article text is hostile input: everything from the API goes into the page as text nodes
 * (textContent, createElement), never as markup. The whole view lives in the URL's query
 * string, so a reload or a copied link restores it.
 *
 * Filters come in two kinds. Those the columns carry (dates, type, status, toll, precisions)
 * are applied here, on the loaded columns, so the timeline's drag and play redraw at once;
 * the others (country, actor, speaker, text, ...) ask the server for a new set of columns.
 * Both are sent with the JSON, export, the incident list and copied links, so they all show
 * the same events. Event type and status take several values (repeated in the URL).
 *
 * The map clusters only the zoom it shows: an index of every zoom level costs six times as
 * much, and a filter change would pay it again. Each (filter set, zoom) index is kept for a
 * while, so going back to a set or a zoom already seen is immediate.
 */
"use strict";

(function () {
  const LOCAL = ["since", "until", "code", "status", "min_fatalities", "precision",
    "date_precision"];
  const REMOTE = ["country", "admin1", "actor", "speaker", "outlet", "text",
    "min_corroboration", "has_conflicts", "near", "km", "bbox"];
  const MULTI = new Set(["code", "status"]);
  const VIEW = ["incident", "article", "z", "lat", "lon", "cumulative", "page", "sort",
    "ipage", "isort"];
  const PAGE = 50;
  const INCIDENT_PAGE = 20;
  const DAY = 86400000;
  const PRECISION_RANK = { day: 0, week: 1, month: 2, year: 3 };
  const TYPES = {
    "Battles": ["circle", "--battles"],
    "Explosions/Remote violence": ["triangle", "--explosions"],
    "Violence against civilians": ["square", "--vac"],
    "Protests": ["diamond", "--protests"],
    "Riots": ["pentagon", "--riots"],
    "Strategic developments": ["cross", "--strategic"],
    "Non-conflict": ["star", "--nonconflict"],
  };

  const $ = (id) => document.getElementById(id);
  const state = {};
  let taxonomy = {};
  let data = null;       // the loaded columns, decoded
  let shown = [];        // indexes of the events passing the local filters
  let anyDate = [];      // ... passing them all but the dates (the timeline's bars)
  let redraws = 0;       // refreshes so far: each map draw says which one it shows
  let map, clusterLayer, index, plot, tileLayer = null;
  let playTimer = null;

  // ---- small DOM helpers (text only) -------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      node.append(typeof c === "string" || typeof c === "number" ? String(c) : c);
    }
    return node;
  }

  function cssVar(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function svgShape(shape, color, hollow, size) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "-10 -10 20 20");
    svg.setAttribute("width", size);
    svg.setAttribute("height", size);
    svg.setAttribute("aria-hidden", "true");
    const paths = {
      circle: "M 0,-7 A 7,7 0 1,1 0,7 A 7,7 0 1,1 0,-7 Z",
      triangle: "M 0,-8 L 7.5,6 L -7.5,6 Z",
      square: "M -6,-6 L 6,-6 L 6,6 L -6,6 Z",
      diamond: "M 0,-8 L 8,0 L 0,8 L -8,0 Z",
      pentagon: "M 0,-8 L 7.6,-2.5 L 4.7,6.5 L -4.7,6.5 L -7.6,-2.5 Z",
      cross: "M -2.5,-8 L 2.5,-8 L 2.5,-2.5 L 8,-2.5 L 8,2.5 L 2.5,2.5 L 2.5,8 L -2.5,8 " +
        "L -2.5,2.5 L -8,2.5 L -8,-2.5 L -2.5,-2.5 Z",
      star: "M 0,-8 L 2.2,-2.6 L 8,-2.6 L 3.4,1 L 5,7 L 0,3.6 L -5,7 L -3.4,1 L -8,-2.6 " +
        "L -2.2,-2.6 Z",
    };
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", paths[shape] || paths.circle);
    path.setAttribute("stroke", color);
    path.setAttribute("stroke-width", hollow ? "2.5" : "1.2");
    path.setAttribute("fill", hollow ? "#ffffff" : color);
    svg.append(path);
    return svg;
  }

  // ---- state and URL -----------------------------------------------------------------------

  function readUrl() {
    const params = new URLSearchParams(location.search);
    for (const k of [...LOCAL, ...REMOTE, ...VIEW]) {
      const values = params.getAll(k).filter((v) => v !== "");
      if (!values.length) delete state[k];
      else state[k] = MULTI.has(k) ? [...new Set(values)] : values[0];
    }
  }

  function addParams(params, keys) {
    for (const k of keys) {
      const v = state[k];
      if (v === undefined || v === "") continue;
      if (MULTI.has(k)) for (const one of v) params.append(k, one);
      else params.set(k, k === "has_conflicts" ? "true" : v);
    }
    return params;
  }

  function writeUrl() {
    const q = addParams(new URLSearchParams(), [...LOCAL, ...REMOTE, ...VIEW]).toString();
    history.replaceState(null, "", q ? "?" + q : location.pathname);
    updateLinks();
  }

  function filterParams(keys) {
    return addParams(new URLSearchParams(), keys);
  }

  function updateLinks() {
    const all = filterParams([...LOCAL, ...REMOTE]).toString();
    const q = all ? "&" + all : "";
    $("json-twin").href = detailJsonUrl() || "/api/events?format=rows" + q;
    $("export-events").href = "/api/export?format=events-csv" + q;
    $("export-claims").href = "/api/export?format=claims-csv" + q;
    $("export-geojson").href = "/api/export?format=geojson" + q;
  }

  function detailJsonUrl() {
    if (state.incident) return "/api/incidents/" + encodeURIComponent(state.incident);
    if (state.article) return "/api/articles/" + encodeURIComponent(state.article);
    return null;
  }

  function fillForm() {
    const form = $("filters");
    for (const k of [...LOCAL, ...REMOTE]) {
      const input = form.elements.namedItem(k);
      if (!input) continue;
      if (input.type === "checkbox") input.checked = state[k] === "true";
      else if (input.multiple) {
        for (const o of input.options) o.selected = (state[k] || []).includes(o.value);
      } else input.value = state[k] || "";
    }
    form.elements.namedItem("in_view").checked = !!state.bbox;
    $("cumulative").checked = state.cumulative === "1";
  }

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) {
      const detail = typeof body.detail === "string" ? body.detail :
        (body.detail || []).map((d) => (d.loc || []).slice(-1)[0] + ": " + d.msg).join("; ");
      throw new Error(detail || response.statusText);
    }
    return body;
  }

  // ---- data --------------------------------------------------------------------------------

  function dayNumber(iso) {
    if (!iso) return NaN;
    return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;
  }

  function isoDay(n) {
    return new Date(n * DAY).toISOString().slice(0, 10);
  }

  function decode(body) {
    const c = body.columns, d = body.dictionaries, n = body.total;
    const out = {
      n, lat: new Float64Array(n), lon: new Float64Array(n), start: new Float64Array(n),
      end: new Float64Array(n), killed: new Int32Array(n), geoPrecision: new Int8Array(n),
      datePrecision: new Int8Array(n), code: c.code, status: c.status, article: c.article,
      incident: c.incident, event: c.event, outlet: c.outlet, place: c.place, country: c.country,
      dict: d, dateIdx: c.date,
    };
    const precisionIndex = d.date_precision.map((p) => (p in PRECISION_RANK ? PRECISION_RANK[p] : 9));
    const starts = d.date.map(dayNumber), ends = d.date_end.map(dayNumber);
    for (let i = 0; i < n; i++) {
      out.lat[i] = c.lat[i] === null ? NaN : c.lat[i];
      out.lon[i] = c.lon[i] === null ? NaN : c.lon[i];
      out.start[i] = starts[c.date[i]];
      out.end[i] = ends[c.date_end[i]];
      out.killed[i] = c.fatalities[i] === null ? -1 : c.fatalities[i];
      out.geoPrecision[i] = c.geo_precision[i] === null ? 9 : c.geo_precision[i];
      out.datePrecision[i] = precisionIndex[c.date_precision[i]];
    }
    // one feature per event (null when unplaced), made once: every index reuses them
    out.features = new Array(n).fill(null);
    for (let i = 0; i < n; i++) {
      if (!Number.isNaN(out.lat[i]) && !Number.isNaN(out.lon[i])) {
        out.features[i] = { type: "Feature", properties: { i },
          geometry: { type: "Point", coordinates: [out.lon[i], out.lat[i]] } };
      }
    }
    out.ranks = {};
    return out;
  }

  // a dictionary column's values as 1/0 flags by index: which of them a filter keeps
  function wantedIndexes(dictionary, wanted) {
    const flags = new Uint8Array(dictionary.length);
    dictionary.forEach((v, k) => { flags[k] = wanted.has(v) ? 1 : 0; });
    return flags;
  }

  function codeFlags() {
    if (!state.code) return null;
    const asked = new Set(state.code);
    const wanted = new Set();
    for (const [code, names] of Object.entries(taxonomy)) {
      if (asked.has(code) || asked.has(names[0]) || asked.has(names[1])) wanted.add(code);
    }
    return wantedIndexes(data.dict.code, wanted);
  }

  function applyLocal() {
    const since = state.since ? dayNumber(state.since) : null;
    const until = state.until ? dayNumber(state.until) : null;
    const codes = codeFlags();
    const status = state.status ? wantedIndexes(data.dict.status, new Set(state.status)) : null;
    const minKilled = state.min_fatalities ? +state.min_fatalities : null;
    const precision = state.precision ? +state.precision : null;
    const datePrecision = state.date_precision ? PRECISION_RANK[state.date_precision] : null;
    const keep = [], others = [];
    for (let i = 0; i < data.n; i++) {
      if (codes && !codes[data.code[i]]) continue;
      if (status && !status[data.status[i]]) continue;
      if (minKilled !== null && data.killed[i] < minKilled) continue;
      if (precision !== null && data.geoPrecision[i] > precision) continue;
      if (datePrecision !== null && data.datePrecision[i] > datePrecision) continue;
      others.push(i);
      if (since !== null && !(data.end[i] >= since)) continue;
      if (until !== null && !(data.start[i] <= until)) continue;
      keep.push(i);
    }
    shown = keep;
    anyDate = others;
  }

  // ---- map ---------------------------------------------------------------------------------

  function typeOf(i) {
    const names = taxonomy[data.dict.code[data.code[i]]];
    return names ? names[0] : "Non-conflict";
  }

  function describe(i) {
    const code = data.dict.code[data.code[i]];
    const names = taxonomy[code] || [code, code];
    const place = data.dict.place[data.place[i]] || "unplaced";
    const killed = data.killed[i] >= 0 ? `, ${data.killed[i]} killed` : "";
    return `${names[1]} in ${place}, ${data.dict.date[data.dateIdx[i]] || "undated"}${killed}`;
  }

  function eventIcon(i) {
    const [shape, color] = TYPES[typeOf(i)] || TYPES["Non-conflict"];
    const hollow = data.geoPrecision[i] >= 2;
    const wrap = el("span", { class: "event-shape" }, svgShape(shape, cssVar(color), hollow, 18));
    return L.divIcon({ html: wrap, className: "event-marker", iconSize: [18, 18] });
  }

  function clusterIcon(count) {
    const size = count < 10 ? 28 : count < 100 ? 34 : count < 1000 ? 40 : 48;
    const label = el("span", { text: String(count) });
    return L.divIcon({ html: label, className: "cluster", iconSize: [size, size] });
  }

  // Clustering is most of a redraw: one index per (local filters, zoom), the last few kept.
  const indexes = new Map();
  function indexFor(zoom) {
    const key = JSON.stringify([...LOCAL.map((k) => state[k] || ""), zoom]);
    let found = indexes.get(key);
    if (found) {
      indexes.delete(key);
    } else {
      found = new Supercluster({ radius: 60, minZoom: zoom, maxZoom: zoom });
      const points = [];
      for (const i of shown) if (data.features[i]) points.push(data.features[i]);
      found.load(points);
    }
    indexes.set(key, found);
    while (indexes.size > 12) indexes.delete(indexes.keys().next().value);
    return found;
  }

  function zoomInto(item) {
    const leaves = index.getLeaves(item.properties.cluster_id, Infinity);
    const bounds = L.latLngBounds(leaves.map((f) => [f.geometry.coordinates[1],
      f.geometry.coordinates[0]]));
    const zoom = Math.round(map.getZoom());
    const fit = Math.max(zoom + 1, map.getBoundsZoom(bounds, false, L.point(40, 40)));
    map.setView(bounds.getCenter(), Math.min(fit, 16));
  }

  function drawMarkers() {
    if (!map || !data) return;
    const zoom = Math.round(map.getZoom());
    index = indexFor(zoom);
    const b = map.getBounds();
    const west = Math.max(-180, b.getWest()), east = Math.min(180, b.getEast());
    const bbox = east - west >= 359 ? [-180, -85, 180, 85] :
      [west, Math.max(-85, b.getSouth()), east, Math.min(85, b.getNorth())];
    const items = index.getClusters(bbox, zoom);
    clusterLayer.clearLayers();
    for (const item of items) {
      const [lon, lat] = item.geometry.coordinates;
      if (item.properties.cluster) {
        const count = item.properties.point_count;
        const m = L.marker([lat, lon], { icon: clusterIcon(count), keyboard: true,
          title: `${count} events: zoom in`, alt: `${count} events` });
        m.on("click", () => zoomInto(item));
        m.on("add", () => {
          const node = m.getElement();
          node.dataset.count = String(count);
          node.setAttribute("aria-label", `${count} events: zoom in`);
        });
        clusterLayer.addLayer(m);
      } else {
        const i = item.properties.i;
        const m = L.marker([lat, lon], { icon: eventIcon(i), keyboard: true, title: describe(i) });
        m.on("click", () => openEvent(i));
        m.on("add", () => {
          const node = m.getElement();
          node.dataset.count = "1";
          node.setAttribute("aria-label", describe(i));
        });
        clusterLayer.addLayer(m);
      }
    }
  }

  function setupMap(config) {
    const z = state.z ? +state.z : 2;
    const center = state.lat && state.lon ? [+state.lat, +state.lon] : [20, 10];
    map = L.map("map", { worldCopyJump: false, minZoom: 1, maxZoom: 16, keyboard: true,
      zoomSnap: 1 }).setView(center, z);
    map.attributionControl.setPrefix("Leaflet · Natural Earth borders");
    map.createPane("borders").style.zIndex = 250;
    clusterLayer = L.layerGroup().addTo(map);
    fetch("/static/vendor/world-atlas/countries-110m.geojson").then((r) => r.json()).then((geo) => {
      L.geoJSON(geo, { pane: "borders", interactive: false,
        style: { color: "#8796a3", weight: 0.8, fillColor: "#fbfbf8", fillOpacity: 1 } })
        .addTo(map);
    });
    if (config.tiles) {
      $("tiles-switch").hidden = false;
      $("tiles").addEventListener("change", (ev) => {
        if (ev.target.checked) {
          tileLayer = L.tileLayer(config.tiles.url, { attribution: config.tiles.attribution,
            maxZoom: 19 }).addTo(map);
        } else if (tileLayer) {
          map.removeLayer(tileLayer);
          tileLayer = null;
        }
      });
    }
    map.on("moveend", () => {
      const c = map.getCenter();
      state.z = String(map.getZoom());
      state.lat = c.lat.toFixed(4);
      state.lon = c.lng.toFixed(4);
      writeUrl();
      const t = performance.now();
      drawMarkers();
      document.body.dataset.mapMs = String(Math.round(performance.now() - t));
      document.body.dataset.mapDraws = String(+(document.body.dataset.mapDraws || 0) + 1);
      if (state.bbox) scheduleBbox();
    });
    const legend = $("legend");
    for (const [name, [shape, color]] of Object.entries(TYPES)) {
      legend.append(el("li", {}, svgShape(shape, cssVar(color), false, 14), name));
    }
    legend.append(el("li", {}, svgShape("circle", "#333", true, 14), "hollow: place approximate"));
  }

  let bboxTimer = null;
  function currentBbox() {
    const b = map.getBounds();
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
      clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
      .map((v) => v.toFixed(4)).join(",");
  }
  function scheduleBbox() {
    clearTimeout(bboxTimer);
    bboxTimer = setTimeout(() => {
      const box = currentBbox();
      if (box !== state.bbox) { state.bbox = box; writeUrl(); loadRemote(); }
    }, 250);
  }

  // ---- timeline ----------------------------------------------------------------------------

  function bucketSize(span) {
    return span > 3 * 365 ? 30 : span > 120 ? 7 : 1;
  }

  function timelineSeries() {
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < data.n; i++) {
      if (data.start[i] < lo) lo = data.start[i];
      if (data.start[i] > hi) hi = data.start[i];
    }
    if (lo === Infinity) { const today = Math.floor(Date.now() / DAY); lo = today - 30; hi = today; }
    const size = bucketSize(hi - lo);
    lo = Math.floor(lo / size) * size;
    const buckets = Math.floor((hi - lo) / size) + 1;
    const xs = new Array(buckets), day = new Array(buckets).fill(0),
      week = new Array(buckets).fill(0), month = new Array(buckets).fill(0);
    for (let b = 0; b < buckets; b++) xs[b] = (lo + b * size) * 86400;
    for (const i of anyDate) {
      if (Number.isNaN(data.start[i])) continue;
      const b = Math.floor((data.start[i] - lo) / size);
      const p = data.datePrecision[i];
      if (p === 0) day[b]++; else if (p === 1) week[b]++; else month[b]++;
    }
    if (state.cumulative === "1") {
      for (const s of [day, week, month]) for (let b = 1; b < buckets; b++) s[b] += s[b - 1];
    }
    return { xs, day, week, month, size };
  }

  let plotData = null;  // the columns the plot was made for: a redraw of those only sets data
  function drawTimeline() {
    const s = timelineSeries();
    if (plot && plotData === data && plot.data[0].length === s.xs.length) {
      plot.setData([s.xs, s.day, s.week, s.month]);
      return;
    }
    plotData = data;
    const box = $("timeline");
    const width = Math.max(300, box.clientWidth || 600);
    const bars = uPlot.paths.bars({ size: [0.9, 40], align: 1 });
    const opts = {
      width, height: 170, padding: [8, 8, 0, 0],
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
      select: { show: true },
      legend: { show: true },
      scales: { x: { time: true, range: (u, lo, hi) => [lo - s.size * 86400, hi + s.size * 86400] } },
      axes: [{ stroke: "#55606b" }, { stroke: "#55606b", size: 40 }],
      series: [
        { label: "date" },
        { label: "day-precision", stroke: "#0b5cad", fill: "rgba(11,92,173,.65)", paths: bars,
          points: { show: false } },
        { label: "week-precision", stroke: "#c15f00", fill: "rgba(193,95,0,.6)", paths: bars,
          points: { show: false } },
        { label: "month or vaguer", stroke: "#6a1b9a", fill: "rgba(106,27,154,.5)", paths: bars,
          points: { show: false } },
      ],
      hooks: {
        setSelect: [(u) => {
          if (u.select.width < 3) return;
          const from = u.posToVal(u.select.left, "x");
          const to = u.posToVal(u.select.left + u.select.width, "x");
          state.since = isoDay(Math.floor(from / 86400));
          state.until = isoDay(Math.floor(to / 86400));
          fillForm();
          refresh();
        }],
      },
    };
    if (plot) plot.destroy();
    box.textContent = "";
    plot = new uPlot(opts, [s.xs, s.day, s.week, s.month], box);
  }

  function togglePlay() {
    if (playTimer) { stopPlay(); return; }
    const s = timelineSeries();
    if (s.xs.length < 2) return;
    const first = s.xs[0] / 86400, last = s.xs[s.xs.length - 1] / 86400 + s.size - 1;
    let until = state.until && dayNumber(state.until) < last ? dayNumber(state.until) : first;
    const cumulative = state.cumulative === "1";
    const width = s.size * 4;
    $("play").textContent = "Pause";
    playTimer = setInterval(() => {
      until = Math.min(last, until + s.size);
      state.until = isoDay(until);
      state.since = cumulative ? isoDay(first) : isoDay(Math.max(first, until - width));
      fillForm();
      refresh(true);
      if (until >= last) stopPlay();
    }, 600);
  }

  function stopPlay() {
    clearInterval(playTimer);
    playTimer = null;
    $("play").textContent = "Play";
  }

  // ---- table -------------------------------------------------------------------------------

  // Sorting keys, one number per event (NaN: no value, always last); string columns by the
  // rank of their dictionary values, ranked once per loaded set.
  function rankOf(dictionary, name) {
    if (!data.ranks[name]) {
      const order = dictionary.map((v, k) => k).filter((k) => dictionary[k])
        .sort((a, b) => String(dictionary[a]).localeCompare(String(dictionary[b])));
      const rank = new Float64Array(dictionary.length).fill(NaN);
      order.forEach((k, r) => { rank[k] = r; });
      data.ranks[name] = rank;
    }
    return data.ranks[name];
  }

  function sortKey(name) {
    if (name === "date") return data.start;
    if (name === "killed") return Float64Array.from(data.killed, (k) => (k >= 0 ? k : NaN));
    const column = { type: "code", place: "place", status: "status", outlet: "outlet" }[name];
    const dictionary = name === "type" ? data.dict.code.map((c) => (taxonomy[c] || [c, c])[1])
      : data.dict[column];
    const rank = rankOf(dictionary, name);
    return Float64Array.from(data[column], (k) => rank[k]);
  }

  const TABLE_SORTS = ["date", "type", "place", "killed", "status", "outlet"];
  let sortedFor = null, sortedRows = null;
  function sortedShown() {
    const sort = state.sort || "date";
    // the columns come in date order
    if (sort === "date" || !TABLE_SORTS.includes(sort.replace(/^-/, ""))) return shown;
    if (sortedFor && sortedFor[0] === shown && sortedFor[1] === sort) return sortedRows;
    const descending = sort.startsWith("-");
    const key = sortKey(sort.replace(/^-/, ""));
    const order = Uint32Array.from(shown);
    order.sort((a, b) => {
      const x = key[a], y = key[b];
      if (x !== y) {
        if (Number.isNaN(x)) return Number.isNaN(y) ? a - b : 1;
        if (Number.isNaN(y)) return -1;
        return descending ? y - x : x - y;
      }
      return a - b;
    });
    sortedFor = [shown, sort];
    sortedRows = order;
    return order;
  }

  function sortButtons(table, current, onSort) {
    const [name, descending] = current.startsWith("-") ? [current.slice(1), true] :
      [current, false];
    for (const button of table.querySelectorAll("button[data-sort]")) {
      const th = button.closest("th");
      const on = button.dataset.sort === name;
      th.setAttribute("aria-sort", on ? (descending ? "descending" : "ascending") : "none");
      button.dataset.arrow = on ? (descending ? "▼" : "▲") : "";
      if (!button.dataset.wired) {
        button.dataset.wired = "1";
        button.addEventListener("click", () => onSort(button.dataset.sort));
      }
    }
  }

  function nextSort(current, name) {
    // the same column again turns the order round; a new one starts lowest first
    if (current === name) return "-" + name;
    return name;
  }

  function drawTable() {
    const tbody = $("events").tBodies[0];
    const pages = Math.max(1, Math.ceil(shown.length / PAGE));
    let page = Math.min(pages, Math.max(1, +(state.page || 1)));
    const rows = [];
    sortButtons($("events"), state.sort || "date", (name) => {
      const sort = nextSort(state.sort || "date", name);
      if (sort === "date") delete state.sort; else state.sort = sort;
      delete state.page;
      writeUrl();
      drawTable();
    });
    for (const i of sortedShown().slice((page - 1) * PAGE, page * PAGE)) {
      const code = data.dict.code[data.code[i]];
      const names = taxonomy[code] || [code, code];
      const label = data.incident[i] ? "Incident" : "Article";
      const open = el("button", { type: "button", class: "open-event",
        "aria-label": `${label}: ${describe(i)}`, onclick: () => openEvent(i) }, label);
      rows.push(el("tr", {},
        el("td", { text: data.dict.date[data.dateIdx[i]] || "" }),
        el("td", { text: names[1] }),
        el("td", { text: [data.dict.place[data.place[i]], data.dict.country[data.country[i]]]
          .filter(Boolean).join(", ") }),
        el("td", { text: data.killed[i] >= 0 ? String(data.killed[i]) : "" }),
        el("td", { text: data.dict.status[data.status[i]] }),
        el("td", { text: data.dict.outlet[data.outlet[i]] || "" }),
        el("td", {}, open)));
    }
    tbody.replaceChildren(...rows);
    $("page-info").textContent = `page ${page} of ${pages}`;
    $("prev-page").disabled = page <= 1;
    $("next-page").disabled = page >= pages;
    const sort = state.sort || "date";
    $("table-caption").textContent = `${shown.length} events matching the filters, sorted by ` +
      `${sort.replace(/^-/, "")} (${sort.startsWith("-") ? "highest" : "lowest"} first; ` +
      `${PAGE} a page)`;
  }

  function turnPage(delta) {
    state.page = String(Math.max(1, (+(state.page || 1)) + delta));
    writeUrl();
    drawTable();
  }

  // ---- detail views ------------------------------------------------------------------------

  function openEvent(i) {
    const incident = data.incident[i];
    if (incident) { state.incident = incident; delete state.article; }
    else { state.article = data.dict.article[data.article[i]]; delete state.incident; }
    writeUrl();
    showDetail();
  }

  function marked(pieces) {
    return pieces.map((p) => (p.mark ? el("mark", { class: "m-" + p.mark, title: p.mark }, p.text)
      : document.createTextNode(p.text)));
  }

  function keys() {
    return el("p", { class: "keys" }, "Highlights: ",
      ...["actor", "place", "date", "number", "trigger", "weapon", "speaker"].map(
        (k) => el("mark", { class: "m-" + k }, k)));
  }

  function claimsTable(claims) {
    if (!claims.length) return el("p", { text: "No claims cite this." });
    return el("table", { class: "claims" },
      el("caption", { text: "Who said what" }),
      el("thead", {}, el("tr", {}, ...["Speaker", "Channel", "Figure", "Words", "Outlet"].map(
        (h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, ...claims.map((c) => el("tr", { class: "claim" },
        el("td", { text: c.speaker || "unnamed" }), el("td", { text: c.channel || "" }),
        el("td", { text: c.figure || "" }), el("td", { text: c.words }),
        el("td", { text: c.outlet || "" })))));
  }

  function articleButton(id, label) {
    return el("button", { type: "button", class: "to-article", onclick: () => {
      state.article = id; delete state.incident; writeUrl(); showDetail();
    } }, label);
  }

  function renderIncident(d) {
    const where = [d.place, d.admin1, d.country].filter(Boolean).join(", ");
    const figure = d.conflict_details.find((c) => c.field === "fatalities");
    const parts = [
      el("h2", { text: `${d.sub_event_type}: ${where || "unplaced"}, ${d.date || "undated"}` }),
      el("p", {}, el("strong", { text: d.event_type }),
        d.single_source ? el("span", { class: "flag", text: "single source" }) : null),
      el("p", { class: "toll", text: figure ? figure.words :
        (d.fatalities_words || "no toll reported") }),
      el("p", { text: `Reported by ${d.corroboration} outlet(s) in ${d.reports} report(s); ` +
        `first report ${d.first_report || "undated"}` }),
      el("h3", { text: "Outlets" }),
      el("ul", {}, ...outletsOf(d).map(([o, first]) => el("li", { text: `${o} (first ${first})` }))),
    ];
    if (d.conflict_details.length) {
      parts.push(el("h3", { text: "Where the reports disagree" }),
        el("ul", { class: "conflicts" }, ...d.conflict_details.map(
          (c) => el("li", { class: "disagree", text: c.words }))));
    }
    parts.push(el("h3", { text: "Reports and their evidence" }), keys());
    for (const r of d.report_list) {
      parts.push(el("div", { class: "report" },
        el("p", {}, el("strong", { text: r.outlet || r.article_id }),
          ` · ${r.published || "undated"} · ${r.code || ""} · ${r.status || ""}`,
          r.fatalities_words ? ` · ${r.fatalities_words}` : "", " ",
          articleButton(r.article_id, "Article")),
        r.title ? el("p", { text: r.title }) : null,
        ...r.evidence.map((pieces) => el("p", { class: "evidence" }, ...marked(pieces)))));
    }
    parts.push(el("h3", { text: "Claims" }), claimsTable(d.claims));
    return parts;
  }

  function outletsOf(d) {
    const first = new Map();
    for (const r of d.report_list) {
      const o = r.outlet || r.article_id;
      const p = r.published || "undated";
      if (!first.has(o) || p < first.get(o)) first.set(o, p);
    }
    return [...first.entries()];
  }

  function renderArticle(d) {
    const a = d.article;
    return [
      el("h2", { text: a.title || a.id }),
      el("p", { text: [a.outlet, a.published, `${a.chars} characters`].filter(Boolean).join(" · ") }),
      a.url ? el("p", {}, "Source: ", el("a", { href: a.url, rel: "noopener noreferrer",
        target: "_blank", text: a.url })) : null,
      el("p", { text: `${d.events.length} event(s), ${d.claims.length} claim(s)` }),
      keys(),
      el("div", { class: "article-text", id: "article-text" }, ...marked(d.segments)),
      el("h3", { text: "Claims" }), claimsTable(d.claims),
    ];
  }

  async function showDetail() {
    const box = $("detail");
    const url = detailJsonUrl();
    if (!url) { box.hidden = true; return; }
    box.hidden = false;
    const body = $("detail-body");
    body.replaceChildren(el("p", { text: "Loading…" }));
    try {
      const d = await getJson(url);
      const parts = state.incident ? renderIncident(d) : renderArticle(d);
      parts.push(el("p", {}, el("a", { href: url, text: "JSON of this view" })));
      body.replaceChildren(...parts.filter(Boolean));
      box.dataset.ready = state.incident ? "incident" : "article";
    } catch (err) {
      body.replaceChildren(el("p", { class: "error", text: String(err.message || err) }));
    }
  }

  function closeDetail() {
    delete state.incident; delete state.article;
    writeUrl();
    $("detail").hidden = true;
  }

  // ---- wiring ------------------------------------------------------------------------------

  // The table, timeline and count are drawn at once; the map after the browser has shown
  // them. When the map is drawn too, body[data-shown] says how many events every view shows,
  // data-drawn which refresh they show (what tests and benchmarks wait for) and
  // data-redraw-ms how long the whole took.
  function refresh(keepPage) {
    if (!keepPage) { delete state.page; delete state.ipage; }
    writeUrl();
    const t0 = performance.now();
    const id = ++redraws;
    const steps = [];
    const step = (name, fn) => {
      const t = performance.now();
      fn();
      steps.push(`${name} ${Math.round(performance.now() - t)}`);
    };
    step("filter", applyLocal);
    step("table", drawTable);
    if (!playTimer) step("timeline", drawTimeline);
    let placed = 0;
    for (const i of shown) if (data.features[i]) placed++;
    $("status").textContent = `${shown.length} events (${placed} on the map)`;
    scheduleIncidents();
    return new Promise((resolve) => {
      requestAnimationFrame(() => setTimeout(() => {
        if (id !== redraws) { resolve(); return; }  // a newer refresh draws the map
        step("map", drawMarkers);
        document.body.dataset.steps = steps.join(", ");
        document.body.dataset.placed = String(placed);
        document.body.dataset.redrawMs = String(Math.round(performance.now() - t0));
        document.body.dataset.shown = String(shown.length);
        document.body.dataset.drawn = String(id);
        resolve();
      }, 0));
    });
  }

  // ---- incidents ---------------------------------------------------------------------------

  let incidentTimer = null, incidentAsked = 0;
  function scheduleIncidents() {
    clearTimeout(incidentTimer);
    incidentTimer = setTimeout(loadIncidents, 150);
  }

  async function loadIncidents() {
    const asked = ++incidentAsked;
    const page = Math.max(1, +(state.ipage || 1));
    const params = filterParams([...LOCAL, ...REMOTE]);
    params.set("offset", String((page - 1) * INCIDENT_PAGE));
    params.set("limit", String(INCIDENT_PAGE));
    if (state.isort) params.set("sort", state.isort);
    let body;
    try {
      body = await getJson("/api/incidents?" + params);
    } catch (err) {
      if (asked === incidentAsked) {
        $("incidents-caption").textContent = "Incidents could not be read: " + (err.message || err);
      }
      return;
    }
    if (asked === incidentAsked) drawIncidents(body, page);
  }

  const INCIDENT_SORT_NAMES = { date: "date", fatalities: "toll", corroboration: "outlets" };
  function drawIncidents(body, page) {
    const pages = Math.max(1, Math.ceil(body.total / INCIDENT_PAGE));
    sortButtons($("incidents"), state.isort || "date", (name) => {
      const sort = nextSort(state.isort || "date", name);
      if (sort === "date") delete state.isort; else state.isort = sort;
      delete state.ipage;
      writeUrl();
      loadIncidents();
    });
    const rows = body.rows.map((r) => {
      const where = [r.place, r.country].filter(Boolean).join(", ") || "unplaced";
      const disagree = r.conflicts.includes("fatalities");
      const open = el("button", { type: "button", class: "open-incident",
        "aria-label": `Incident: ${r.sub_event_type} in ${where}, ${r.date || "undated"}`,
        onclick: () => {
          state.incident = r.id; delete state.article; writeUrl(); showDetail();
        } }, "Incident");
      return el("tr", { class: "incident-row" },
        el("td", { text: r.date || "" }),
        el("td", { text: r.sub_event_type }),
        el("td", { text: where }),
        el("td", {}, r.fatalities_words || "",
          disagree ? el("span", { class: "flag", text: "reports disagree" }) : null),
        el("td", {}, String(r.corroboration),
          r.single_source ? el("span", { class: "flag", text: "single source" }) : null),
        el("td", { text: String(r.reports) }),
        el("td", {}, open));
    });
    $("incidents").tBodies[0].replaceChildren(...rows);
    $("ipage-info").textContent = `page ${Math.min(page, pages)} of ${pages}`;
    $("prev-ipage").disabled = page <= 1;
    $("next-ipage").disabled = page >= pages;
    const sort = state.isort || "date";
    $("incidents-caption").textContent = `${body.total} incidents matching the filters, by ` +
      `${INCIDENT_SORT_NAMES[sort.replace(/^-/, "")] || "date"} ` +
      `(${sort.startsWith("-") ? "highest" : "lowest"} first; ${INCIDENT_PAGE} a page)`;
    document.body.dataset.incidents = String(body.total);
  }

  function turnIncidentPage(delta) {
    state.ipage = String(Math.max(1, (+(state.ipage || 1)) + delta));
    writeUrl();
    loadIncidents();
  }

  async function loadRemote() {
    $("filter-error").textContent = "";
    document.body.dataset.ready = "";
    const q = filterParams(REMOTE).toString();
    try {
      const t = performance.now();
      const body = await getJson("/api/events?format=columns" + (q ? "&" + q : ""));
      const t1 = performance.now();
      data = decode(body);
      indexes.clear();
      document.body.dataset.load = `fetch ${Math.round(t1 - t)}, decode ${Math.round(performance.now() - t1)}`;
    } catch (err) {
      $("filter-error").textContent = String(err.message || err);
      return;
    }
    await refresh(true);
    document.body.dataset.ready = "1";
    // since navigation start: what the benchmarks read as "interactive"
    if (!document.body.dataset.readyMs) {
      document.body.dataset.readyMs = String(Math.round(performance.now()));
    }
  }

  function onFilterChange(ev) {
    const input = ev.target;
    const name = input.name;
    if (name === "in_view") {
      if (input.checked) state.bbox = currentBbox(); else delete state.bbox;
      writeUrl();
      loadRemote();
      return;
    }
    let value = input.value.trim();
    if (input.type === "checkbox") value = input.checked ? "true" : "";
    else if (input.multiple) {
      const chosen = [...input.selectedOptions].map((o) => o.value).filter(Boolean);
      value = chosen.length ? chosen : "";
    }
    if (value) state[name] = value; else delete state[name];
    if (REMOTE.includes(name)) {
      delete state.page; delete state.ipage;
      writeUrl();
      loadRemote();
    } else refresh();
  }

  async function copyLink() {
    const out = $("copied");
    try {
      await navigator.clipboard.writeText(location.href);
      out.textContent = "Link copied";
    } catch (err) {
      out.textContent = location.href;
    }
  }

  function fillCodes() {
    const select = $("filters").elements.namedItem("code");
    const byType = {};
    for (const [code, [type, sub]] of Object.entries(taxonomy)) {
      (byType[type] = byType[type] || []).push([code, sub]);
    }
    for (const [type, codes] of Object.entries(byType)) {
      select.append(el("option", { value: type, text: `${type} (all)` }));
      const group = el("optgroup", { label: type });
      for (const [code, sub] of codes) group.append(el("option", { value: code, text: sub }));
      select.append(group);
    }
  }

  async function start() {
    readUrl();
    const config = await getJson("/api/config");
    taxonomy = config.taxonomy;
    fillCodes();
    fillForm();
    setupMap(config);
    updateLinks();
    const form = $("filters");
    form.addEventListener("change", onFilterChange);
    form.addEventListener("submit", (ev) => ev.preventDefault());
    form.addEventListener("reset", () => {
      for (const k of [...LOCAL, ...REMOTE]) delete state[k];
      setTimeout(() => { fillForm(); writeUrl(); loadRemote(); }, 0);
    });
    $("copy-link").addEventListener("click", copyLink);
    $("play").addEventListener("click", togglePlay);
    $("cumulative").addEventListener("change", (ev) => {
      if (ev.target.checked) state.cumulative = "1"; else delete state.cumulative;
      writeUrl();
      drawTimeline();
    });
    $("clear-dates").addEventListener("click", () => {
      delete state.since; delete state.until; fillForm(); refresh();
    });
    $("prev-page").addEventListener("click", () => turnPage(-1));
    $("next-page").addEventListener("click", () => turnPage(1));
    $("prev-ipage").addEventListener("click", () => turnIncidentPage(-1));
    $("next-ipage").addEventListener("click", () => turnIncidentPage(1));
    $("close-detail").addEventListener("click", closeDetail);
    document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") closeDetail(); });
    window.addEventListener("resize", () => { if (data) { plotData = null; drawTimeline(); } });
    await loadRemote();
    showDetail();
  }

  document.addEventListener("DOMContentLoaded", () => {
    start().catch((err) => {
      $("status").textContent = "Could not load: " + (err.message || err);
      throw err;
    });
  });
})();
