/* vnpost-kg: the interactive graph page. Reads the graph from the JSON block, draws it with
 * vis-network, and adds search, filters and a details panel. Text from articles is only ever
 * set with textContent: nothing from the data is parsed as HTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var text = data.text;
  var state = { kinds: new Set(data.legend.map(function (g) { return g.kind; })), province: "", search: "" };
  var visible = new Set();

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") { node.textContent = attributes[name]; }
      else if (name === "className") { node.className = attributes[name]; }
      else { node.setAttribute(name, attributes[name]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  // Accent- and case-insensitive search: "ha tinh" finds "Hà Tĩnh".
  function fold(value) {
    return String(value).replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function tooltip(node) {
    var detail = data.details[node.id];
    var lines = [detail.label, detail["class"]];
    if (detail.provinces.length) { lines.push(detail.provinces.join(", ")); }
    if (detail.evidence.length) { lines.push("“" + detail.evidence[0].quote + "”"); }
    var box = el("div");
    lines.forEach(function (line, index) { box.appendChild(el(index === 0 ? "strong" : "div", { text: line })); });
    return box;
  }

  data.nodes.forEach(function (node) {
    node.title = tooltip(node);
    node.searchKey = fold(data.details[node.id].label);
  });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var neighbours = new Map();
  data.nodes.forEach(function (node) { neighbours.set(node.id, []); });
  data.edges.forEach(function (edge) {
    neighbours.get(edge.from).push({ edge: edge, other: edge.to, outgoing: true });
    neighbours.get(edge.to).push({ edge: edge, other: edge.from, outgoing: false });
  });

  var nodeView = new vis.DataView(nodes, { filter: function (node) { return visible.has(node.id); } });
  var edgeView = new vis.DataView(edges, {
    filter: function (edge) { return visible.has(edge.from) && visible.has(edge.to); }
  });

  function withNeighbours(ids, within) {
    var result = new Set(ids);
    ids.forEach(function (id) {
      neighbours.get(id).forEach(function (link) { if (within.has(link.other)) { result.add(link.other); } });
    });
    return result;
  }

  // The same rule as `vnpost-kg viz --province`: what belongs to the province, and its neighbours.
  function computeVisible() {
    var base = new Set(data.nodes.filter(function (n) { return state.kinds.has(n.kind); })
      .map(function (n) { return n.id; }));
    var shown = base;
    if (state.province) {
      var tagged = data.nodes.filter(function (n) {
        return base.has(n.id) && n.provinces.indexOf(state.province) >= 0;
      }).map(function (n) { return n.id; });
      shown = withNeighbours(tagged, base);
    }
    var matches = [];
    if (state.search) {
      var key = fold(state.search.trim());
      matches = data.nodes.filter(function (n) { return shown.has(n.id) && n.searchKey.indexOf(key) >= 0; })
        .map(function (n) { return n.id; });
      shown = withNeighbours(matches, shown);
    }
    return { shown: shown, matches: matches };
  }

  function refresh() {
    var result = computeVisible();
    visible = result.shown;
    nodeView.refresh();
    edgeView.refresh();
    status.textContent = visible.size + " / " + data.nodes.length + " " + text.shown;
    if (state.search && result.matches.length) {
      network.selectNodes(result.matches.slice(0, 50));
      network.fit({ nodes: result.matches.slice(0, 200), animation: false });
    } else {
      network.unselectAll();
    }
  }

  var status = document.getElementById("status");
  var details = document.getElementById("details");

  function evidenceBlock(record) {
    var quote = el("blockquote");
    var at = record.matched ? record.quote.indexOf(record.matched) : -1;
    if (at >= 0) {
      quote.appendChild(document.createTextNode(record.quote.slice(0, at)));
      quote.appendChild(el("mark", { text: record.matched }));
      quote.appendChild(document.createTextNode(record.quote.slice(at + record.matched.length)));
    } else {
      quote.textContent = record.quote;
    }
    var source = [record.title, record.date, text.sentence + " " + (record.sentence + 1), text.rule + " " + record.rule]
      .filter(Boolean).join(" · ");
    return el("div", { className: "evidence" }, [quote, el("div", { className: "source", text: source })]);
  }

  function evidenceSection(records, total) {
    var section = el("div");
    if (!records.length) { return section; }
    section.appendChild(el("h2", { text: text.evidence }));
    records.forEach(function (record) { section.appendChild(evidenceBlock(record)); });
    if (total > records.length) {
      section.appendChild(el("p", { className: "hint", text: "+ " + (total - records.length) + " " + text.more }));
    }
    return section;
  }

  function showNode(id) {
    var detail = data.details[id];
    details.replaceChildren();
    details.appendChild(el("h3", { text: detail.label }));
    details.appendChild(el("p", { className: "class-name", text: detail["class"] }));
    details.appendChild(el("p", { className: "iri", text: detail.iri }));
    var facts = detail.facts.slice();
    if (detail.provinces.length) { facts.unshift([text.provinces, detail.provinces.join(", ")]); }
    if (facts.length) {
      details.appendChild(el("h2", { text: text.facts }));
      details.appendChild(el("table", { className: "facts" }, facts.map(function (fact) {
        return el("tr", {}, [el("th", { text: fact[0] }), el("td", { text: fact[1] })]);
      })));
    }
    var links = neighbours.get(id);
    if (links.length) {
      details.appendChild(el("h2", { text: text.links }));
      details.appendChild(el("ul", { className: "links" }, links.map(function (link) {
        var button = el("button", { type: "button", text: data.details[link.other].label });
        button.addEventListener("click", function () { selectNode(link.other); });
        var relation = link.outgoing ? "→ " + link.edge.label + " → " : "← " + link.edge.label + " ← ";
        return el("li", {}, [el("span", { className: "relation", text: relation }), button]);
      })));
    }
    details.appendChild(evidenceSection(detail.evidence, detail.evidence_total));
  }

  function showEdge(id) {
    var edge = edges.get(id);
    details.replaceChildren();
    details.appendChild(el("h3", { text: edge.label }));
    details.appendChild(el("p", {
      text: data.details[edge.from].label + " → " + data.details[edge.to].label
    }));
    details.appendChild(evidenceSection(edge.evidence || [], edge.evidence_total || 0));
  }

  function selectNode(id) {
    if (visible.has(id)) {
      network.selectNodes([id]);
      network.focus(id, { animation: false, scale: Math.max(network.getScale(), 0.8) });
    }
    showNode(id);
  }

  function buildLegend() {
    var legend = document.getElementById("legend");
    data.legend.forEach(function (group) {
      var box = el("input", { type: "checkbox", "data-kind": group.kind });
      box.checked = true;
      box.addEventListener("change", function () {
        if (box.checked) { state.kinds.add(group.kind); } else { state.kinds.delete(group.kind); }
        refresh();
      });
      var total = group.classes.reduce(function (sum, c) { return sum + c.count; }, 0);
      var heading = el("label", {}, [box, document.createTextNode(" " + group.name + " (" + total + ")")]);
      legend.appendChild(el("div", { className: "legend-group" }, [heading].concat(group.classes.map(function (c) {
        var swatch = el("span", { className: "swatch", text: c.symbol });
        swatch.style.color = c.colour;
        return el("div", { className: "legend-class" }, [swatch, document.createTextNode(" " + c["class"] +
          " (" + c.count + ")")]);
      }))));
    });
  }

  function buildProvinces() {
    var select = document.getElementById("province");
    data.provinces.forEach(function (pair) { select.appendChild(el("option", { value: pair[0], text: pair[1] })); });
    select.addEventListener("change", function () { state.province = select.value; refresh(); });
  }

  var searchTimer = null;
  document.getElementById("search").addEventListener("input", function (event) {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () { state.search = event.target.value; refresh(); }, 150);
  });

  visible = computeVisible().shown;
  var network = new vis.Network(document.getElementById("graph"), { nodes: nodeView, edges: edgeView }, data.options);
  var api = {
    network: network, nodes: nodes, edges: edges, settled: false,
    visibleNodeIds: function () { return nodeView.getIds(); },
    visibleEdgeIds: function () { return edgeView.getIds(); },
    select: selectNode,
    setSearch: function (value) { document.getElementById("search").value = value; state.search = value; refresh(); },
    setProvince: function (iri) { document.getElementById("province").value = iri; state.province = iri; refresh(); },
    setKind: function (kind, on) {
      var box = document.querySelector('input[data-kind="' + kind + '"]');
      if (box) { box.checked = on; }
      if (on) { state.kinds.add(kind); } else { state.kinds.delete(kind); }
      refresh();
    }
  };
  window.vnpostGraph = api;

  var physics = document.getElementById("physics");
  physics.checked = data.physics;
  physics.addEventListener("change", function () { network.setOptions({ physics: { enabled: physics.checked } }); });

  function settled() {
    api.settled = true;
    document.body.setAttribute("data-settled", "true");
  }
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.storePositions();
      physics.checked = false;
      settled();
    });
  } else {
    network.once("afterDrawing", settled);
  }

  network.on("selectNode", function (params) { showNode(params.nodes[0]); });
  network.on("selectEdge", function (params) { if (!params.nodes.length) { showEdge(params.edges[0]); } });

  buildLegend();
  buildProvinces();
  status.textContent = visible.size + " / " + data.nodes.length + " " + text.shown;
})();
