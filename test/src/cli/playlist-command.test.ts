import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { fakeCliIo } from '../../support/fake-cli-io.js';
import { playlistCommand } from '../../../src/cli/commands/playlist-command.js';
import { fixturePath } from '../../support/vectors.js';

describe('interlude playlist', () => {
  it('prints the playlist as read, byte for byte', async () => {
    const file = fixturePath('hls', 'unknown-tags-passthrough', 'input.m3u8');
    const io = fakeCliIo();
    expect(await playlistCommand.run([file], io)).toBe(0);
    expect(io.out).toBe(await readFile(file, 'utf8'));
    expect(io.err).toBe('');
  });

  it('writes LF for CRLF input', async () => {
    const file = fixturePath('hls', 'crlf-input', 'input.m3u8');
    const io = fakeCliIo();
    expect(await playlistCommand.run([file], io)).toBe(0);
    expect(io.out).toBe((await readFile(file, 'utf8')).replace(/\r\n/g, '\n'));
  });

  it('prints the model as JSON with --json', async () => {
    const io = fakeCliIo();
    expect(await playlistCommand.run(['--json', fixturePath('hls', 'key-rotation-and-method-none', 'input.m3u8')], io)).toBe(0);
    const model = JSON.parse(io.out);
    expect(model).toMatchObject({ kind: 'media', mediaSequence: 100, duration: 36, segmentCount: 6 });
    expect(model.segments[2]).toMatchObject({ uri: 'c.ts', start: 12, duration: 6, keys: [{ method: 'AES-128', uri: 'https://keys.example.com/k2' }] });
    expect(model.segments[3].keys).toBeUndefined();
  });

  it('prints warnings to stderr but still succeeds', async () => {
    const io = fakeCliIo();
    expect(await playlistCommand.run([fixturePath('hls', 'malformed-values-warn', 'input.m3u8')], io)).toBe(0);
    expect(io.err).toMatch(/warning HLS_BAD_TAG_VALUE: line 3: #EXTINF/);
  });

  it('exits 1 naming the input when it is not a playlist', async () => {
    const file = fixturePath('hls', 'invalid-not-a-playlist', 'input.m3u8');
    const io = fakeCliIo();
    expect(await playlistCommand.run([file], io)).toBe(1);
    expect(io.err).toContain(file);
    expect(io.err).toContain('HLS_NOT_A_PLAYLIST');
    expect(io.out).toBe('');
  });

  it('exits 1 naming the input when it cannot be read', async () => {
    const io = fakeCliIo();
    expect(await playlistCommand.run(['/nonexistent/x.m3u8'], io)).toBe(1);
    expect(io.err).toContain('/nonexistent/x.m3u8');
  });

  it('exits 2 on usage errors', async () => {
    for (const args of [[], ['a.m3u8', 'b.m3u8'], ['--yaml', 'a.m3u8']]) {
      const io = fakeCliIo();
      expect(await playlistCommand.run(args, io)).toBe(2);
      expect(io.err).toContain('Usage:');
    }
  });
});
