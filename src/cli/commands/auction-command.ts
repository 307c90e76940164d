import type { Break } from '../../../manifests/index.js';
import { createDeadline, systemClock } from '../../decisioning/deadline.js';
import type { AuctionResult } from '../../decisioning/sources/openrtb/auction-result.js';
import { RecordingNotifier } from '../../decisioning/sources/openrtb/notifier.js';
import { createOpenRtbSource } from '../../decisioning/sources/openrtb/openrtb-source.js';
import { createUndiciBidTransport } from '../../decisioning/sources/openrtb/transport.js';
import { createUndiciFetcher } from '../../net/fetcher.js';
import type { Session } from '../../sessions/session.js';
import type { CliCommand, CliIo } from '../command.js';

const HELP = `interlude auction — run one OpenRTB 2.6 pod auction against real bidders

Usage:
  interlude auction <request.json> [--config <params.json>] [--json]

<request.json>:
  {
    "adDecision": { "type": "openrtb", "tmaxMs": 300, "bidders": [{ "name", "endpoint", ... }], ... },
    "break":   { "id": "brk-1", "durationSec": 60 },                 (optional)
    "session": { "id", "clientIp", "userAgent", "playerParams": {} }, (optional)
    "availNum": 1                                                    (optional)
  }
  With --config, the OpenRTB settings come from that file instead (an "adDecision" object,
  with or without "type", or the bare settings).

Prints the pod, every partner's outcome and every bid with its fate: won (slot, clearing
price), lost (price, separation, frequency-cap, duration, position, floor, markup) or
invalid (why), and the win/loss notices that would be sent (nothing is sent by the CLI).

Options:
  --json        print { pod, bidders, bids, notices, request } as JSON
  -h, --help    show this text

Exit status: 0 the auction ran (an empty pod included), 1 bad input, 2 usage error.
`;

interface RequestFile {
  readonly adDecision?: Record<string, unknown>;
  readonly break?: { readonly id?: string; readonly durationSec?: number };
  readonly session?: Partial<Session>;
  readonly availNum?: number;
}

/**
 * `interlude auction`: the bidding core from the command line, for checking a channel's
 * bidders and rules before going live. Uses the same source, transport and VAST path as the
 * service; notices are recorded and printed, never sent.
 */
export const auctionCommand: CliCommand = {
  name: 'auction',
  summary: 'Run one OpenRTB pod auction and print the pod and every bid\'s fate',
  help: HELP,
  async run(args, io) {
    const parsed = parseArgs(args);
    if (typeof parsed === 'string') {
      io.error(`interlude auction: ${parsed}\n\n${HELP}`);
      return 2;
    }
    const file = await readJson(parsed.request, io);
    if (file === undefined) return 1;
    const req = file as RequestFile;
    let settings: unknown = req.adDecision;
    if (parsed.config !== undefined) {
      settings = await readJson(parsed.config, io);
      if (settings === undefined) return 1;
    }
    if (settings === undefined || settings === null || typeof settings !== 'object') {
      io.error('interlude auction: no OpenRTB settings: give "adDecision" in the request or --config\n');
      return 1;
    }
    const { type, ...params } = ((settings as Record<string, unknown>).adDecision ?? settings) as Record<string, unknown>;
    if (type !== undefined && type !== 'openrtb') {
      io.error(`interlude auction: adDecision.type is ${JSON.stringify(type)}, not "openrtb"\n`);
      return 1;
    }
    const fetcher = createUndiciFetcher();
    const transport = createUndiciBidTransport();
    const notifier = new RecordingNotifier();
    try {
      const built = createOpenRtbSource(params, { fetcher, transport, notifier, clock: systemClock, random: Math.random, logger: { warn: () => undefined, debug: () => undefined } });
      if (!built.ok) {
        io.error(`interlude auction: invalid OpenRTB settings:\n${built.error.map((e) => `  ${e}`).join('\n')}\n`);
        return 1;
      }
      const brk = breakOf(req);
      const session = sessionOf(req);
      const deadline = createDeadline(10_000, systemClock);
      const { pod, auction } = await built.value.decideWithAuction(brk, session, { availNum: req.availNum ?? 1, availIndex: 0 }, deadline);
      deadline.dispose();
      if (parsed.json) {
        io.write(`${JSON.stringify({ pod, bidders: auction.bidders, bids: bidRows(auction), notices: notifier.notices, request: auction.request }, null, 2)}\n`);
      } else {
        io.write(renderText(pod, auction, notifier));
      }
      return 0;
    } finally {
      await Promise.all([transport.close(), fetcher.close()]);
    }
  },
};

function parseArgs(args: readonly string[]): { request: string; config?: string; json: boolean } | string {
  let config: string | undefined;
  let json = false;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--json') json = true;
    else if (a === '--config') {
      config = args[++i];
      if (config === undefined) return '--config needs a file';
    } else if (a.startsWith('-')) return `unknown option ${a}`;
    else positional.push(a);
  }
  if (positional.length !== 1) return 'expected exactly one <request.json>';
  return { request: positional[0] ?? '', json, ...(config !== undefined ? { config } : {}) };
}

async function readJson(source: string, io: CliIo): Promise<unknown> {
  let text: string;
  try {
    text = await io.readSource(source);
  } catch (e) {
    io.error(`interlude auction: cannot read ${source}: ${e instanceof Error ? e.message : String(e)}\n`);
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    io.error(`interlude auction: ${source} is not JSON: ${e instanceof Error ? e.message : String(e)}\n`);
    return undefined;
  }
}

function breakOf(req: RequestFile): Break {
  const seconds = req.break?.durationSec ?? 60;
  return { id: req.break?.id ?? 'cli-break', startUs: 0, durationUs: Math.round(seconds * 1_000_000), mediaSequence: 0, dialect: 'configured', joinedMidBreak: false };
}

function sessionOf(req: RequestFile): Session {
  const s = req.session ?? {};
  return {
    id: s.id ?? 'cli-session',
    channelId: s.channelId ?? 'cli',
    originPath: s.originPath ?? '',
    format: 'hls',
    playerParams: s.playerParams ?? {},
    clientIp: s.clientIp ?? '127.0.0.1',
    userAgent: s.userAgent ?? 'interlude-cli',
    reportingMode: 'server',
    createdAtMs: 0,
  };
}

function bidRows(auction: AuctionResult) {
  return auction.bids.map((r) => ({ bidder: r.bidder, seat: r.seat, id: r.bid.id, impid: r.bid.impid, price: r.bid.price, durSec: r.durSec ?? null, adomain: r.bid.adomain ?? [], cat: r.bid.cat ?? [], fate: r.fate }));
}

function fateText(r: AuctionResult['bids'][number]): string {
  const f = r.fate;
  switch (f.status) {
    case 'won': return `won (slot ${f.slot}, cleared ${f.clearingPriceCpm})`;
    case 'lost': return `lost: ${f.reason}${f.detail !== undefined ? ` (${f.detail})` : ''}`;
    case 'invalid': return `invalid: ${f.reason}`;
  }
}

function renderText(pod: { readonly ads: readonly { readonly id: string; readonly durationUs: number; readonly hlsUrl: string }[]; readonly filledUs: number; readonly breakId: string; readonly notes: readonly string[] }, auction: AuctionResult, notifier: RecordingNotifier): string {
  const lines: string[] = [];
  lines.push(`pod ${pod.breakId}: ${pod.ads.length} ad(s), ${pod.filledUs / 1e6} s filled, auction ${auction.elapsedMs} ms`);
  pod.ads.forEach((a, i) => lines.push(`  ${i + 1}. ${a.id}  ${a.durationUs / 1e6} s  ${a.hlsUrl}`));
  lines.push('bidders:');
  for (const b of auction.bidders) lines.push(`  ${b.name.padEnd(16)} ${b.status.padEnd(7)} ${String(b.elapsedMs).padStart(5)} ms  ${b.bids} bid(s)${b.detail !== undefined ? `  ${b.detail}` : ''}`);
  lines.push('bids:');
  for (const r of auction.bids) {
    lines.push(`  ${`${r.bidder}/${r.bid.id}`.padEnd(24)} imp ${r.bid.impid.padEnd(3)} ${String(r.bid.price).padStart(8)}  ${r.durSec !== undefined ? `${r.durSec} s` : '?'}  ${(r.bid.adomain ?? []).join(',') || '-'}  ${fateText(r)}`);
  }
  if (notifier.notices.length > 0) {
    lines.push('notices (not sent by the CLI):');
    for (const n of notifier.notices) lines.push(`  ${n.kind} ${n.bidder}/${n.bidId}${n.kind === 'loss' ? ` code ${n.lossCode}` : ''}: ${n.url}`);
  }
  if (pod.notes.length > 0) {
    lines.push('notes:');
    for (const n of pod.notes) lines.push(`  ${n}`);
  }
  return `${lines.join('\n')}\n`;
}
