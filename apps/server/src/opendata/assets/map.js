// The counter map: Leaflet over the shipped district outlines (no tile server), a dot per
// counter with its name in the page's language. The list beside it works without this.
(function () {
  const el = document.getElementById('counter-map');
  const L = window.L;
  if (!el || !L) return;
  const lang = el.dataset.lang === 'zh-Hant' ? 'zh_hant' : el.dataset.lang === 'zh-Hans' ? 'zh_hans' : 'en';
  // Shown only now (hidden without script), and before Leaflet measures it.
  el.classList.add('ready');
  const map = L.map(el, { attributionControl: false, zoomSnap: 0.25 }).setView([22.35, 114.12], 10);
  Promise.all([fetch(el.dataset.districts).then((r) => r.json()), fetch(el.dataset.counters).then((r) => r.json())]).then(([districts, counters]) => {
    const land = L.geoJSON(districts, { style: { color: '#505a5f', weight: 1, fillColor: '#f3f2f1', fillOpacity: 1 } }).addTo(map);
    L.geoJSON(counters, {
      pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 7, color: '#fff', weight: 2, fillColor: f.properties.kind === 'service_centre' ? '#1d70b8' : '#00703c', fillOpacity: 1 }),
      onEachFeature: (f, layer) => layer.bindTooltip(f.properties['name_' + lang]),
    }).addTo(map);
    map.fitBounds(land.getBounds());
    el.dataset.drawn = String(counters.features.length);
  });
  const near = document.querySelector('[data-near]');
  if (near && navigator.geolocation) {
    near.hidden = false;
    near.addEventListener('click', () =>
      navigator.geolocation.getCurrentPosition((pos) => {
        const q = new URLSearchParams(location.search);
        q.delete('district');
        q.set('lat', pos.coords.latitude.toFixed(4));
        q.set('lon', pos.coords.longitude.toFixed(4));
        location.search = q.toString();
      }),
    );
  }
})();
