import { afterAll } from 'vitest';
import { createOpenRtbSource } from '../../../../../src/decisioning/sources/openrtb/openrtb-source.js';
import { createUndiciBidTransport } from '../../../../../src/decisioning/sources/openrtb/transport.js';
import { runDecisioningFixtures } from '../../fixture-runner.js';

// The shared source fixture runner, over real loopback sockets: bid requests go through our
// undici transport, markup (nurl, wrappers) through the runner's fetcher.
const transport = createUndiciBidTransport();
afterAll(() => transport.close());

runDecisioningFixtures('openrtb', (params, deps) => {
  const built = createOpenRtbSource(params, { ...deps, transport });
  if (!built.ok) throw new Error(`fixture params invalid: ${built.error.join('; ')}`);
  return built.value;
});
