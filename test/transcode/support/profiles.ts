import { profilesFromLadder, readContentLadder, type ProfileSet } from '../../../transcode/index.js';
import { DEMO_LIKE_MULTIVARIANT, mediaPlaylist } from './media.js';

/** The demo ladder's profiles (ultrafast), optionally only the smallest rung for speed. */
export function demoProfiles(): ProfileSet {
  const ladder = readContentLadder({ multivariant: DEMO_LIKE_MULTIVARIANT, mediaPlaylists: { '360p.m3u8': mediaPlaylist(5, 2), '180p.m3u8': mediaPlaylist(5, 2) } });
  if (!ladder.ok) throw new Error(ladder.error.message);
  return profilesFromLadder(ladder.value, { preset: 'ultrafast' });
}

export function demoProfilesSmall(): ProfileSet {
  const p = demoProfiles();
  return { ...p, video: p.video.slice(-1) };
}
