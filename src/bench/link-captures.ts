/**
 * The links a prepare build kept for the link scenario (src/shims/shim.c captures them): which are complete, what
 * each linked, and which are final links (executables and cdylibs, what users run) to replay.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { classifyArtifact, type ArtifactKind } from '../variants/io/verify-linker.js';
import { directoryBytes } from './disk.js';

export interface CapturedLink {
  /** The capture's folder, what the replay shim is given. */
  readonly folder: string;
  /** What the link wrote in the build (the replay writes `<folder>/out/<its name>` instead). */
  readonly output: string;
  readonly kind: ArtifactKind;
}

/** The complete captures (a capture is complete once its `done` file is written), oldest first. */
export function readCapturedLinks(captureDir: string, cdylibNames: ReadonlySet<string>): CapturedLink[] {
  if (!existsSync(captureDir)) return [];
  return readdirSync(captureDir)
    .sort()
    .map((name) => path.join(captureDir, name))
    .filter((folder) => existsSync(path.join(folder, 'done')))
    .map((folder) => {
      const output = readFileSync(path.join(folder, 'output'), 'utf8');
      const cwd = readFileSync(path.join(folder, 'cwd'), 'utf8');
      const built = path.resolve(cwd, output);
      return { folder, output: built, kind: classifyArtifact(built, cdylibNames) };
    });
}

/** A final link: what users run (an executable or a cdylib), not a build script or a proc-macro. */
const isFinal = (link: CapturedLink): boolean => link.kind === 'executable' || link.kind === 'cdylib';

/** The captures the link scenario replays: the final links. */
export function finalLinks(captureDir: string, cdylibNames: ReadonlySet<string>): CapturedLink[] {
  return readCapturedLinks(captureDir, cdylibNames).filter(isFinal);
}

/** Empties the capture folder before a prepare build captures anew. */
export function clearCapturedLinks(captureDir: string): void {
  rmSync(captureDir, { recursive: true, force: true });
}

/** What the captures take on the disk (hard links to files the target directory still has count too). */
export function capturedBytes(captureDir: string): number {
  return directoryBytes(captureDir);
}

/** `The link scenario replays 1 final link of the 38 its capture build kept (212 MiB on the disk).` */
export function describeCapture(arm: {
  readonly setup: { readonly links: { readonly captureDir: string } | null };
  readonly verify: { readonly cdylibNames: ReadonlySet<string> };
}): string {
  const links = arm.setup.links;
  if (links === null) return 'The link scenario kept no links: the link shim is not in place.';
  const kept = readCapturedLinks(links.captureDir, arm.verify.cdylibNames);
  const final = kept.filter(isFinal).length;
  const mib = capturedBytes(links.captureDir) / 2 ** 20;
  return (
    `The link scenario replays ${final} final ${final === 1 ? 'link' : 'links'} of the ${kept.length} its capture ` +
    `build kept (${mib < 10 ? mib.toFixed(1) : Math.round(mib)} MiB on the disk, hard links included).`
  );
}
