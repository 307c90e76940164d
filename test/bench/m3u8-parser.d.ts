// m3u8-parser ships no type declarations; the bench uses only this much of it.
declare module 'm3u8-parser' {
  export class Parser {
    manifest: { segments?: unknown[]; playlists?: unknown[] };
    push(chunk: string): void;
    end(): void;
  }
}
