import axios from 'axios';
import { SIMULATOR_URL } from '../config';

const MAPS_URL = `${SIMULATOR_URL}/maps-api/v1`;

export interface LatLng {
  lat: number;
  lng: number;
}

interface GeocodeResponse {
  results: Array<{ formatted: string; location: LatLng }>;
}

/** Turns a delivery address into coordinates for the courier's routing. */
export async function geocode(address: string, mapsApiKey = '{{secret:generic-hex-32}}'): Promise<LatLng> {
  const { data } = await axios.get<GeocodeResponse>(`${MAPS_URL}/geocode`, {
    params: { q: address },
    headers: { 'x-api-key': mapsApiKey },
    timeout: 3000,
  });
  const first = data.results[0];
  if (!first) throw new Error(`maps: no match for "${address}"`);
  return first.location;
}
