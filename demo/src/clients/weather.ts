import type { LatLng } from './maps';
import { SIMULATOR_URL } from '../config';

export interface CurrentWeather {
  tempC: number;
  condition: 'clear' | 'clouds' | 'rain' | 'snow' | 'storm';
}

/** Couriers skip bike delivery in storms; the checkout page offers a later slot instead. */
export class WeatherClient {
  private readonly baseUrl = `${SIMULATOR_URL}/weather-api/v1`;
  private readonly apiKey = '{{secret:generic-hex-32:1}}';

  async current(at: LatLng): Promise<CurrentWeather> {
    const query = new URLSearchParams({ lat: String(at.lat), lon: String(at.lng), appid: this.apiKey });
    const res = await fetch(`${this.baseUrl}/current?${query}`);
    if (!res.ok) throw new Error(`weather: HTTP ${res.status}`);
    return (await res.json()) as CurrentWeather;
  }
}
