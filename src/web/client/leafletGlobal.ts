/** Leaflet.markercluster extends the global `L`: put Leaflet there before the plugin module runs. */
import L from 'leaflet';

(window as unknown as { L: typeof L }).L = L;

export default L;
