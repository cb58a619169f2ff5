/**
 * The layers of src/ (the pipeline's stages, bottom first; CONTRIBUTING.md draws them): a module may import at run time only from its own
 * layer or one below it; type-only imports may cross (the types a stage shares are its vocabulary, not a call).
 * `npm run lint:layers` checks it, in CI; no import circle either way.
 */
const LAYERS = [
  {
    name: 'foundation',
    why: 'ports, errors, formatting, statistics, and the vocabulary every stage shares (Config, Results)',
    path: ['^src/(system|format|stats)/', '^src/config/config[.]ts$', '^src/results/results[.]ts$'],
  },
  {
    name: 'tools',
    why: 'one outside thing each: Cargo, mold, the shims, the edits of the user files',
    path: ['^src/(cargo|install|shims|edits)/'],
  },
  { name: 'variants', why: 'the variants: names, setup, proof, the gated one', path: ['^src/variants/'] },
  { name: 'config', why: 'the inputs read into a Config', path: ['^src/config/'] },
  {
    name: 'records',
    why: 'the results document and its queries, the baseline, the analysis of a build',
    path: ['^src/(results|baseline|analysis)/'],
  },
  {
    name: 'judging',
    why: 'the rounds and the comparisons, verdicts and gate',
    path: ['^src/(rounds|gate)/'],
  },
  { name: 'measuring', why: 'plans, runs and executes the builds', path: ['^src/bench/'] },
  { name: 'reporting', why: 'the report and the exports', path: ['^src/(report|export)/'] },
  { name: 'publishing', why: 'the pull request comment and the GitHub API', path: ['^src/github/'] },
  {
    name: 'pipeline',
    why: 'the steps, and main.ts, their table of contents',
    path: ['^src/pipeline/', '^src/main[.]ts$'],
  },
  {
    name: 'roots',
    why: 'the composition roots',
    path: ['^src/(action|action-deps|cli|cli-args|index)[.]ts$'],
  },
];

const pathsOf = (layers) => layers.flatMap((layer) => layer.path);
const inLayer = (layer) => `(${layer.path.join('|')})`;

/** Layer i may not import at run time from layers above it. */
const upward = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `no-upward-from-${layer.name}`,
  comment: `${layer.name} (${layer.why}) imports at run time only from its own layer or below`,
  severity: 'error',
  from: {
    path: inLayer(layer),
    // The vocabulary files are in the foundation although their folders are higher.
    pathNot: index === 0 ? [] : pathsOf(LAYERS.slice(0, index)),
  },
  to: {
    path: pathsOf(LAYERS.slice(index + 1)),
    pathNot: pathsOf(LAYERS.slice(0, index + 1)),
    dependencyTypesNot: ['type-only'],
  },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-circular',
      comment: 'No import circle, at run time or through types.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'cargo-through-its-entry',
      comment: 'The rest of the code asks Cargo through src/cargo/cargo.ts only.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cargo/' },
      to: { path: '^src/cargo/', pathNot: '^src/cargo/cargo[.]ts$' },
    },
    {
      name: 'roots-are-not-imported',
      comment: 'The composition roots import the pipeline, never the other way round.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(action|cli|index)[.]ts$' },
      to: { path: '^src/(action|cli|index)[.]ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
