// Dependency direction from STYLE.md: manifests/ is the pure core and imports neither
// src/ nor transcode/; transcode/ never imports src/; no folder imports test code.
module.exports = {
  forbidden: [
    { name: 'manifests-is-pure-core', severity: 'error',
      from: { path: '^manifests/' }, to: { path: '^(src|transcode)/' } },
    { name: 'manifests-no-node-io', severity: 'error',
      from: { path: '^manifests/' }, to: { dependencyTypes: ['core'] } },
    { name: 'transcode-not-src', severity: 'error',
      from: { path: '^transcode/' }, to: { path: '^src/' } },
    { name: 'scte35-is-leaf', severity: 'error',
      from: { path: '^manifests/scte35/' }, to: { path: '^manifests/(?!scte35/|errors\\.ts$|result\\.ts$)' } },
    { name: 'model-is-leaf', severity: 'error',
      from: { path: '^manifests/model/' }, to: { path: '^manifests/(?!model/)' } },
    { name: 'cues-not-formats', severity: 'error',
      from: { path: '^manifests/cues/' }, to: { path: '^manifests/(hls|dash|splice)/' } },
    { name: 'splice-not-formats', severity: 'error',
      from: { path: '^manifests/splice/' }, to: { path: '^manifests/(hls|dash)/' } },
    { name: 'no-express-below-http', severity: 'error',
      from: { path: '^src/', pathNot: '^src/(http|app\\.ts|main\\.ts)' }, to: { path: 'node_modules/express' } },
    { name: 'no-test-imports', severity: 'error',
      from: { path: '^(src|manifests|transcode)/' }, to: { path: '^test/' } },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
