/**
 * A local Actions cache service v2, as `@actions/cache` 6.3 talks to it: the Twirp JSON endpoints under
 * `/twirp/github.actions.results.api.v1.CacheService/` and the blob storage its signed URLs point at.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { listenLocally } from './local-server.js';
import { ACCOUNT, AZURE_HOST, azureError, createBlobStore, type Reply } from './cache-blob-store.js';

const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.CacheService/';
const TWIRP_METHODS = ['CreateCacheEntry', 'FinalizeCacheEntryUpload', 'GetCacheEntryDownloadURL'] as const;
const TWIRP_CODE_BY_STATUS: Record<number, string> = {
  429: 'resource_exhausted',
  500: 'internal',
  503: 'unavailable',
};
/** The receiver's policy denial, a 200 with ok=false: the `cache write denied:` prefix is the client's contract. */
const WRITE_DENIED = { ok: false, message: 'cache write denied: token has no writable scopes' };

/** Permission bits of a scope in the token's `ac` claim: 1 read, 2 write, 3 both. */
export interface CacheScope {
  readonly scope: string;
  readonly permission: 1 | 2 | 3;
}

export interface CacheEntry {
  readonly id: number;
  readonly key: string;
  readonly version: string;
  /** The ref the entry was written from: the token's first scope with write permission. */
  readonly scope: string;
  readonly size: number;
}

export interface RecordedRequest {
  readonly method: string;
  /** Absolute URL; proxied blob requests keep the Azure host they were sent to. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export type CacheRequestKind = (typeof TWIRP_METHODS)[number] | 'blob-upload' | 'blob-download';

/** The next `times` (default 1) requests of kind `on` (default any) get `status` and a Twirp or Azure error body. */
export interface FailureRule {
  readonly status: number;
  readonly times?: number;
  readonly on?: CacheRequestKind;
}

export interface CacheServiceOptions {
  /**
   * Where signed URLs point. `loopback` (default): this server by address; the client downloads with one plain
   * GET. `azure`: `http://<account>.blob.core.windows.net/…` as on GitHub, which makes the client download with
   * the Azure SDK (HEAD, then 4 MiB ranged GETs); blob requests then reach this server as an HTTP proxy (cacheEnv).
   */
  readonly blobHost?: 'loopback' | 'azure';
}

export interface CacheService {
  /** ACTIONS_RESULTS_URL, with the trailing slash the runner gives it. */
  readonly url: string;
  readonly blobHost: 'loopback' | 'azure';
  /** Every request in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Finalized (visible) entries in creation order. */
  entries(): readonly CacheEntry[];
  failNext(rule: FailureRule): void;
  /** The next `times` (default 1) requests of kind `on` (default any) get no answer at all: a service that hangs. */
  stallNext(rule: Omit<FailureRule, 'status'>): void;
  /** Stops listening: from then on the service is down (connection refused). Idempotent. */
  close(): Promise<void>;
}

interface StoredEntry extends CacheEntry {
  finalized: boolean;
  readonly blobName: string;
}

/** A runtime token shaped like the runner's: a JWT whose `ac` claim lists the cache scopes. Unsigned. */
/** A job on the default branch `main`: reads and writes its own scope. */
export const MAIN_SCOPES: readonly CacheScope[] = [{ scope: 'refs/heads/main', permission: 3 }];

/** A pull request's job into `main`: writes its own merge ref, reads `main`. */
export const PULL_REQUEST_SCOPES: readonly CacheScope[] = [
  { scope: 'refs/pull/7/merge', permission: 3 },
  { scope: 'refs/heads/main', permission: 1 },
];

export function makeRuntimeToken(scopes: readonly CacheScope[]): string {
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const ac = JSON.stringify(
    scopes.map(({ scope, permission }) => ({ Scope: scope, Permission: permission })),
  );
  const nowSeconds = Math.floor(Date.now() / 1000);
  const claims = {
    ac,
    iss: 'vstoken.actions.githubusercontent.com',
    nbf: nowSeconds,
    exp: nowSeconds + 3600,
  };
  return [encode({ typ: 'JWT', alg: 'RS256' }), encode(claims), encode({ unsigned: true })].join('.');
}

/** What a runner sets for cache v2, plus what keeps the client on v2 and permissive whatever the outer env says. */
export function cacheEnv(service: CacheService, token: string): Record<string, string> {
  return {
    ACTIONS_RESULTS_URL: service.url,
    ACTIONS_RUNTIME_TOKEN: token,
    ACTIONS_CACHE_SERVICE_V2: 'true',
    // Any other host (e.g. a local GitHub API server) makes the client treat the run as GHES and fall back to v1.
    GITHUB_SERVER_URL: 'https://github.com',
    // Empty is permissive; the runner sets `read` for untrusted triggers, which would skip every save.
    ACTIONS_CACHE_MODE: '',
    // The Azure SDK sends blob requests through HTTPS_PROXY/HTTP_PROXY; @actions/http-client never proxies loopback.
    ...(service.blobHost === 'azure'
      ? { HTTP_PROXY: service.url, HTTPS_PROXY: service.url, NO_PROXY: '' }
      : {}),
  };
}

export async function startCacheService(options: CacheServiceOptions = {}): Promise<CacheService> {
  const blobHost = options.blobHost ?? 'loopback';
  const stored: StoredEntry[] = [];
  const blobs = createBlobStore();
  const requests: RecordedRequest[] = [];
  const failures: { status: number; remaining: number; on: CacheRequestKind | undefined }[] = [];
  const stalls: { remaining: number; on: CacheRequestKind | undefined }[] = [];
  let origin = '';
  const blobBase = (): string => (blobHost === 'azure' ? `http://${AZURE_HOST}` : `${origin}/${ACCOUNT}`);

  function callTwirp(method: string, scopes: readonly CacheScope[], body: Record<string, unknown>): Reply {
    const key = typeof body.key === 'string' ? body.key : '';
    const version = typeof body.version === 'string' ? body.version : '';
    if (!key || !version) return twirpError(400, 'invalid_argument', 'key and version are required');
    const writeScope = scopes.find((s) => (s.permission & 2) !== 0)?.scope;
    const readScopes = scopes.filter((s) => (s.permission & 1) !== 0).map((s) => s.scope);
    const written = (scope: string): StoredEntry | undefined =>
      stored.find((e) => e.scope === scope && e.key === key && e.version === version);

    if (method === 'CreateCacheEntry') {
      if (!writeScope) return json(200, WRITE_DENIED);
      if (written(writeScope)) {
        return twirpError(
          409,
          'already_exists',
          'cache entry with the same key, version, and scope already exists',
        );
      }
      const id = stored.length + 1;
      const entry = {
        id,
        key,
        version,
        scope: writeScope,
        size: 0,
        finalized: false,
        blobName: randomUUID(),
      };
      stored.push(entry);
      return json(200, { ok: true, signed_upload_url: blobs.signedUrl(blobBase(), entry.blobName, 'cw') });
    }
    if (method === 'FinalizeCacheEntryUpload') {
      if (!writeScope) return json(200, WRITE_DENIED);
      const entry = written(writeScope);
      if (!entry || entry.finalized) return twirpError(404, 'not_found', 'cache entry not found');
      const size = blobs.sizeOf(entry.blobName);
      if (size === undefined) return twirpError(404, 'not_found', 'cache entry blob not found');
      if (String(size) !== String(body.size_bytes)) {
        const message = `size_bytes ${JSON.stringify(body.size_bytes)} but ${size} bytes were uploaded`;
        return twirpError(400, 'invalid_argument', message);
      }
      Object.assign(entry, { finalized: true, size });
      return json(200, { ok: true, entry_id: String(entry.id) });
    }
    if (readScopes.length === 0) {
      return twirpError(403, 'permission_denied', 'cache read denied: token has no readable scopes');
    }
    const restoreKeys = Array.isArray(body.restore_keys) ? body.restore_keys.map(String) : [];
    const entry = findEntry(stored, readScopes, version, key, restoreKeys);
    if (!entry) return json(200, { ok: false });
    const signedDownloadUrl = blobs.signedUrl(blobBase(), entry.blobName, 'r');
    return json(200, { ok: true, signed_download_url: signedDownloadUrl, matched_key: entry.key });
  }

  async function handle(request: IncomingMessage): Promise<Reply> {
    const method = request.method ?? 'GET';
    // Proxied requests carry an absolute URL, direct ones a path.
    const url = new URL(request.url ?? '/', origin);
    const body = await readBody(request);
    requests.push({ method, url: url.href, headers: request.headers, body });
    const isTwirp = url.origin === origin && url.pathname.startsWith(TWIRP_PREFIX);
    const twirpMethod = url.pathname.slice(TWIRP_PREFIX.length);
    const kind = isTwirp ? twirpMethod : method === 'PUT' ? 'blob-upload' : 'blob-download';
    const stall = stalls.find((rule) => rule.remaining > 0 && (rule.on ?? kind) === kind);
    if (stall) {
      stall.remaining -= 1;
      return new Promise<Reply>(() => undefined); // never answered; close() drops the connection
    }
    const failure = failures.find((rule) => rule.remaining > 0 && (rule.on ?? kind) === kind);
    if (failure) {
      failure.remaining -= 1;
      const message = 'failure requested by the test';
      if (!isTwirp) return azureError(failure.status, 'InternalError', message);
      return twirpError(failure.status, TWIRP_CODE_BY_STATUS[failure.status] ?? 'unknown', message);
    }
    if (!isTwirp) {
      const blobOrigin = blobHost === 'azure' ? `http://${AZURE_HOST}` : origin;
      if (url.origin !== blobOrigin) return azureError(502, 'BadGateway', `no forwarding to ${url.origin}`);
      return blobs.handle(method, url, request.headers, body);
    }
    if (method !== 'POST' || !(TWIRP_METHODS as readonly string[]).includes(twirpMethod)) {
      return twirpError(404, 'bad_route', `no handler for ${method} ${url.pathname}`);
    }
    const scopes = scopesOfToken(request.headers.authorization);
    if (!scopes) return twirpError(401, 'unauthenticated', 'missing or malformed bearer token');
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return twirpError(400, 'malformed', 'the request body is not JSON');
    }
    if (typeof parsed !== 'object' || parsed === null)
      return twirpError(400, 'malformed', 'not a JSON object');
    return callTwirp(twirpMethod, scopes, parsed as Record<string, unknown>);
  }

  const local = await listenLocally((request, response) => {
    handle(request).then(
      ({ status, headers, body }) => {
        const length = body === undefined ? {} : { 'content-length': Buffer.byteLength(body) };
        response.writeHead(status, { ...length, ...headers }).end(body);
      },
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  origin = local.origin;

  return {
    url: `${origin}/`,
    blobHost,
    requests,
    entries: () =>
      stored
        .filter((e) => e.finalized)
        .map(({ id, key, version, scope, size }) => ({ id, key, version, scope, size })),
    failNext: (rule) => {
      failures.push({ status: rule.status, remaining: rule.times ?? 1, on: rule.on });
    },
    stallNext: (rule) => {
      stalls.push({ remaining: rule.times ?? 1, on: rule.on });
    },
    close: () => local.close(),
  };
}

/** Per readable scope in the token's order: the exact key, the key as a prefix, then each restore key (exact, prefix). */
function findEntry(
  stored: readonly StoredEntry[],
  readScopes: readonly string[],
  version: string,
  key: string,
  restoreKeys: readonly string[],
): StoredEntry | undefined {
  for (const scope of readScopes) {
    const visible = stored.filter((e) => e.finalized && e.scope === scope && e.version === version);
    const exact = (wanted: string): StoredEntry | undefined => visible.find((e) => e.key === wanted);
    const newestWithPrefix = (prefix: string): StoredEntry | undefined =>
      visible.filter((e) => e.key.startsWith(prefix)).sort((a, b) => b.id - a.id)[0];
    const found =
      exact(key) ??
      newestWithPrefix(key) ??
      restoreKeys.map((restoreKey) => exact(restoreKey) ?? newestWithPrefix(restoreKey)).find(Boolean);
    if (found) return found;
  }
  return undefined;
}

/** The scopes in the bearer token's `ac` claim, or null when there is no such token. */
function scopesOfToken(authorization: string | undefined): CacheScope[] | null {
  const payload = /^Bearer [\w-]+\.([\w-]+)\.[\w-]*$/.exec(authorization ?? '')?.[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { ac?: unknown };
    const ac = JSON.parse(String(claims.ac)) as { Scope: string; Permission: CacheScope['permission'] }[];
    return ac.map(({ Scope, Permission }) => ({ scope: Scope, permission: Permission }));
  } catch {
    return null;
  }
}

function json(status: number, value: object): Reply {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

function twirpError(status: number, code: string, msg: string): Reply {
  return json(status, { code, msg });
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
