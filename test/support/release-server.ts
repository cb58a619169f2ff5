/** A local HTTP server shaped like mold's GitHub releases, serving one real tarball built around /usr/bin/mold. */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, symlink } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface ReleaseServerOptions {
  /** Version in the served asset's name and top folder; the binary itself still reports its own version. */
  readonly version?: string;
  /** The real binary packed as `bin/mold`. */
  readonly moldBinary?: string;
  /** Answer every request with this HTTP status instead of the tarball. */
  readonly failWithStatus?: number | null;
}

export interface ReleaseServer {
  /** Pass as the release base URL: the tarball is at `<baseUrl>/v<version>/mold-<version>-x86_64-linux.tar.gz`. */
  readonly baseUrl: string;
  readonly version: string;
  /** SHA-256 of the served tarball. */
  readonly sha256: string;
  readonly tarballPath: string;
  /** Request paths in arrival order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** mold 1.10.1 is Debian's package here; serving that version keeps `mold --version` in agreement. */
export const DEFAULT_SERVED_VERSION = '1.10.1';

export async function startReleaseServer(options: ReleaseServerOptions = {}): Promise<ReleaseServer> {
  const version = options.version ?? DEFAULT_SERVED_VERSION;
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'mold-release-'));
  const topName = `mold-${version}-x86_64-linux`;
  const topDir = path.join(workDir, topName);
  await mkdir(path.join(topDir, 'bin'), { recursive: true });
  await mkdir(path.join(topDir, 'lib', 'mold'), { recursive: true });
  await copyFile(options.moldBinary ?? '/usr/bin/mold', path.join(topDir, 'bin', 'mold'));
  await symlink('mold', path.join(topDir, 'bin', 'ld.mold'));
  const assetName = `${topName}.tar.gz`;
  const tarballPath = path.join(workDir, assetName);
  await execFileAsync('tar', ['-czf', tarballPath, '-C', workDir, topName]);
  const sha256 = createHash('sha256')
    .update(await readFile(tarballPath))
    .digest('hex');
  const { size } = await stat(tarballPath);
  const assetPath = `/v${version}/${assetName}`;

  const requests: string[] = [];
  const server = createServer((request, response) => {
    const requestPath = request.url ?? '';
    requests.push(requestPath);
    const failWithStatus = options.failWithStatus ?? null;
    if (failWithStatus !== null) {
      response
        .writeHead(failWithStatus, { 'content-type': 'text/plain' })
        .end('failure requested by the test');
    } else if (request.method !== 'GET' || requestPath !== assetPath) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
    } else {
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
      createReadStream(tarballPath).pipe(response);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    version,
    sha256,
    tarballPath,
    requests,
    async close(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
