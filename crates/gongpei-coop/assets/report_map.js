// gongpei compare report: the interactive map (Leaflet). Reads its data from the JSON element
// #gongpei-map-data; builds one toggleable layer per mode and fleet, bus loads and sites, each
// feature with a popup. Every text from the scenario is put in with textContent, or escaped
// where Leaflet takes HTML (layer names, attribution), so names cannot inject markup.
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
  data.layers.forEach(function (layer) {
    var group = L.featureGroup();
    layer.features.forEach(function (f) {
      var line = L.polyline(latlngs(f.line), {
        color: layer.colour,
        weight: layer.dashed ? 2 : 3,
        opacity: 0.85,
        dashArray: layer.dashed ? "6 5" : null
      });
      line.bindPopup(popup(f.title, f.rows), { maxWidth: 360 });
      group.addLayer(line);
      if (f.id) {
        byId["route=" + f.id] = { layer: line, group: group };
      }
      bounds.extend(line.getBounds());
    });
    if (layer.visible) {
      group.addTo(map);
    }
    overlays['<span style="color:' + escapeHtml(layer.colour) + '">&#9632;</span> ' +
      escapeHtml(layer.label)] = group;
  });
  var sites = L.featureGroup();
  data.sites.forEach(function (s) {
    var marker = L.circleMarker([s.lat, s.lon], {
      radius: s.radius,
      color: "#333",
      weight: 1,
      fillColor: s.colour,
      fillOpacity: 0.9
    });
    marker.bindPopup(popup(s.title, s.rows), { maxWidth: 360 });
    sites.addLayer(marker);
    byId["site=" + s.id] = { layer: marker, group: sites };
    bounds.extend(marker.getLatLng());
  });
  sites.addTo(map);
  overlays["sites (hub, depots, townships, villages)"] = sites;
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
    wanted.layer.openPopup(wanted.layer.getBounds ? wanted.layer.getBounds().getCenter() : undefined);
  }
  document.getElementById("map").setAttribute("data-ready", "true");
})();
