import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFsCreativeStore, TranscodeError, type ConditionedRecord } from '../../../transcode/index.js';
import { tempDir } from '../support/media.js';

const record = (key: string, identity: string): ConditionedRecord => ({
  key, identity, sourceUrl: 'https://cdn.example/a.mp4', sourceSha256: 'a'.repeat(64), sourceBytes: 10, profileSetKey: 'p',
  durationSec: 6, container: 'mpegts', segmentDurationSec: 2, multivariantPath: 'master.m3u8',
  renditions: [{ id: 'v0', kind: 'video', playlistPath: 'v0/index.m3u8', codecs: 'avc1.42c01e', bandwidth: 1, averageBandwidth: 1, segmentDurationsSec: [2] }],
  loudness: null,
});

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

describe('fs creative store', () => {
  it('publishes a staged directory atomically, with URLs under the base', async () => {
    const t = await tempDir('store');
    cleanup = t.cleanup;
    const store = createFsCreativeStore({ rootDir: t.dir, baseUrl: 'https://cdn.example/ads/' });
    expect(await store.status('k1')).toBe('absent');
    expect(await store.get('k1')).toBeUndefined();
    const staged = await store.stage('k1');
    writeFileSync(join(staged, 'master.m3u8'), '#EXTM3U\n');
    expect(await store.status('k1')).toBe('absent');
    const c = await store.commit('k1', staged, record('k1', 'first'));
    expect(c.multivariantUrl).toBe('https://cdn.example/ads/k1/master.m3u8');
    expect(c.renditions[0]!.playlistUrl).toBe('https://cdn.example/ads/k1/v0/index.m3u8');
    expect(await store.status('k1')).toBe('ready');
    expect(readFileSync(join(t.dir, 'k1', 'master.m3u8'), 'utf8')).toBe('#EXTM3U\n');
    expect(existsSync(staged)).toBe(false);
  });

  it('a second commit of the same key (a worker that lost the race) keeps the first and drops its copy', async () => {
    const t = await tempDir('store');
    cleanup = t.cleanup;
    const store = createFsCreativeStore({ rootDir: t.dir, baseUrl: '/creatives' });
    const a = await store.stage('k');
    const b = await store.stage('k');
    writeFileSync(join(b, 'x'), 'b');
    await store.commit('k', a, record('k', 'winner'));
    const again = await store.commit('k', b, record('k', 'loser'));
    expect(again.identity).toBe('winner');
    expect(existsSync(b)).toBe(false);
    expect((await store.get('k'))?.identity).toBe('winner');
  });

  it('refuses keys that could escape the root', async () => {
    const t = await tempDir('store');
    cleanup = t.cleanup;
    const store = createFsCreativeStore({ rootDir: t.dir, baseUrl: '/c' });
    await expect(store.get('../etc')).rejects.toBeInstanceOf(TranscodeError);
    await expect(store.stage('.staging')).rejects.toMatchObject({ code: 'TRANSCODE_STORE_FAILED' });
  });
});
