import { createVastSourceFromParams } from '../../../../../src/decisioning/sources/vast/vast-source.js';
import { runDecisioningFixtures } from '../../fixture-runner.js';

runDecisioningFixtures('vast', (params, deps) => {
  const built = createVastSourceFromParams(params, deps);
  if (!built.ok) throw new Error(`fixture params invalid: ${built.error.join('; ')}`);
  return built.value;
});
