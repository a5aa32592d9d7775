// Maps on the portal's pages: progressive enhancement of the tables and lists that carry the same data.
// Each element with data-mapa names a <script type="application/json"> holding its points
// ([{nom, url, lat, lon, n}]); tiles come from OpenStreetMap when the browser is online, and without
// them (offline) the markers are still drawn.
(function () {
  "use strict";
  if (!window.L) { return; }
  document.querySelectorAll("[data-mapa]").forEach(function (element) {
    var points = JSON.parse(document.getElementById(element.dataset.mapa).textContent);
    var label = element.dataset.etiqueta || "{n}";
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19, attribution: "© <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a>"
    }).addTo(map);
    var bounds = [];
    points.forEach(function (point) {
      var marker = L.circleMarker([point.lat, point.lon], {
        radius: 7 + Math.min(12, Math.sqrt(point.n || 0)), color: "#5e0e26", weight: 2,
        fillColor: "#8a1538", fillOpacity: 0.75
      }).addTo(map);
      var popup = document.createElement("div");
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.nom;
      popup.appendChild(link);
      popup.appendChild(document.createElement("br"));
      popup.appendChild(document.createTextNode(label.replace("{n}", point.n)));
      marker.bindPopup(popup);
      marker.bindTooltip(point.nom);
      bounds.push([point.lat, point.lon]);
    });
    if (bounds.length > 1) { map.fitBounds(bounds, { padding: [20, 20] }); }
    else if (bounds.length === 1) { map.setView(bounds[0], 15); }
    else { map.setView([41.5632, 2.0089], 13); }  // Terrassa
  });
})();
