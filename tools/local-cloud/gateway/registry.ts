/**
 * The bundled cloud functions on disk: `<functionsDir>/<name>/index.js` plus an optional
 * `config.json` (`timeout` in seconds, `triggers` with 7-field cron), as DevTools uploads them.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface TimerTrigger {
  name: string;
  type: 'timer';
  /** 7-field cron: second minute hour day month weekday year. */
  config: string;
}

export interface FunctionConfig {
  /** Seconds; undefined means the local default. */
  timeout?: number;
  triggers: TimerTrigger[];
}

export interface FunctionEntry {
  name: string;
  file: string;
  /** Modification time of index.js, so that a rebuilt function gets fresh instances. */
  mtimeMs: number;
  config: FunctionConfig;
}

/** Function names as the cloud accepts them; this also keeps names from escaping the folder. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$/;

export function isValidFunctionName(name: string): boolean {
  return NAME.test(name);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseFunctionConfig(raw: unknown): FunctionConfig {
  const config: FunctionConfig = { triggers: [] };
  if (!isRecord(raw)) return config;
  if (typeof raw.timeout === 'number' && raw.timeout > 0) config.timeout = raw.timeout;
  if (Array.isArray(raw.triggers)) {
    for (const t of raw.triggers) {
      if (isRecord(t) && t.type === 'timer' && typeof t.name === 'string' && typeof t.config === 'string') {
        config.triggers.push({ name: t.name, type: 'timer', config: t.config });
      }
    }
  }
  return config;
}

export class FunctionRegistry {
  constructor(readonly dir: string) {}

  /** Reads the function from disk each time: cheap, and a rebuild shows up without a restart. */
  get(name: string): FunctionEntry | undefined {
    if (!isValidFunctionName(name)) return undefined;
    const file = path.join(this.dir, name, 'index.js');
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return undefined;
    }
    let config: FunctionConfig = { triggers: [] };
    const configFile = path.join(this.dir, name, 'config.json');
    if (fs.existsSync(configFile)) {
      try {
        config = parseFunctionConfig(JSON.parse(fs.readFileSync(configFile, 'utf8')));
      } catch (err) {
        throw new Error(`云函数 ${name} 的 config.json 无法解析：${(err as Error).message}`);
      }
    }
    return { name, file, mtimeMs: stat.mtimeMs, config };
  }

  list(): FunctionEntry[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return [];
    }
    const entries: FunctionEntry[] = [];
    for (const name of names.sort()) {
      const entry = this.get(name);
      if (entry) entries.push(entry);
    }
    return entries;
  }
}
