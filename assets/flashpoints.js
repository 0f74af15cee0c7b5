/* Flashpoints map page: our own code, on top of Leaflet only.
 *
 * Python (flashpoints.maps) writes the data as GeoJSON and calls:
 *   FP.init(map, cfg)                     panes, sea colour, attribution prefix
 *   FP.basemap(map, land, labels)         land + country outlines + names
 *   FP.shapes(map, fc)                    flashpoints with their real geometry
 *   FP.places(map, fc)                    cities etc. as small circles
 *   FP.events(map, fc, opts)              one layer per event-type group
 *   FP.controls(map, cfg)                 legend, actor filter, time slider
 *   FP.layerControl(map, control)         folium's layer list (rendered last)
 *
 * Article text only reaches the page escaped: popups are HTML written by
 * Python with html.escape, and everything this file writes uses textContent.
 */
(function () {
  'use strict';

  var FP = window.FP = {eventLayers: [], actorsOff: Object.create(null), range: null,
                        undated: true};

  // folium elements added by other code (a folium.Popup, objects kept in front) call
  // jQuery's $ for two small things; the page has no jQuery, so answer those here.
  if (typeof window.$ === 'undefined') {
    window.$ = function (x) {
      if (typeof x === 'function') {
        if (document.readyState === 'loading') {
          document.addEventListener('DOMContentLoaded', x);
        } else { setTimeout(x, 0); }
        return {ready: function (fn) { return window.$(fn); }};
      }
      if (typeof x === 'string') {
        var t = document.createElement('template');
        t.innerHTML = x.trim();
        return Array.prototype.slice.call(t.content.childNodes);
      }
      return {ready: function (fn) { return window.$(fn); }, 0: x, length: 1};
    };
  }
  var T0 = (window.performance && performance.now) ? performance.now() : 0;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  FP.el = el;

  /* ---------------------------------------------------------------- shapes */

  // Vertices of a marker shape around (x, y) with radius r, or null for a circle.
  function shapePoints(shape, x, y, r, angle) {
    var pts = [], i, a, n, k;
    switch (shape) {
      case 'square':
        k = r * 0.85;
        return [[x - k, y - k], [x + k, y - k], [x + k, y + k], [x - k, y + k]];
      case 'diamond':
        return [[x, y - r * 1.15], [x + r * 1.15, y], [x, y + r * 1.15], [x - r * 1.15, y]];
      case 'triangle':
        return [[x, y - r * 1.2], [x + r * 1.1, y + r * 0.8], [x - r * 1.1, y + r * 0.8]];
      case 'bar':
        return [[x - r * 1.2, y - r * 0.5], [x + r * 1.2, y - r * 0.5],
                [x + r * 1.2, y + r * 0.5], [x - r * 1.2, y + r * 0.5]];
      case 'cross':
        k = r * 0.38;
        n = r * 1.05;
        return [[x - k, y - n], [x + k, y - n], [x + k, y - k], [x + n, y - k], [x + n, y + k],
                [x + k, y + k], [x + k, y + n], [x - k, y + n], [x - k, y + k], [x - n, y + k],
                [x - n, y - k], [x - k, y - k]];
      case 'star':
        for (i = 0; i < 10; i++) {
          a = -Math.PI / 2 + i * Math.PI / 5;
          k = (i % 2) ? r * 0.5 : r * 1.25;
          pts.push([x + k * Math.cos(a), y + k * Math.sin(a)]);
        }
        return pts;
      case 'arrow':
        // a triangle pointing along `angle`, its tip at (x, y)
        var c = Math.cos(angle), s = Math.sin(angle), L = r * 2.2, W = r * 0.9;
        return [[x, y], [x - L * c - W * s, y - L * s + W * c], [x - L * c + W * s, y - L * s - W * c]];
      default:
        return null;  // circle and ring
    }
  }
  FP.shapePoints = shapePoints;

  // A circle marker drawn as one of the shapes above, by the SVG or the Canvas renderer,
  // optionally nudged by a few pixels (dx, dy) so that events at one place do not hide
  // each other.
  FP.ShapeMarker = L.CircleMarker.extend({
    options: {shape: 'circle', dx: 0, dy: 0, from: null, tipGap: 0},

    _project: function () {
      var p = this._map.latLngToLayerPoint(this._latlng);
      var o = this.options;
      this._angle = 0;
      if (o.from) {
        var q = this._map.latLngToLayerPoint(o.from);
        this._angle = Math.atan2(p.y - q.y, p.x - q.x);
        // stop short of the destination's own marker
        p = p.subtract(L.point(Math.cos(this._angle), Math.sin(this._angle)).multiplyBy(o.tipGap));
      }
      this._point = p.add(L.point(o.dx || 0, o.dy || 0));
      this._updateBounds();
    },

    _updateBounds: function () {
      var r = this._radius * (this.options.shape === 'arrow' ? 2.3 : 1.3),
          w = this._clickTolerance(), p = [r + w, r + w];
      this._pxBounds = new L.Bounds(this._point.subtract(p), this._point.add(p));
    },

    _updatePath: function () {
      var rd = this._renderer, p = this._point;
      var pts = shapePoints(this.options.shape, p.x, p.y, this._radius, this._angle);
      if (!pts) { rd._updateCircle(this); return; }
      if (rd._ctx) {
        if (!rd._drawing || this._empty()) { return; }
        var ctx = rd._ctx;
        ctx.beginPath();
        ctx.moveTo(pts[0][0], pts[0][1]);
        for (var i = 1; i < pts.length; i++) { ctx.lineTo(pts[i][0], pts[i][1]); }
        ctx.closePath();
        rd._fillStroke(ctx, this);
      } else {
        var d = this._empty() ? 'M0 0' : 'M' + pts.map(function (q) {
          return q[0].toFixed(1) + ',' + q[1].toFixed(1);
        }).join('L') + 'z';
        rd._setPath(this, d);
      }
    }
  });

  // An inline SVG of a legend symbol.
  FP.symbol = function (shape, color, size) {
    var ns = 'http://www.w3.org/2000/svg', s = size || 16, r = s * 0.32;
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', s); svg.setAttribute('height', s);
    svg.setAttribute('viewBox', '0 0 ' + s + ' ' + s);
    svg.setAttribute('class', 'fp-sym');
    var pts = shapePoints(shape === 'arrow' ? 'arrow' : shape, shape === 'arrow' ? s * 0.85 : s / 2,
                          s / 2, r, 0);
    var node;
    if (pts) {
      node = document.createElementNS(ns, 'polygon');
      node.setAttribute('points', pts.map(function (q) { return q[0] + ',' + q[1]; }).join(' '));
    } else {
      node = document.createElementNS(ns, 'circle');
      node.setAttribute('cx', s / 2); node.setAttribute('cy', s / 2); node.setAttribute('r', r * 1.1);
    }
    if (shape === 'ring') {
      node.setAttribute('fill', '#fff'); node.setAttribute('stroke', color);
      node.setAttribute('stroke-width', 2.2);
    } else {
      node.setAttribute('fill', color); node.setAttribute('stroke', '#fff');
      node.setAttribute('stroke-width', 1);
    }
    svg.appendChild(node);
    return svg;
  };

  // A line or area swatch for the legend.
  FP.swatch = function (style) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', 22); svg.setAttribute('height', 14);
    svg.setAttribute('class', 'fp-sym');
    var node;
    if (style.fill) {
      node = document.createElementNS(ns, 'rect');
      node.setAttribute('x', 2); node.setAttribute('y', 2);
      node.setAttribute('width', 18); node.setAttribute('height', 10);
      node.setAttribute('fill', style.fillColor || style.color);
      node.setAttribute('fill-opacity', Math.max(style.fillOpacity || 0.2, 0.25));
    } else {
      node = document.createElementNS(ns, 'line');
      node.setAttribute('x1', 1); node.setAttribute('y1', 7);
      node.setAttribute('x2', 21); node.setAttribute('y2', 7);
    }
    node.setAttribute('stroke', style.color);
    node.setAttribute('stroke-width', Math.min(style.weight || 2, 4));
    if (style.dashArray) { node.setAttribute('stroke-dasharray', style.dashArray); }
    svg.appendChild(node);
    return svg;
  };

  /* ---------------------------------------------------------------- page */

  FP.init = function (map, cfg) {
    FP.map = map;
    FP.cfg = cfg || {};
    map.getContainer().classList.add('fp-map');
    map.setMinZoom(FP.cfg.minZoom || 2);
    map.setMaxZoom(FP.cfg.maxZoom || 12);
    var panes = {'fp-basemap': 150, 'fp-shapes': 410, 'fp-labels': 430, 'fp-places': 440,
                 'fp-events': 450};
    Object.keys(panes).forEach(function (name) {
      var pane = map.createPane(name);
      pane.style.zIndex = panes[name];
      if (name === 'fp-labels' || name === 'fp-basemap') { pane.style.pointerEvents = 'none'; }
    });
    var canvas = !!FP.cfg.canvas;
    FP.renderer = canvas ? L.canvas({pane: 'fp-events', padding: 0.3})
                         : L.svg({pane: 'fp-events', padding: 0.3});
    FP.placeRenderer = L.svg({pane: 'fp-places'});
    if (map.attributionControl) {
      map.attributionControl.setPrefix('Leaflet');  // plain text: the page links nowhere
    }
    return map;
  };

  FP.basemap = function (map, land, labels) {
    var group = L.layerGroup();
    L.geoJSON(land, {
      pane: 'fp-basemap', interactive: false,
      renderer: L.svg({pane: 'fp-basemap', padding: 0.5}),
      style: function () {
        return {color: '#a3a3a3', weight: 0.7, opacity: 1, fillColor: '#e9e9e4', fillOpacity: 1};
      }
    }).addTo(group);
    var names = L.layerGroup();
    var items = (labels || []).map(function (l) {
      var span = el('span', 'fp-country-label', l[0]);
      var m = L.marker([l[1], l[2]], {
        icon: L.divIcon({className: 'fp-label-icon', html: span, iconSize: null}),
        interactive: false, keyboard: false, pane: 'fp-labels'
      });
      return {marker: m, zoom: l[3]};
    });
    function update() {
      if (!group._map) { return; }
      var z = map.getZoom();
      items.forEach(function (it) {
        var want = z >= it.zoom;
        if (want && !names.hasLayer(it.marker)) { names.addLayer(it.marker); }
        if (!want && names.hasLayer(it.marker)) { names.removeLayer(it.marker); }
      });
    }
    names.addTo(group);
    group.on('add', update);
    map.on('zoomend', update);
    return group;
  };

  function label(latlng, text, cls) {
    var span = el('span', cls, text);
    return L.marker(latlng, {
      icon: L.divIcon({className: 'fp-label-icon', html: span, iconSize: null}),
      interactive: false, keyboard: false, pane: 'fp-labels'
    });
  }

  FP.shapes = function (map, fc) {
    var group = L.featureGroup();
    var shapes = L.geoJSON(fc, {
      pane: 'fp-shapes',
      renderer: L.svg({pane: 'fp-shapes', padding: 0.5}),
      style: function (f) { return f.properties.style; },
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, L.extend({radius: 6, pane: 'fp-shapes'}, f.properties.style));
      }
    });
    shapes.bindPopup(function (layer) { return layer.feature.properties.popup; }, {maxWidth: 360});
    shapes.addTo(group);
    fc.features.forEach(function (f) {
      var p = f.properties;
      if (p.lat !== null && p.lon !== null) {
        label([p.lat, p.lon], p.name, 'fp-shape-label fp-kind-' + p.kind).addTo(group);
      }
    });
    return group;
  };

  FP.places = function (map, fc, opts) {
    var group = L.featureGroup();
    var labels = !!(opts && opts.labels);
    var pts = L.geoJSON(fc, {
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, {
          radius: 3.5, color: '#fff', weight: 1, fillColor: '#444', fillOpacity: 0.9,
          pane: 'fp-places', renderer: FP.placeRenderer
        });
      }
    });
    pts.bindPopup(function (layer) { return layer.feature.properties.popup; }, {maxWidth: 320});
    pts.bindTooltip(function (layer) { return el('span', null, layer.feature.properties.name); },
                    {direction: 'top', offset: [0, -4]});
    pts.addTo(group);
    if (labels) {
      fc.features.forEach(function (f) {
        var c = f.geometry.coordinates;
        label([c[1], c[0]], f.properties.name, 'fp-place-label').addTo(group);
      });
    }
    return group;
  };

  /* ---------------------------------------------------------------- events */

  function passes(p) {
    if (FP.actorsOff[p.actor || '']) { return false; }
    if (p.undated) { return FP.undated; }
    if (FP.range) {
      if (p.date_end < FP.range[0] || p.date_start > FP.range[1]) { return false; }
    }
    return true;
  }
  FP.passes = passes;

  function colorOf(actor) {
    var c = (FP.cfg.colors || {})[actor || ''];
    return /^#[0-9a-fA-F]{6}$/.test(c || '') ? c : '#737373';
  }
  FP.colorOf = colorOf;

  function typeTitle(t) {
    return (FP.cfg.types || {})[t] || String(t || 'event').replace(/_/g, ' ');
  }

  function when(p) {
    if (p.undated) { return 'undated'; }
    return p.date_end && p.date_end !== p.date_start ? p.date_start + ' – ' + p.date_end
                                                     : p.date_start;
  }

  // The popup: a title line written as text, then the body Python escaped (html.escape).
  function eventPopup(layer) {
    var p = layer.feature.properties;
    var div = el('div', 'fp-pop');
    var title = el('div', 'fp-pop-title');
    var sw = el('span', 'fp-swatch');
    sw.style.background = colorOf(p.actor);
    title.appendChild(sw);
    title.appendChild(document.createTextNode((p.actor || 'Unknown actor') + ' · ' +
                                              typeTitle(p.type)));
    div.appendChild(title);
    var body = el('div', 'fp-pop-body');
    body.innerHTML = p.popup || '';  // escaped by Python
    var dates = when(p) + (p.undated ? '' : ' (' + (p.date_precision || 'day') + ')');
    var first = body.firstChild;
    body.insertBefore(document.createTextNode(
      dates + (first && first.nodeType === 3 ? ' · ' : '')), first);
    div.appendChild(body);
    return div;
  }

  // Markers at one spot fan out as a small sunflower (a few pixels), not a pile.
  var spots = {};
  function nudge(latlng) {
    var key = latlng.lat.toFixed(4) + ',' + latlng.lng.toFixed(4);
    var k = (spots[key] = (spots[key] || 0) + 1) - 1;
    k = k % 25;
    if (!k) { return [0, 0]; }
    var a = k * 2.39996, d = 8.5 * Math.sqrt(k);
    return [d * Math.cos(a), d * Math.sin(a)];
  }

  function markerOptions(p, shape, d) {
    var ring = shape === 'ring', color = colorOf(p.actor);
    return {
      shape: shape, radius: p.r || 6.5, dx: d[0], dy: d[1],
      color: ring ? color : '#ffffff', weight: ring ? 2.4 : 1.1, opacity: 1,
      fillColor: ring ? '#ffffff' : color, fillOpacity: ring ? 0.85 : 0.9,
      renderer: FP.renderer, pane: 'fp-events'
    };
  }

  function arrow(f) {
    var p = f.properties, c = f.geometry.coordinates, color = colorOf(p.actor);
    var from = L.latLng(c[0][1], c[0][0]), to = L.latLng(c[c.length - 1][1], c[c.length - 1][0]);
    var line = L.polyline(c.map(function (q) { return [q[1], q[0]]; }), {
      color: color, weight: 2.2, opacity: 0.85, dashArray: '6 4',
      renderer: FP.renderer, pane: 'fp-events'
    });
    var head = new FP.ShapeMarker(to, {
      shape: 'arrow', from: from, tipGap: (p.r || 6.5) + 2, radius: 4.5,
      color: '#ffffff', weight: 0.8, fillColor: color, fillOpacity: 1,
      renderer: FP.renderer, pane: 'fp-events'
    });
    line.feature = head.feature = f;
    return [line, head];
  }

  // One event-type group: a GeoJSON layer whose features are made once and then
  // shown or hidden by the filters (time range, actors) without being rebuilt.
  FP.EventLayer = L.GeoJSON.extend({
    initialize: function (fc, options) {
      var items = this._fpItems = [];
      var shape = (options && options.shape) || 'circle';
      L.GeoJSON.prototype.initialize.call(this, null, L.extend({}, options, {
        pointToLayer: function (f, latlng) {
          var d = nudge(latlng);
          var p = f.properties;
          return new FP.ShapeMarker(latlng, markerOptions(p, shape, d));
        },
        onEachFeature: function (f, layer) {
          items.push({layer: layer, p: f.properties, on: true});
        }
      }));
      this._fpData = fc;
      this.addData(fc);
      this.bindPopup(eventPopup, {maxWidth: 380});
      this.bindTooltip(function (layer) {
        var p = layer.feature.properties;
        return el('span', null, (p.n > 1 ? p.n + ' × ' : '') + [p.actor || 'Unknown actor',
                  typeTitle(p.type), when(p)].join(' · '));
      }, {direction: 'top', offset: [0, -8], sticky: true});
    },

    addData: function (data) {
      if (data && (data.type === 'FeatureCollection' || L.Util.isArray(data))) {
        return L.GeoJSON.prototype.addData.call(this, data);
      }
      var g = data && data.geometry;
      if (g && g.type === 'LineString' && data.properties && data.properties.arrow) {
        // the shaft and the head are two layers of this one (flat) group
        arrow(data).forEach(function (layer) {
          this._fpItems.push({layer: layer, p: data.properties, on: true});
          this.addLayer(layer);
        }, this);
        return this;
      }
      return L.GeoJSON.prototype.addData.call(this, data);
    },

    refilter: function () {
      var shown = 0;
      for (var i = 0; i < this._fpItems.length; i++) {
        var it = this._fpItems[i], want = passes(it.p);
        if (want && !it.on) { this.addLayer(it.layer); }
        if (!want && it.on) { this.removeLayer(it.layer); }
        it.on = want;
        if (want && !it.p.arrow) { shown += it.p.n || 1; }
      }
      this._fpShown = shown;
      return shown;
    }
  });

  FP.events = function (map, fc, opts) {
    var layer = new FP.EventLayer(fc, opts || {});
    layer._fpGroup = opts && opts.group;
    FP.eventLayers.push(layer);
    return layer;
  };

  FP.refilter = function () {
    var shown = 0;
    FP.eventLayers.forEach(function (l) { shown += l.refilter(); });
    if (FP._count) {
      FP._count.textContent = shown.toLocaleString('en') + ' of ' +
        (FP.cfg.total || 0).toLocaleString('en') + ' events shown';
    }
    document.documentElement.setAttribute('data-fp-shown', String(shown));
    return shown;
  };

  /* ---------------------------------------------------------------- controls */

  function panel(position, cls) {
    var C = L.Control.extend({
      options: {position: position},
      onAdd: function () {
        var div = el('div', 'fp-panel leaflet-bar ' + cls);
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
      }
    });
    return new C();
  }

  function legend(map, cfg) {
    var ctl = panel('bottomright', 'fp-legend');
    ctl.addTo(map);
    var div = ctl.getContainer();
    div.setAttribute('id', 'fp-legend');
    var head = el('div', 'fp-legend-head');
    head.appendChild(el('strong', null, cfg.title || 'Flashpoints'));
    var toggle = el('button', 'fp-toggle', '–');
    toggle.type = 'button';
    toggle.title = 'Hide or show the legend';
    head.appendChild(toggle);
    div.appendChild(head);
    var body = el('div', 'fp-legend-body');
    div.appendChild(body);
    var show = function (on) {
      body.style.display = on ? '' : 'none';
      toggle.textContent = on ? '–' : '+';
      toggle.setAttribute('aria-expanded', on ? 'true' : 'false');
    };
    L.DomEvent.on(toggle, 'click', function () { show(body.style.display === 'none'); });
    var size = map.getSize();
    show(!(size.x < 1000 || size.y < 700));  // a small map starts with the legend folded

    if ((cfg.actors || []).length) {
      body.appendChild(el('div', 'fp-legend-title', 'Actors'));
      var list = el('div', 'fp-actors');
      cfg.actors.forEach(function (a) {
        // a: [key, label, colour, count]
        var row = el('label', 'fp-actor');
        var box = el('input');
        box.type = 'checkbox';
        box.checked = !FP.actorsOff[a[0]];
        box.setAttribute('data-actor', a[0]);
        L.DomEvent.on(box, 'change', function () {
          if (box.checked) { delete FP.actorsOff[a[0]]; } else { FP.actorsOff[a[0]] = true; }
          FP.refilter();
        });
        row.appendChild(box);
        var dot = el('span', 'fp-dot');
        dot.style.background = a[2];
        row.appendChild(dot);
        row.appendChild(el('span', 'fp-actor-name', a[1]));
        row.appendChild(el('span', 'fp-n', Number(a[3]).toLocaleString('en')));
        list.appendChild(row);
      });
      body.appendChild(list);
      if (cfg.actors.length > 3) {
        var all = el('div', 'fp-all');
        [['all', true], ['none', false]].forEach(function (x) {
          var b = el('button', 'fp-link', x[0]);
          b.type = 'button';
          L.DomEvent.on(b, 'click', function () {
            list.querySelectorAll('input').forEach(function (box) {
              box.checked = x[1];
              var k = box.getAttribute('data-actor');
              if (x[1]) { delete FP.actorsOff[k]; } else { FP.actorsOff[k] = true; }
            });
            FP.refilter();
          });
          all.appendChild(b);
        });
        body.appendChild(all);
      }
    }
    if ((cfg.groups || []).length) {
      body.appendChild(el('div', 'fp-legend-title', 'Event types'));
      cfg.groups.forEach(function (g) {
        // g: [key, title, shape, count]
        var row = el('div', 'fp-type');
        row.appendChild(FP.symbol(g[2], '#555'));
        row.appendChild(el('span', null, g[1]));
        row.appendChild(el('span', 'fp-n', Number(g[3]).toLocaleString('en')));
        body.appendChild(row);
      });
      if (cfg.arrows) {
        var row = el('div', 'fp-type');
        row.appendChild(FP.symbol('arrow', '#555'));
        row.appendChild(el('span', null, 'Moved from → to'));
        body.appendChild(row);
      }
    }
    if ((cfg.kinds || []).length) {
      body.appendChild(el('div', 'fp-legend-title', 'Flashpoints'));
      cfg.kinds.forEach(function (k) {
        // k: [title, style]
        var row = el('div', 'fp-type');
        row.appendChild(FP.swatch(k[1]));
        row.appendChild(el('span', null, k[0]));
        body.appendChild(row);
      });
    }
    (cfg.notes || []).forEach(function (n) { body.appendChild(el('div', 'fp-note', n)); });
    return ctl;
  }

  function timeSlider(map, cfg) {
    var dates = cfg.dates || [];
    var ctl = panel('bottomleft', 'fp-time');
    ctl.addTo(map);
    var div = ctl.getContainer();
    div.setAttribute('id', 'fp-time');
    FP._count = el('div', 'fp-count');
    div.appendChild(FP._count);
    if (dates.length > 1) {
      var shown = el('div', 'fp-range-label');
      var lo = el('input'), hi = el('input');
      [lo, hi].forEach(function (r, i) {
        r.type = 'range'; r.min = 0; r.max = dates.length - 1; r.step = 1;
        r.value = i ? dates.length - 1 : 0;
        r.className = 'fp-range fp-range-' + (i ? 'to' : 'from');
        r.setAttribute('aria-label', i ? 'Last day shown' : 'First day shown');
      });
      var apply = function (src) {
        var a = +lo.value, b = +hi.value;
        if (a > b) { if (src === lo) { hi.value = a; b = a; } else { lo.value = b; a = b; } }
        FP.range = (a === 0 && b === dates.length - 1) ? null : [dates[a], dates[b]];
        shown.textContent = dates[a] + ' – ' + dates[b];
        FP.refilter();
      };
      L.DomEvent.on(lo, 'input', function () { apply(lo); });
      L.DomEvent.on(hi, 'input', function () { apply(hi); });
      div.appendChild(shown);
      var row1 = el('label', 'fp-range-row'); row1.appendChild(el('span', null, 'From'));
      row1.appendChild(lo); div.appendChild(row1);
      var row2 = el('label', 'fp-range-row'); row2.appendChild(el('span', null, 'To'));
      row2.appendChild(hi); div.appendChild(row2);
      shown.textContent = dates[0] + ' – ' + dates[dates.length - 1];
    } else if (dates.length === 1) {
      div.appendChild(el('div', 'fp-range-label', dates[0]));
    }
    if (cfg.undated_count) {
      var lab = el('label', 'fp-undated');
      var box = el('input');
      box.type = 'checkbox';
      box.checked = FP.undated;
      L.DomEvent.on(box, 'change', function () { FP.undated = box.checked; FP.refilter(); });
      lab.appendChild(box);
      lab.appendChild(el('span', null, 'undated events (' + cfg.undated_count + ')'));
      div.appendChild(lab);
    }
    return ctl;
  }

  // A highlighted event (build_map(focus=...)): its place's outline, a ring, and the map
  // opened on it.
  FP.focus = function (map, fc) {
    var group = L.featureGroup();
    var bounds = L.latLngBounds([]);
    fc.features.forEach(function (f) {
      var layer;
      if (f.properties.outline) {
        layer = L.geoJSON(f, {pane: 'fp-shapes', style: function () {
          return {color: '#ff00aa', weight: 4, dashArray: '6 4', fillOpacity: 0.08};
        }});
        layer.eachLayer(function (l) { l.feature = f; });
        bounds.extend(layer.getBounds());
      } else if (f.geometry.type === 'LineString') {
        // the event's origin: keep it in view (the event layer draws the arrow)
        var o = f.geometry.coordinates[0];
        bounds.extend(L.latLng(o[1], o[0]));
        return;
      } else {
        var c = f.geometry.coordinates, ll = L.latLng(c[1], c[0]);
        layer = L.circleMarker(ll, {radius: 16, color: '#ff00aa', weight: 4, fillColor: '#ff00aa',
                                    fillOpacity: 0.2, pane: 'fp-events'});
        layer.feature = f;
        bounds.extend(ll);
      }
      layer.addTo(group);
    });
    group.bindPopup(eventPopup, {maxWidth: 380});
    if (bounds.isValid()) {
      map.fitBounds(bounds.pad(0.3), {maxZoom: 7});
    }
    return group;
  };

  FP.layerControl = function (map, layerControl) {
    var size = map.getSize();
    if (size.y < 700 || size.x < 1000) {
      // a small map (e.g. inside the app): the layer list opens on hover
      layerControl.remove();
      layerControl.options.collapsed = true;
      layerControl.addTo(map);
    }
    FP._layerControl = layerControl;
    return layerControl;
  };

  FP.controls = function (map, cfg) {
    FP.cfg = L.extend(FP.cfg || {}, cfg);
    var size = map.getSize();
    var leg = legend(map, cfg);
    if (cfg.total) { timeSlider(map, cfg); }
    if (cfg.bounds) {
      // fit the data, keeping it clear of the legend when there is room for both
      var lw = leg.getContainer().offsetWidth, right = 16;
      if (size.x - lw > 480) { right = lw + 24; }
      map.fitBounds(cfg.bounds, {paddingTopLeft: [16, 16], paddingBottomRight: [right, 16],
                                 maxZoom: 7});
    }
    FP.refilter();
    // how long it took to build the layers, and to the first frame after that (bench/map.py)
    var built = (window.performance && performance.now) ? performance.now() : 0;
    var root = document.documentElement;
    root.setAttribute('data-fp-build-ms', (built - T0).toFixed(1));
    L.Util.requestAnimFrame(function () {
      var now = (window.performance && performance.now) ? performance.now() : 0;
      root.setAttribute('data-fp-draw-ms', (now - T0).toFixed(1));
      root.setAttribute('data-fp-ready', '1');
    });
  };
})();
