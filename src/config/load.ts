import { readFile as fsReadFile } from 'node:fs/promises';
import { interludeError, issuesContext, issuesFromZod, type InterludeError, type Issue } from '../errors/index.js';
import { DEFAULT_CONFIG } from './defaults.js';
import { configSchema, type InterludeConfig } from './schema.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** Environment variables the service reads, and the option each one sets. */
export const ENV_OPTIONS = [
  { env: 'INTERLUDE_HOST', path: ['server', 'host'], type: 'string' },
  { env: 'INTERLUDE_PORT', path: ['server', 'port'], type: 'integer' },
  { env: 'INTERLUDE_PUBLIC_BASE_URL', path: ['server', 'publicBaseUrl'], type: 'string' },
  { env: 'INTERLUDE_API_KEY', path: ['controlPlane', 'apiKey'], type: 'string' },
  { env: 'REDIS_URL', path: ['redis', 'url'], type: 'string' },
  { env: 'LOG_LEVEL', path: ['logging', 'level'], type: 'string' },
  { env: 'INTERLUDE_CREATIVES_DIR', path: ['conditioning', 'storeDir'], type: 'string' },
  { env: 'INTERLUDE_CREATIVES_BASE_URL', path: ['conditioning', 'publicBaseUrl'], type: 'string' },
] as const;

/** Names the JSON config file; everything in it is optional and overrides the defaults. */
export const CONFIG_FILE_ENV = 'INTERLUDE_CONFIG';

export interface ConfigSources {
  readonly env?: Env;
  /** Reads the INTERLUDE_CONFIG file; injectable for tests. */
  readonly readFile?: (path: string) => Promise<string>;
}

type Plain = Record<string, unknown>;

function isPlain(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Objects merge key by key; anything else (arrays included) replaces. */
function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlain(base) || !isPlain(over)) return over === undefined ? base : over;
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

function setPath(target: Plain, path: readonly string[], value: unknown): Plain {
  const [head, ...rest] = path;
  if (head === undefined) return target;
  const child = isPlain(target[head]) ? target[head] : {};
  return { ...target, [head]: rest.length === 0 ? value : setPath(child, rest, value) };
}

/** The env overrides as a partial config; a value that does not parse is kept raw so the schema names it. */
function envOverrides(env: Env): Plain {
  let out: Plain = {};
  for (const opt of ENV_OPTIONS) {
    const raw = env[opt.env]?.trim();
    if (raw === undefined || raw === '') continue;
    const value = opt.type === 'integer' && /^\d+$/.test(raw) ? Number(raw) : raw;
    out = setPath(out, opt.path, value);
  }
  return out;
}

function envNameFor(path: string, env: Env): string | undefined {
  const opt = ENV_OPTIONS.find((o) => o.path.join('.') === path);
  return opt !== undefined && env[opt.env]?.trim() ? opt.env : undefined;
}

/** Checked on the raw input so a duplicate is reported even when a channel has other problems. */
function duplicateChannelIds(merged: unknown): Issue[] {
  const channels = isPlain(merged) ? merged.channels : undefined;
  if (!Array.isArray(channels)) return [];
  const seen = new Set<string>();
  const issues: Issue[] = [];
  channels.forEach((c: unknown, i) => {
    const id = isPlain(c) ? c.id : undefined;
    if (typeof id !== 'string') return;
    if (seen.has(id)) issues.push({ path: `channels[${i}].id`, message: `duplicate channel id "${id}"` });
    seen.add(id);
  });
  return issues;
}

function configError(issues: readonly Issue[]): InterludeError {
  const list = issues.map((i) => `  - ${i.path}: ${i.message}`).join('\n');
  const n = issues.length;
  return interludeError('CONFIG_INVALID', `Invalid configuration (${n} problem${n === 1 ? '' : 's'}):\n${list}`, { issues: issuesContext(issues) });
}

/**
 * Validates defaults ⊕ file ⊕ env (later wins) and returns the typed config, or throws one
 * CONFIG_INVALID error whose `context.issues` (and message) list every problem, each naming
 * its option path and, for env values, the variable it came from.
 */
export function resolveConfig(file: unknown, env: Env = {}, earlierIssues: readonly Issue[] = []): InterludeConfig {
  const issues: Issue[] = [...earlierIssues];
  let fileLayer: unknown = {};
  if (file !== undefined) {
    if (isPlain(file)) fileLayer = file;
    else issues.push({ path: '(file)', message: 'the config file must hold a JSON object' });
  }
  const merged = deepMerge(deepMerge(DEFAULT_CONFIG, fileLayer), envOverrides(env));
  issues.push(...duplicateChannelIds(merged));
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    for (const issue of issuesFromZod(parsed.error)) {
      const from = envNameFor(issue.path, env);
      issues.push(from === undefined ? issue : { path: issue.path, message: `${issue.message} (from ${from})` });
    }
  }
  if (issues.length > 0 || !parsed.success) throw configError(issues);
  return parsed.data;
}

/** Reads the environment and the INTERLUDE_CONFIG file (if named) and resolves the config. */
export async function loadConfig(sources: ConfigSources = {}): Promise<InterludeConfig> {
  const env = sources.env ?? process.env;
  const read = sources.readFile ?? ((p: string) => fsReadFile(p, 'utf8'));
  const path = env[CONFIG_FILE_ENV]?.trim();
  const issues: Issue[] = [];
  let file: unknown;
  if (path) {
    let text: string | undefined;
    try {
      text = await read(path);
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code ?? 'cannot read';
      issues.push({ path: CONFIG_FILE_ENV, message: `cannot read ${path}: ${reason}` });
    }
    if (text !== undefined) {
      try {
        file = JSON.parse(text);
      } catch (e) {
        issues.push({ path: CONFIG_FILE_ENV, message: `${path} is not valid JSON: ${(e as Error).message}` });
      }
    }
  }
  return resolveConfig(file, env, issues);
}
