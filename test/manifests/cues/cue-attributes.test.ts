import { describe, expect, it } from 'vitest';
import { readCueAttributes } from '../../../manifests/cues/cue-attributes.js';

describe('readCueAttributes', () => {
  it('reads quoted and bare values, names case-insensitively, spaces after commas', () => {
    const a = readCueAttributes('ID="a,b", START-DATE=2020-04-09T01:05:45Z, ElapsedTime=8.844,SCTE35=/DAl+/w==');
    expect(a.get('ID')).toBe('a,b');
    expect(a.get('start-date')).toBe('2020-04-09T01:05:45Z');
    expect(a.get('ELAPSEDTIME')).toBe('8.844');
    expect(a.get('SCTE35')).toBe('/DAl+/w==');
    expect(a.names).toEqual(['ID', 'START-DATE', 'ElapsedTime', 'SCTE35']);
    expect(a.problem).toBeUndefined();
  });

  it('accepts the typographic quotes of the SCTE 35 §12.2.2 example', () => {
    const a = readCueAttributes('TYPE=0x34,CUE=”...”,ID=”f6UrRd”');
    expect(a.get('CUE')).toBe('...');
    expect(a.get('ID')).toBe('f6UrRd');
  });

  it('keeps the first of repeated names and reports what it could not read', () => {
    const a = readCueAttributes('DURATION=1,DURATION=2,JUNK,ID="open');
    expect(a.get('DURATION')).toBe('1');
    expect(a.problem).toMatch(/JUNK/);
    expect(a.get('ID')).toBe('open');
    expect(readCueAttributes('X="a" b').problem).toMatch(/after the quoted value/);
  });
});
