/**
 * The map beside the list (results page) or under a service's places (service page). Loaded only by pages with a
 * map. The list stays the primary view: this script shows the panel, draws the places from GeoJSON (the results
 * page fetches /api/v1/locations.geojson for the same search; the service page carries its own), follows the
 * results when filters change, and lets the reader hide it. When tiles cannot load the places still show, on a
 * plain background, with a note. Every text comes from the page (data-map-text), already translated.
 */
import L from './leafletGlobal.js';
import 'leaflet.markercluster';

interface Texts {
  hide: string;
  show: string;
  tilesFailed: string;
  loadFailed: string;
  count_one: string;
  count_other: string;
  truncated: string;
  more: string;
  cluster_one: string;
  cluster_other: string;
  zoomIn: string;
  zoomOut: string;
  close: string;
}

interface FeatureService {
  id: string;
  name: string;
  name_lang: string;
}
interface Feature {
  geometry: { coordinates: [number, number] };
  properties: {
    id: string;
    name: string;
    name_lang: string;
    address: { street: string | null; postal_code: string | null; city: string | null };
    services: FeatureService[];
    distance_km?: number;
  };
}
interface Collection {
  features: Feature[];
  total_services: number;
  services_included: number;
  truncated: boolean;
}

const HIDDEN_KEY = 'yhdessa.map.hidden';
const POPUP_SERVICES = 5;

const fill = (s: string, vars: Record<string, string | number>) =>
  s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k] ?? ''));

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string; lang?: string; href?: string } = {},
  children: Node[] = [],
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.className) e.className = props.className;
  if (props.text !== undefined) e.textContent = props.text;
  if (props.lang) e.setAttribute('lang', props.lang);
  if (props.href && e instanceof HTMLAnchorElement) e.href = props.href;
  for (const c of children) e.appendChild(c);
  return e;
}

function storedHidden(): boolean {
  try {
    return window.localStorage.getItem(HIDDEN_KEY) === '1';
  } catch {
    return false;
  }
}
function storeHidden(hidden: boolean): void {
  try {
    if (hidden) window.localStorage.setItem(HIDDEN_KEY, '1');
    else window.localStorage.removeItem(HIDDEN_KEY);
  } catch {
    // Private windows may refuse storage; the choice then lasts for this page only.
  }
}

class PlacesMap {
  private map: L.Map | null = null;
  private layer: L.LayerGroup | null = null;
  private readonly text: Texts;
  private readonly lang: string;
  private readonly mode: 'results' | 'service';
  private tilesFailed = false;
  private loaded: string | null = null;
  private controller: AbortController | undefined;

  constructor(private panel: HTMLElement) {
    this.text = JSON.parse(panel.dataset.mapText ?? '{}') as Texts;
    this.lang = panel.dataset.mapLang ?? document.documentElement.lang;
    this.mode = panel.dataset.map === 'service' ? 'service' : 'results';
  }

  private get body(): HTMLElement {
    return this.panel.querySelector<HTMLElement>('#map-body')!;
  }
  private get status(): HTMLElement {
    return this.panel.querySelector<HTMLElement>('#map-status')!;
  }
  private get toggle(): HTMLButtonElement {
    return this.panel.querySelector<HTMLButtonElement>('.map-toggle')!;
  }

  start(): void {
    this.panel.hidden = false;
    this.toggle.addEventListener('click', () => this.setHidden(!this.body.hidden));
    this.setHidden(storedHidden(), false);
    void this.load();
  }

  private setHidden(hidden: boolean, remember = true): void {
    this.body.hidden = hidden;
    this.toggle.setAttribute('aria-expanded', String(!hidden));
    this.toggle.textContent = hidden ? this.text.show : this.text.hide;
    if (remember) storeHidden(hidden);
    if (!hidden) {
      this.ensureMap();
      this.map?.invalidateSize();
      this.fit();
    }
  }

  private ensureMap(): L.Map | null {
    if (this.map || this.body.hidden) return this.map;
    const d = this.panel.dataset;
    const container = this.panel.querySelector<HTMLElement>('#map')!;
    const map = L.map(container, { zoomControl: false, scrollWheelZoom: false, maxZoom: Number(d.mapMaxZoom) || 18 });
    L.control.zoom({ zoomInTitle: this.text.zoomIn, zoomOutTitle: this.text.zoomOut }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    const attribution = d.mapAttributionUrl
      ? `<a href="${escapeHtml(d.mapAttributionUrl)}">${escapeHtml(d.mapAttribution ?? '')}</a>`
      : escapeHtml(d.mapAttribution ?? '');
    const tiles = L.tileLayer(d.mapTiles ?? '', { attribution, maxZoom: Number(d.mapMaxZoom) || 18 });
    tiles.on('tileerror', () => {
      if (this.tilesFailed) return;
      this.tilesFailed = true;
      container.classList.add('map-no-tiles');
      this.showStatus();
    });
    tiles.addTo(map);
    // A popup opened from the keyboard takes focus (its links sit after every marker in the page's order) and gives
    // it back to its marker when it closes.
    let opener: HTMLElement | null = null;
    map.on('popupopen', (e: L.PopupEvent) => {
      const popup = e.popup.getElement();
      const close = popup?.querySelector<HTMLElement>('.leaflet-popup-close-button');
      close?.setAttribute('aria-label', this.text.close);
      close?.setAttribute('title', this.text.close);
      const active = document.activeElement;
      opener = active instanceof HTMLElement && active.classList.contains('leaflet-marker-icon') ? active : null;
      if (opener) (popup?.querySelector<HTMLElement>('.leaflet-popup-content a') ?? close)?.focus();
      // Escape closes it from inside too (Leaflet listens only while the map itself has focus).
      if (popup && !popup.dataset.escape) {
        popup.dataset.escape = '1';
        popup.addEventListener('keydown', (k) => {
          if (k.key === 'Escape') map.closePopup();
        });
      }
    });
    map.on('popupclose', (e: L.PopupEvent) => {
      const popup = e.popup.getElement();
      if (
        opener &&
        (!document.activeElement || document.activeElement === document.body || popup?.contains(document.activeElement))
      )
        opener.focus();
      opener = null;
    });
    this.map = map;
    map.setView([60.4, 24.9], 8);
    if (this.data) this.draw(this.data);
    return map;
  }

  private data: Collection | null = null;

  /** Fetches (results) or reads (service) the places, then draws them. */
  async load(url = this.panel.dataset.mapGeojsonUrl): Promise<void> {
    if (this.mode === 'service') {
      this.data = JSON.parse(this.panel.dataset.mapGeojson ?? '{"features":[]}') as Collection;
      this.afterLoad();
      return;
    }
    if (!url) return;
    if (url === this.loaded) return this.afterLoad();
    this.controller?.abort();
    this.controller = new AbortController();
    this.panel.setAttribute('aria-busy', 'true');
    try {
      const res = await fetch(url, { headers: { accept: 'application/geo+json' }, signal: this.controller.signal });
      if (!res.ok) throw new Error(String(res.status));
      this.data = (await res.json()) as Collection;
      this.loaded = url;
      this.afterLoad();
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      this.data = null;
      this.status.textContent = this.text.loadFailed;
      this.panel.querySelector<HTMLElement>('#map')!.hidden = true;
    } finally {
      this.panel.setAttribute('aria-busy', 'false');
    }
  }

  private afterLoad(): void {
    this.panel.querySelector<HTMLElement>('#map')!.hidden = false;
    if (!this.data?.features.length) {
      this.panel.hidden = true;
      return;
    }
    this.panel.hidden = false;
    this.ensureMap();
    this.draw(this.data);
    this.showStatus();
  }

  private showStatus(): void {
    const parts: string[] = [];
    if (this.data && this.mode === 'results') {
      const n = this.data.features.length;
      const rule = new Intl.PluralRules(this.lang).select(n) === 'one' ? 'count_one' : 'count_other';
      parts.push(fill(this.text[rule], { count: n }));
      if (this.data.truncated)
        parts.push(fill(this.text.truncated, { shown: this.data.services_included, total: this.data.total_services }));
    }
    if (this.tilesFailed) parts.push(this.text.tilesFailed);
    this.status.textContent = parts.join(' ');
  }

  private draw(c: Collection): void {
    const map = this.map;
    if (!map) return;
    this.layer?.remove();
    const d = this.panel.dataset;
    const icon = L.icon({
      iconUrl: d.mapIcon ?? '',
      iconRetinaUrl: d.mapIcon2x ?? '',
      shadowUrl: d.mapShadow ?? '',
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      tooltipAnchor: [16, -28],
      shadowSize: [41, 41],
    });
    const group: L.LayerGroup =
      this.mode === 'results'
        ? L.markerClusterGroup({
            showCoverageOnHover: false,
            maxClusterRadius: 45,
            iconCreateFunction: (cluster) => {
              const n = cluster.getChildCount();
              const label = fill(
                this.text[new Intl.PluralRules(this.lang).select(n) === 'one' ? 'cluster_one' : 'cluster_other'],
                { count: n },
              );
              return L.divIcon({
                html: `<div><span aria-hidden="true">${n}</span><span class="visually-hidden">${escapeHtml(label)}</span></div>`,
                className: 'marker-cluster map-cluster',
                iconSize: L.point(40, 40),
              });
            },
          })
        : L.layerGroup();
    for (const f of c.features) {
      const [lon, lat] = f.geometry.coordinates;
      const marker = L.marker([lat, lon], { icon, alt: f.properties.name, title: f.properties.name, keyboard: true });
      marker.bindPopup(() => this.popup(f), { autoPanPadding: L.point(24, 24) });
      group.addLayer(marker);
    }
    group.addTo(map);
    this.layer = group;
    this.fit();
  }

  private fit(): void {
    const map = this.map;
    const features = this.data?.features ?? [];
    if (!map || !features.length) return;
    const bounds = L.latLngBounds(
      features.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]] as [number, number]),
    );
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14, animate: false });
  }

  private popup(f: Feature): HTMLElement {
    const p = f.properties;
    const a = p.address;
    const lines = [a.street, [a.postal_code, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
    const box = el('div', { className: 'map-popup' }, [
      el('p', { className: 'map-popup-name', text: p.name, lang: p.name_lang !== this.lang ? p.name_lang : undefined }),
    ]);
    if (lines) box.appendChild(el('p', { className: 'map-popup-address', text: lines }));
    if (this.mode === 'results' && p.services.length) {
      const list = el('ul', { className: 'map-popup-services' });
      for (const s of p.services.slice(0, POPUP_SERVICES)) {
        list.appendChild(
          el('li', {}, [
            el('a', {
              text: s.name,
              href: `/${this.lang}/services/${s.id}`,
              lang: s.name_lang !== this.lang ? s.name_lang : undefined,
            }),
          ]),
        );
      }
      box.appendChild(list);
      if (p.services.length > POPUP_SERVICES)
        box.appendChild(el('p', { text: fill(this.text.more, { count: p.services.length - POPUP_SERVICES }) }));
    }
    return box;
  }

  /** The results changed (the search page's script swapped them in): follow the new search, or step aside. */
  follow(fresh: Document): void {
    const next = fresh.getElementById('map-panel');
    if (!next) {
      this.panel.hidden = true;
      return;
    }
    this.panel.dataset.mapGeojsonUrl = next.dataset.mapGeojsonUrl;
    void this.load(next.dataset.mapGeojsonUrl);
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function init(): void {
  if (!('fetch' in window) || !('PluralRules' in Intl)) return;
  let panel = document.getElementById('map-panel');
  let placesMap = panel ? new PlacesMap(panel) : null;
  placesMap?.start();
  // The search page's script announces fresh results; the map follows them (or appears, when it had nothing to show).
  document.addEventListener('yhdessa:results', (e) => {
    const fresh = (e as CustomEvent<{ doc: Document }>).detail?.doc;
    if (!fresh) return;
    if (placesMap) return placesMap.follow(fresh);
    const next = fresh.getElementById('map-panel');
    const slot = document.getElementById('map-slot');
    if (!next || !slot) return;
    panel = document.importNode(next, true);
    slot.appendChild(panel);
    placesMap = new PlacesMap(panel);
    placesMap.start();
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
