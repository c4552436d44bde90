// Looking up the weather for a city. Open this file to see API Doctor's key-in-url finding.
const WEATHER_BASE = 'https://api.weather.example.com/v2';
const weatherKey = process.env.WEATHER_API_KEY ?? '';

export interface Forecast {
  city: string;
  temperatureC: number;
  summary: string;
}

export async function forecast(city: string): Promise<Forecast> {
  // key-in-url: the key rides in the query string, where access logs and proxies keep it.
  const res = await fetch(`${WEATHER_BASE}/forecast?api_key=${weatherKey}&city=${encodeURIComponent(city)}`);
  if (!res.ok) throw new Error(`Weather lookup failed: ${res.status}`);
  return (await res.json()) as Forecast;
}
