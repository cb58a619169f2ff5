/** What installing mold needs and gives: the adapters, the result, the error. */
import type { Logger, ProcessRunner } from '../system/ports.js';

/** The part of `@actions/tool-cache` used here; pass the real module (`import * as tc`). */
export interface ToolCacheLike {
  find(toolName: string, versionSpec: string, arch?: string): string;
  downloadTool(url: string, dest?: string): Promise<string>;
  extractTar(file: string, dest?: string, flags?: string | string[]): Promise<string>;
  cacheDir(sourceDir: string, tool: string, version: string, arch?: string): Promise<string>;
}

export interface MoldInstallDeps {
  readonly runner: ProcessRunner;
  readonly logger: Logger;
  readonly toolCache: ToolCacheLike;
  readonly platform: NodeJS.Platform;
  /** Node's `process.arch`; also the tool cache's arch key. */
  readonly arch: string;
  /** Environment whose PATH is searched for mold, apt-get, dnf and sudo. */
  readonly env: NodeJS.ProcessEnv;
  addPath(dir: string): void;
  /** Monotonic milliseconds. */
  clock(): number;
}

export interface MoldInstallation {
  /** The version the installed binary reports (`mold --version`). */
  readonly version: string;
  readonly binDir: string;
  readonly binary: string;
  readonly source: 'path' | 'tool-cache' | 'download' | 'package-manager';
  readonly durationMs: number;
}

/** mold could not be provided, or a download failed verification. */
export class MoldInstallError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MoldInstallError';
  }
}

export type Found = Omit<MoldInstallation, 'durationMs'>;
