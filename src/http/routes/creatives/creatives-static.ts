/**
 * Serves the filesystem creative store under `/creatives/<key>/...` for players (the segment
 * route 302s there): files only, no directory listing, nothing staged (`.staging` and any
 * dot-file are refused), CORS `*` like the other player routes. Published creatives are
 * content-addressed and never change, so they may be cached for a long time.
 */
import express, { type RequestHandler, type Router } from 'express';

export function createCreativesStatic(storeDir: string): Router {
  const router = express.Router();
  const cors: RequestHandler = (req, res, next) => {
    res.set('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS') {
      res.set('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS').set('Access-Control-Max-Age', '86400').status(204).end();
      return;
    }
    next();
  };
  router.use(cors);
  // the store's own record (source URL, hashes) is not a player file
  router.use((req, _res, next) => (req.path.endsWith('/conditioned.json') ? next('router') : next()));
  router.use(express.static(storeDir, {
    dotfiles: 'deny',
    index: false,
    redirect: false,
    fallthrough: true,
    immutable: true,
    maxAge: '7d',
    setHeaders(res, path) {
      if (path.endsWith('.m3u8')) res.set('Content-Type', 'application/vnd.apple.mpegurl');
      else if (path.endsWith('.ts')) res.set('Content-Type', 'video/mp2t');
      else if (path.endsWith('.json')) res.set('Cache-Control', 'no-cache');
    },
  }));
  return router;
}
