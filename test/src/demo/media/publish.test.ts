// The lock-free publication step, with tiny fake media (no ffmpeg): concurrent generators and
// stale caches must end with exactly one valid directory.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_MEDIA_VERSION } from '../../../../src/demo/media/demo-assets.js';
import { loadValidCatalog, publishMediaDir } from '../../../../src/demo/media/generate.js';
import { MEDIA_MANIFEST_FILE, type DemoMediaCatalog } from '../../../../src/demo/media/media-catalog.js';
import { syntheticCatalog } from '../origin/catalog-fixture.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'interlude-demo-publish-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function fakeMediaDir(name: string, version = DEMO_MEDIA_VERSION, marker = name): Promise<string> {
  const dir = join(root, name);
  const catalog: DemoMediaCatalog = { ...syntheticCatalog(), generatorVersion: version, generationMs: marker.length };
  for (const a of catalog.hls) {
    for (const r of a.renditions) {
      for (const s of r.segments) {
        const file = join(dir, a.id, s.file);
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, 'x');
      }
    }
  }
  for (const m of catalog.mp4) await writeFile(join(dir, m.file), 'x');
  await writeFile(join(dir, MEDIA_MANIFEST_FILE), JSON.stringify(catalog));
  return dir;
}

describe('publishing generated media', () => {
  it('moves a finished directory into place', async () => {
    const tmp = await fakeMediaDir('media.tmp-1');
    const target = join(root, 'media');
    const catalog = await publishMediaDir(tmp, target);
    expect(catalog.generatorVersion).toBe(DEMO_MEDIA_VERSION);
    expect(await loadValidCatalog(target)).toEqual(catalog);
    expect((await readdir(root)).sort()).toEqual(['media']);
  });

  it('lets two concurrent generators both succeed with one winner and no lock', async () => {
    const a = await fakeMediaDir('media.tmp-a', DEMO_MEDIA_VERSION, 'aa');
    const b = await fakeMediaDir('media.tmp-b', DEMO_MEDIA_VERSION, 'bbbb');
    const target = join(root, 'media');
    const [ca, cb] = await Promise.all([publishMediaDir(a, target), publishMediaDir(b, target)]);
    // Both callers get the catalog that is actually in place.
    expect(ca).toEqual(cb);
    expect(await loadValidCatalog(target)).toEqual(ca);
    expect([2, 4]).toContain(ca.generationMs);
  });

  it('replaces a stale cache from an older generator version', async () => {
    const target = await fakeMediaDir('media', 'demo-media-0');
    expect(await loadValidCatalog(target)).toBeUndefined();
    const tmp = await fakeMediaDir('media.tmp-new');
    const catalog = await publishMediaDir(tmp, target);
    expect(catalog.generatorVersion).toBe(DEMO_MEDIA_VERSION);
    expect((await readdir(root)).sort()).toEqual(['media']);
  });
});
