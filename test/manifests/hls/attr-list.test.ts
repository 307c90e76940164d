import { describe, expect, it } from 'vitest';
import {
  attrFloat, attrInt, attrResolution, attrString, attrYesNo, parseAttributeList, replaceAttributeValue, serializeAttributeList,
} from '../../../manifests/hls/attr-list.js';

describe('parseAttributeList (RFC 8216 §4.2)', () => {
  it('reads quoted strings containing commas, hex, enumerated, decimal and resolution values', () => {
    const list = parseAttributeList('BANDWIDTH=1280000,CODECS="avc1.4d401f,mp4a.40.2",RESOLUTION=1280x720,IV=0x1A2b,FRAME-RATE=29.970,DEFAULT=YES,TIME-OFFSET=-4.5');
    expect(list.problem).toBeUndefined();
    expect(list.entries.map((e) => e.name)).toEqual(['BANDWIDTH', 'CODECS', 'RESOLUTION', 'IV', 'FRAME-RATE', 'DEFAULT', 'TIME-OFFSET']);
    expect(attrInt(list, 'BANDWIDTH')).toBe(1280000);
    expect(attrString(list, 'CODECS')).toBe('avc1.4d401f,mp4a.40.2');
    expect(attrResolution(list, 'RESOLUTION')).toEqual({ width: 1280, height: 720 });
    expect(attrString(list, 'IV')).toBe('0x1A2b');
    expect(attrFloat(list, 'FRAME-RATE')).toBeCloseTo(29.97);
    expect(attrFloat(list, 'TIME-OFFSET')).toBe(-4.5);
    expect(attrYesNo(list, 'DEFAULT')).toBe(true);
    expect(list.entries.find((e) => e.name === 'CODECS')?.quoted).toBe(true);
  });

  it('tolerates spaces around separators and reports what it could not read', () => {
    const spaced = parseAttributeList('PROGRAM-ID=1, BANDWIDTH=40000');
    expect(spaced.problem).toBeUndefined();
    expect(attrInt(spaced, 'BANDWIDTH')).toBe(40000);

    const broken = parseAttributeList('TYPE=AUDIO,INSTREAM-ID,NAME="x');
    expect(broken.problem).toMatch(/INSTREAM-ID/);
    expect(attrString(broken, 'TYPE')).toBe('AUDIO');
    expect(attrString(broken, 'NAME')).toBe('x');
  });

  it('returns undefined for values of the wrong type instead of guessing', () => {
    const list = parseAttributeList('BANDWIDTH=12a,RESOLUTION=wide,DEFAULT=maybe');
    expect(attrInt(list, 'BANDWIDTH')).toBeUndefined();
    expect(attrResolution(list, 'RESOLUTION')).toBeUndefined();
    expect(attrYesNo(list, 'DEFAULT')).toBeUndefined();
    expect(attrInt(list, 'MISSING')).toBeUndefined();
  });

  it('rewrites one value and keeps every other byte, including odd spacing', () => {
    const text = 'METHOD=AES-128, URI="https://a/k?x=1,2" ,IV=0x00';
    const list = parseAttributeList(text);
    const uri = list.entries.find((e) => e.name === 'URI');
    expect(uri?.value).toBe('https://a/k?x=1,2');
    expect(replaceAttributeValue(text, uri!, '/proxy/k')).toBe('METHOD=AES-128, URI="/proxy/k" ,IV=0x00');
  });

  it('writes attributes in the given order with their quoting', () => {
    expect(serializeAttributeList([
      { name: 'TYPE', value: 'AUDIO', quoted: false },
      { name: 'GROUP-ID', value: 'aud', quoted: true },
      { name: 'CHANNELS', value: '2', quoted: true },
    ])).toBe('TYPE=AUDIO,GROUP-ID="aud",CHANNELS="2"');
  });
});
