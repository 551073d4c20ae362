// gongpei report map (Leaflet), shared by the comparison report and the design pages. Reads its
// data from the JSON element #gongpei-map-data: toggleable layers of lines, point markers and
// ground circles, and an always-shown site layer, each feature with a popup. Every text from the
// scenario is put in with textContent, or escaped where Leaflet takes HTML (layer names,
// attribution), so names cannot inject markup.
(function () {
  "use strict";
  var box = document.getElementById("map-errors");
  function report(message) {
    if (box) {
      box.hidden = false;
      box.textContent += message + "\n";
    }
  }
  window.addEventListener("error", function (event) {
    report("map error: " + event.message);
  });
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function popup(title, rows) {
    var root = document.createElement("div");
    var head = document.createElement("b");
    head.textContent = title;
    root.appendChild(head);
    var table = document.createElement("table");
    table.className = "popup";
    rows.forEach(function (row) {
      var tr = document.createElement("tr");
      var th = document.createElement("th");
      th.textContent = row[0];
      var td = document.createElement("td");
      td.textContent = row[1];
      tr.appendChild(th);
      tr.appendChild(td);
      table.appendChild(tr);
    });
    root.appendChild(table);
    return root;
  }
  function latlngs(line) {
    return line.map(function (p) {
      return [p[1], p[0]];
    });
  }
  var data = JSON.parse(document.getElementById("gongpei-map-data").textContent);
  var map = L.map("map", { zoomControl: true });
  if (data.tiles) {
    L.tileLayer(data.tiles.url, {
      attribution: escapeHtml(data.tiles.attribution),
      maxZoom: 19
    }).addTo(map);
  }
  var overlays = {};
  var byId = {};
  var bounds = L.latLngBounds([]);
  // One Leaflet layer for a feature: a polyline, a circle marker (pixels) or a ground circle
  // (metres); the feature's colour overrides its layer's.
  function draw(f, layer) {
    var colour = f.colour || layer.colour;
    var drawn;
    if (f.shape === "point") {
      drawn = L.circleMarker([f.lat, f.lon], {
        radius: f.radius,
        color: "#333",
        weight: 1,
        fillColor: colour,
        fillOpacity: 0.9
      });
      bounds.extend(drawn.getLatLng());
    } else if (f.shape === "circle") {
      // Not interactive: a click inside a circle reaches the markers under it.
      drawn = L.circle([f.lat, f.lon], {
        radius: f.radius_m,
        color: colour,
        weight: 1,
        opacity: 0.7,
        fillColor: colour,
        fillOpacity: 0.08,
        interactive: false
      });
      // A ground circle's bounds need the map; its centre is enough to frame the view.
      bounds.extend(drawn.getLatLng());
    } else {
      drawn = L.polyline(latlngs(f.line), {
        color: colour,
        weight: layer.dashed ? 2 : 3,
        opacity: 0.85,
        dashArray: layer.dashed ? "6 5" : null
      });
      bounds.extend(drawn.getBounds());
    }
    if (f.shape !== "circle") {
      drawn.bindPopup(popup(f.title, f.rows), { maxWidth: 360 });
    }
    return drawn;
  }
  function group(layer) {
    var g = L.featureGroup();
    layer.features.forEach(function (f) {
      var drawn = draw(f, layer);
      g.addLayer(drawn);
      if (f.link) {
        byId[f.link] = { layer: drawn, group: g };
      }
    });
    return g;
  }
  // The site layer goes under the others when asked (design pages: stations and lines over the
  // villages), else on top (the comparison: sites over the routes).
  var sites = group({ colour: "#999999", dashed: false, features: data.sites });
  if (data.sites_below) {
    sites.addTo(map);
  }
  data.layers.forEach(function (layer) {
    var g = group(layer);
    if (layer.visible) {
      g.addTo(map);
    }
    overlays['<span style="color:' + escapeHtml(layer.colour) + '">&#9632;</span> ' +
      escapeHtml(layer.label)] = g;
  });
  if (!data.sites_below) {
    sites.addTo(map);
  }
  overlays[escapeHtml(data.sites_label)] = sites;
  L.control.layers(null, overlays, { collapsed: false }).addTo(map);
  L.control.scale({ imperial: false }).addTo(map);
  if (bounds.isValid()) {
    map.fitBounds(bounds, { padding: [12, 12] });
  } else {
    map.setView([0, 0], 2);
  }
  // A link such as compare.html#route=postal_express-3 or #site=<site id> shows that feature
  // with its popup open.
  var wanted = byId[decodeURIComponent(window.location.hash.slice(1))];
  if (wanted) {
    wanted.group.addTo(map);
    wanted.layer.openPopup(wanted.layer.getLatLng ? wanted.layer.getLatLng() : wanted.layer.getBounds().getCenter());
  }
  document.getElementById("map").setAttribute("data-ready", "true");
})();
