/**
 * Preset dictionaries of packed-json.ts's deflate formats. V1 (format 1): the JSON keys
 * and fragments that every stored session value repeats (compact session, rendition map, live splice state,
 * tracking plan, decision record), so even a 60-byte value compresses well.
 *
 * FROZEN, both of them: values written with one stay in Redis for a session's life and
 * other instances read them. A better dictionary is a new format byte with its own
 * constant; the old ones stay for decoding.
 *
 * Deflate reaches back at most 32 KiB and codes near matches in fewer bits, so the most
 * frequent and longest fragments (live state, decision) come last.
 */
const FRAGMENTS: readonly string[] = [
  // user agents (compact session `u`)
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) ', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) ',
  'Mozilla/5.0 (iPhone; CPU iPhone OS ', ' like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/', ' Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android ', 'Mozilla/5.0 (SMART-TV; Linux; Tizen ', 'Mozilla/5.0 (Web0S; Linux/SmartTV) ', 'Roku/DVP-', 'AppleTV', 'AppleCoreMedia/1.0.0.',
  ' AppleWebKit/537.36 (KHTML, like Gecko) Chrome/', '.0.0.0 Safari/537.36', ' Edg/', ' Firefox/', 'ExoPlayerLib/', 'stagefright/',
  // compact session
  '{"c":"', '","o":"', '/master.m3u8","f":"h","p":{', '","f":"d","p":{', '},"i":"', '","u":"', '","r":"https://', '","m":"c","t":1', '","m":"s","t":1',
  // rendition map
  '{"base":"https://', '/index.m3u8', '.m3u8","e":[{"u":"', '","g":"va","a":1', '","g":"i","b":', '","g":"m:AUDIO:', '","g":"m:SUBTITLES:', '","l":"en"},{"u":"',
  ',"w":640,"h":360},{"u":"', ',"w":854,"h":480},{"u":"', ',"w":1920,"h":1080},{"u":"', '","g":"v","b":', ',"w":1280,"h":720},{"u":"',
  // decision record (pod)
  ',"dropped":[{"adId":"', '","errorUrls":["https://', '"],"code":', '"],"clickTracking":["https://', '"],"creativeView":["https://',
  '"],"mute":["https://', '"],"unmute":["https://', '"],"pause":["https://', '"],"resume":["https://', '"],"skip":["https://', '"],"progress":["https://',
  '{"a":1', ',"p":{"breakId":"', '","source":"openrtb","ads":[]', '","source":"none","ads":[]', '","source":"demo","ads":[{"adId":"', '","source":"vast","ads":[{"adId":"',
  '","creativeId":"', '","universalAdId":"', '","durationUs":15000000,"hlsUrl":"https://', '","durationUs":30000000,"hlsUrl":"https://',
  '/master.m3u8","tracking":{"impression":["https://', '"],"error":["https://', '"],"start":["https://', '"],"firstQuartile":["https://',
  '"],"midpoint":["https://', '"],"thirdQuartile":["https://', '"],"complete":["https://', '"]},"id":"', '","sequence":2},{"adId":"',
  '","sequence":1}],"filledUs":30000000,"notes":[]}}', '"],"filledUs":0,"notes":["',
  // tracking plan
  '{"mode":"vod","breaks":[{"breakId":"', '{"mode":"live","breaks":[{"breakId":"', '","startUs":', ',"durationUs":', ',"replacedUs":',
  ',"ads":[{"podAdId":"', '","adId":"', '","creativeId":"', '","sequence":2,"startUs":', '","sequence":1,"startUs":', ',"programDateTime":"20',
  '.000Z","segments":[{"mediaSequence":', ',"offsetUs":0,"durationUs":6000000},{"mediaSequence":', ',"offsetUs":6000000,"durationUs":6000000},{"mediaSequence":',
  '}]}],"slateUs":0,"notes":[]}]}',
  // live splice state
  '{"version":1,"slots":[{"k":"c:', '","m":', ',"d":0},{"k":"c:', ',"d":1},{"k":"s:', ',"d":1},{"k":"f:', ':0","m":', ':1","m":',
  '"firstMsn":', ',"lastMsn":', ',"inBreak":[]', ',"inBreak":[{"msn":', ',"breakId":"', '","offsetUs":0},{"msn":', '","offsetUs":6000000},{"msn":',
  '],"breaks":[]', '],"breaks":[{"id":"', '","durationUs":30000000,"asContent":false,"ended":false}', '","durationUs":30000000,"asContent":false,"ended":true}]',
  ',"contentOffset":{"msn":0,"disc":0},"targetDuration":6}', ',"contentOffset":{"msn":', ',"disc":', '},"targetDuration":',
];

export const STATE_DICTIONARY_V1: Buffer = Buffer.from(FRAGMENTS.join(''), 'utf8');

/**
 * V2 (formats 2 and 3): V1 followed by what V1 lacked, nearest (cheapest to reach) last:
 * `http://` ad URLs, the decision record as encodeDecision writes it now (no breakId,
 * filledUs, or slot-derived ad id and sequence), and the live splice state after
 * json-delta.ts (consecutive slots and in-break segments differ by one MSN and by one
 * segment duration). Values of every shape stay under 64 B per Redis hash field this way
 * more often, and the chunks of the rest are fewer (stored-chunks.ts).
 */
const FRAGMENTS_V2: readonly string[] = [
  // session
  '"p":{},"i":"', '","m":"s","t":', '","m":"c","t":',
  // decision record (pod), as encodeDecision writes it
  '","durationUs":15000000,"hlsUrl":"http://', '","durationUs":30000000,"hlsUrl":"http://', '","durationUs":10000000,"hlsUrl":"https://',
  '/master.m3u8","tracking":{"impression":["http://', '"],"error":["http://', '"],"start":["http://', '"],"firstQuartile":["http://',
  '"],"midpoint":["http://', '"],"thirdQuartile":["http://', '"],"complete":["http://', '"],"clickTracking":["http://',
  ',"p":{"source":"openrtb","ads":[{"adId":"', ',"p":{"source":"demo","ads":[{"adId":"', ',"p":{"source":"vast","ads":[{"adId":"',
  '"]}},{"adId":"', '"]}}],"notes":[]}}', '"]}}],"notes":[],"dropped":[{"adId":"',
  // live splice state, delta-coded
  '","offsetUs":2000000},{"msn":1,"breakId":"', '","offsetUs":4000000},{"msn":1,"breakId":"', '","offsetUs":10000000},{"msn":1,"breakId":"',
  '","durationUs":60000000,"asContent":false,"ended":false}', '","durationUs":30000000,"asContent":false,"ended":false}',
  '","durationUs":30000000,"asContent":false,"ended":true}],"contentOffset":{"msn":', '","durationUs":60000000,"asContent":false,"ended":true}]',
  ',"inBreak":[],"breaks":[]', '],"breaks":[{"id":"seq-', ',"inBreak":[{"msn":', '"firstMsn":', ',"lastMsn":',
  '{"version":1,"slots":[{"k":"c:', ',"m":1,"d":0},{"k":"c:', ',"m":1,"d":1},{"k":"f:seq-', ',"m":1,"d":0},{"k":"f:seq-',
  '","offsetUs":6000000},{"msn":1,"breakId":"seq-', '","offsetUs":0},{"msn":1,"breakId":"seq-', '","breakId":"seq-',
  ',"contentOffset":{"msn":0,"disc":0},"targetDuration":6}', ',"m":1,"d":0}],"firstMsn":', ':1","m":1,"d":0},{"k":"f:seq-',
];

export const STATE_DICTIONARY_V2: Buffer = Buffer.concat([STATE_DICTIONARY_V1, Buffer.from(FRAGMENTS_V2.join(''), 'utf8')]);
