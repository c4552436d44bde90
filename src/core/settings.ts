/**
 * Settings as the analyzer sees them. Raw values come from the editor or a config file; anything
 * malformed falls back to the default instead of failing. Defaults mirror package.json.
 */
export type RunMode = 'onType' | 'onSave';

export interface ApiDoctorSettings {
  enable: boolean;
  run: RunMode;
  secretParamNames: string[];
}

export interface RawSettings {
  enable?: unknown;
  run?: unknown;
  secretParamNames?: unknown;
}

export function normaliseSettings(raw: RawSettings): ApiDoctorSettings {
  return {
    enable: typeof raw.enable === 'boolean' ? raw.enable : true,
    run: raw.run === 'onSave' ? 'onSave' : 'onType',
    secretParamNames: Array.isArray(raw.secretParamNames)
      ? raw.secretParamNames.filter((n): n is string => typeof n === 'string' && n.trim().length > 0).map((n) => n.trim())
      : [],
  };
}
