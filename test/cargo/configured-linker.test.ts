/** The linker and build target a user configured, as cargo finds them: environment first, then config files. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  findConfiguredLinker,
  linkerEnvName,
  readBuildTargetFromConfigText,
  readLinkerFromConfigText,
} from '../../src/cargo/io/configured-linker.js';

const TRIPLE = 'x86_64-unknown-linux-gnu';

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'configured-linker-test-'));
});
afterEach(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('readBuildTargetFromConfigText', () => {
  it.each([
    { text: '[build]\ntarget = "aarch64-unknown-linux-gnu"\n', target: 'aarch64-unknown-linux-gnu' },
    { text: "[build]\ntarget = ['wasm32-wasip1', 'x86_64-unknown-linux-gnu']\n", target: 'wasm32-wasip1' },
    { text: 'build.target = "x86_64-unknown-linux-musl" # cross\n', target: 'x86_64-unknown-linux-musl' },
    { text: '[build]\njobs = 2\n[target.x]\ntarget = "nope"\n', target: null },
    { text: '# [build]\n# target = "a"\n', target: null },
  ])('$text → $target', ({ text, target }) => {
    expect(readBuildTargetFromConfigText(text)).toBe(target);
  });
});

describe('readLinkerFromConfigText', () => {
  it.each([
    { name: 'target table', text: `[target.${TRIPLE}]\nlinker = "clang"`, linker: 'clang' },
    {
      name: 'single quotes',
      text: `[target.${TRIPLE}]\nlinker = '/usr/bin/clang'`,
      linker: '/usr/bin/clang',
    },
    { name: 'quoted table header', text: `[target.'${TRIPLE}']\nlinker = "clang"`, linker: 'clang' },
    {
      name: 'double-quoted table header',
      text: `[ target."${TRIPLE}" ]\nlinker="cc-wrap"`,
      linker: 'cc-wrap',
    },
    { name: 'dotted key at top level', text: `target.${TRIPLE}.linker = "clang-18"`, linker: 'clang-18' },
    { name: 'quoted dotted key', text: `target."${TRIPLE}".linker = "gcc"`, linker: 'gcc' },
    { name: 'dotted key in [target]', text: `[target]\n${TRIPLE}.linker = "tools/ld"`, linker: 'tools/ld' },
    {
      name: 'another triple ignored',
      text: `[target.aarch64-unknown-linux-gnu]\nlinker = "aarch64-linux-gnu-gcc"\n\n[target.${TRIPLE}]\nlinker = "clang"`,
      linker: 'clang',
    },
    { name: 'only another triple', text: `[target.aarch64-unknown-linux-gnu]\nlinker = "x"`, linker: null },
    { name: 'another triple dotted', text: `target.aarch64-unknown-linux-gnu.linker = "x"`, linker: null },
    { name: 'commented out', text: `[target.${TRIPLE}]\n# linker = "clang"`, linker: null },
    { name: 'trailing comment', text: `[target.${TRIPLE}]\nlinker = "clang" # fast`, linker: 'clang' },
    { name: 'commented-out header', text: `# [target.${TRIPLE}]\n[build]\nlinker = "x"`, linker: null },
    { name: 'other table of the triple', text: `[target.${TRIPLE}.env]\nlinker = "x"`, linker: null },
    {
      name: 'linker under [build]',
      text: `[build]\nlinker = "x"\nrustflags = ["-Cdebuginfo=0"]`,
      linker: null,
    },
    {
      name: 'table left before linker',
      text: `[target.${TRIPLE}]\nrunner = "qemu"\n[env]\nlinker = "x"`,
      linker: null,
    },
    {
      name: 'rustflags only',
      text: `[target.${TRIPLE}]\nrustflags = ["-C", "link-arg=-fuse-ld=mold"]`,
      linker: null,
    },
    { name: 'CRLF line ends', text: `[target.${TRIPLE}]\r\nlinker = "clang"\r\n`, linker: 'clang' },
    { name: 'empty file', text: '', linker: null },
  ])('$name', ({ text, linker }) => {
    expect(readLinkerFromConfigText(text, TRIPLE)).toBe(linker);
  });
});

describe('findConfiguredLinker', () => {
  let project: string;
  let cargoHome: string;
  let env: NodeJS.ProcessEnv;

  function writeConfig(directory: string, linker: string, name = 'config.toml'): string {
    const file = path.join(directory, '.cargo', name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `[target.${TRIPLE}]\nlinker = "${linker}"\n`);
    return file;
  }

  beforeEach(() => {
    project = path.join(scratch, 'repo', 'crates', 'app');
    mkdirSync(project, { recursive: true });
    cargoHome = path.join(scratch, 'cargo-home');
    mkdirSync(cargoHome);
    env = { CARGO_HOME: cargoHome, HOME: path.join(scratch, 'home') };
  });

  it('names the environment variable cargo reads', () => {
    expect(linkerEnvName(TRIPLE)).toBe('CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER');
    expect(linkerEnvName('thumbv7em-none-eabihf')).toBe('CARGO_TARGET_THUMBV7EM_NONE_EABIHF_LINKER');
  });

  it('finds nothing when nothing is configured', () => {
    expect(findConfiguredLinker(project, TRIPLE, env)).toBeNull();
  });

  it('lets the environment variable win over config files', () => {
    writeConfig(project, 'clang');
    const found = findConfiguredLinker(project, TRIPLE, {
      ...env,
      CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER: 'gcc-12',
    });
    expect(found).toEqual({ linker: 'gcc-12', source: 'CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER' });
  });

  it('ignores an empty environment variable', () => {
    const file = writeConfig(project, 'clang');
    const found = findConfiguredLinker(project, TRIPLE, {
      ...env,
      CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER: '',
    });
    expect(found).toEqual({ linker: 'clang', source: file });
  });

  it("prefers the nearest .cargo/config.toml over a parent's", () => {
    writeConfig(path.join(scratch, 'repo'), 'gcc');
    const nearest = writeConfig(project, 'clang');
    expect(findConfiguredLinker(project, TRIPLE, env)).toEqual({ linker: 'clang', source: nearest });
  });

  it("uses a parent's config when the nearer one sets no linker", () => {
    mkdirSync(path.join(project, '.cargo'));
    writeFileSync(path.join(project, '.cargo', 'config.toml'), '[build]\njobs = 2\n');
    const parent = writeConfig(path.join(scratch, 'repo'), 'clang', 'config');
    expect(findConfiguredLinker(project, TRIPLE, env)).toEqual({ linker: 'clang', source: parent });
  });

  it('resolves a relative path with a slash against the directory holding .cargo', () => {
    const file = writeConfig(path.join(scratch, 'repo'), 'tools/ld-wrap');
    expect(findConfiguredLinker(project, TRIPLE, env)).toEqual({
      linker: path.join(scratch, 'repo', 'tools', 'ld-wrap'),
      source: file,
    });
  });

  it('keeps a bare name as it is', () => {
    const file = writeConfig(path.join(scratch, 'repo'), 'ld-wrap');
    expect(findConfiguredLinker(project, TRIPLE, env)).toEqual({ linker: 'ld-wrap', source: file });
  });

  it('keeps an absolute path as it is', () => {
    const file = writeConfig(project, '/opt/bin/cc');
    expect(findConfiguredLinker(project, TRIPLE, env)).toEqual({ linker: '/opt/bin/cc', source: file });
  });

  it('reads the CARGO_HOME config last', () => {
    const home = path.join(cargoHome, 'config.toml');
    writeFileSync(home, `[target.${TRIPLE}]\nlinker = "clang"\n`);
    expect(findConfiguredLinker(project, TRIPLE, env)).toEqual({ linker: 'clang', source: home });
    const local = writeConfig(project, 'gcc');
    expect(findConfiguredLinker(project, TRIPLE, env)).toEqual({ linker: 'gcc', source: local });
  });

  it('falls back to HOME/.cargo without CARGO_HOME', () => {
    const file = writeConfig(path.join(scratch, 'home'), 'clang');
    expect(findConfiguredLinker(project, TRIPLE, { HOME: path.join(scratch, 'home') })).toEqual({
      linker: 'clang',
      source: file,
    });
  });
});
