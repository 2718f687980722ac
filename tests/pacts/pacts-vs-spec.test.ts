/**
 * The committed pacts agree with the spec in both directions, and every way a pact can drift from it
 * is caught: each test below plants exactly one drift into a copy of the committed pact.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACT_API_KEY_PLACEHOLDER } from '../../contracts/config.ts';
import {
  checkPact,
  checkPactsAgainstSpec,
  renderPactFinding,
  type PactSpecFinding,
} from '../../contracts/pacts/check-against-spec.ts';
import { PACT_FILE_NAME, PACTS_DIR, listPactFiles } from '../../contracts/pacts/files.ts';
import { PROVIDER_STATE_NAMES } from '../../contracts/model/states.ts';
import { specValidator } from '../../contracts/validator.ts';

type Json = any; // a pact file is free-form JSON; each test reaches into the part it changes

const committed = (): Json => JSON.parse(readFileSync(join(PACTS_DIR, PACT_FILE_NAME), 'utf8'));
const byDescription = (pact: Json, start: string): Json =>
  pact.interactions.find((i: Json) => i.description.startsWith(start));

function findingsAfter(plant: (pact: Json) => void): PactSpecFinding[] {
  const pact = committed();
  plant(pact);
  return checkPact(pact, 'planted.json', specValidator());
}

describe('the committed pacts against the spec', () => {
  it('hold: no finding at all', () => {
    const findings = checkPactsAgainstSpec(PACTS_DIR, specValidator());
    expect(findings.map(renderPactFinding)).toEqual([]);
  });

  it('cover 200, 404 and 422', () => {
    const statuses = new Set(committed().interactions.map((i: Json) => i.response.status));
    expect([...statuses].sort()).toEqual([200, 404, 422]);
  });

  it('name only the suite’s provider states, and every one of them', () => {
    const named = committed().interactions.flatMap((i: Json) => (i.providerStates ?? []).map((s: Json) => s.name));
    expect(new Set(named)).toEqual(new Set(PROVIDER_STATE_NAMES));
  });

  it('carry the placeholder key, never a real one (every file, subfolders included)', () => {
    const interactions = listPactFiles(PACTS_DIR).flatMap(
      (path) => (JSON.parse(readFileSync(path, 'utf8')) as Json).interactions,
    );
    expect(interactions).toHaveLength(5);
    const keys = interactions.map((i: Json) => i.request.headers['X-Browser-Use-API-Key']);
    expect(new Set(keys.flat())).toEqual(new Set([PACT_API_KEY_PLACEHOLDER]));
  });
});

describe('a pact that drifts from the spec is caught', () => {
  const active = 'a request to stop an active session';

  it('a decimal matcher looser than the spec’s pattern', () => {
    const findings = findingsAfter((pact) => {
      byDescription(pact, active).response.matchingRules.body['$.proxyCost'].matchers[0].regex = '^[0-9eE.+-]+$';
    });
    expect(findings).toEqual([expect.objectContaining({ kind: 'matcher-too-loose', at: '$.proxyCost' })]);
  });

  it('a type matcher where the spec wants a uuid', () => {
    const findings = findingsAfter((pact) => {
      byDescription(pact, active).response.matchingRules.body['$.id'] = {
        combine: 'AND',
        matchers: [{ match: 'type' }],
      };
    });
    expect(findings).toEqual([expect.objectContaining({ kind: 'matcher-too-loose', at: '$.id' })]);
  });

  it('a null allowed where the spec does not allow one', () => {
    const findings = findingsAfter((pact) => {
      byDescription(pact, active).response.matchingRules.body['$.tasks[*].createdAt'].matchers.push({ match: 'null' });
      byDescription(pact, active).response.matchingRules.body['$.tasks[*].createdAt'].combine = 'OR';
    });
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'matcher-too-loose',
        at: '$.tasks[*].createdAt',
        message: expect.stringContaining('null'),
      }),
    ]);
  });

  it('an example the spec refuses: a decimal with an exponent', () => {
    const findings = findingsAfter((pact) => {
      byDescription(pact, active).response.body.content.proxyUsedMb = '1e5';
    });
    expect(findings).toEqual([expect.objectContaining({ kind: 'response-example', at: '$.proxyUsedMb' })]);
  });

  it('a property the spec does not declare', () => {
    const findings = findingsAfter((pact) => {
      byDescription(pact, active).response.body.content.stoppedBy = 'user';
    });
    expect(findings).toEqual([expect.objectContaining({ kind: 'undeclared-property', at: '$.stoppedBy' })]);
  });

  it('a status the spec does not document', () => {
    const findings = findingsAfter((pact) => {
      byDescription(pact, 'a request to stop a session that does not exist').response.status = 410;
    });
    expect(findings).toEqual([expect.objectContaining({ kind: 'response-status' })]);
  });

  it('a request the spec refuses, expecting success', () => {
    const findings = findingsAfter((pact) => {
      byDescription(pact, active).request.body.content.action = 'Stop';
    });
    expect(findings).toEqual([expect.objectContaining({ kind: 'request', at: 'body' })]);
  });

  it('a request without the API key header the spec requires', () => {
    const findings = findingsAfter((pact) => {
      delete byDescription(pact, active).request.headers['X-Browser-Use-API-Key'];
    });
    expect(findings).toEqual([expect.objectContaining({ kind: 'request', at: 'security' })]);
  });

  it('a 422 whose request is in fact valid', () => {
    const findings = findingsAfter((pact) => {
      byDescription(pact, 'a request to update a session with an action').request.body.content.action = 'stop';
    });
    expect(findings).toEqual([
      expect.objectContaining({ kind: 'request', message: expect.stringContaining('accepts') }),
    ]);
  });

  it('an interaction for another operation', () => {
    const findings = findingsAfter((pact) => {
      byDescription(pact, active).request.method = 'DELETE';
    });
    expect(findings).toEqual([expect.objectContaining({ kind: 'not-this-operation' })]);
  });

  it('a file that is not a pact, and a folder that is not there', () => {
    expect(checkPact({ hello: 1 }, 'x.json', specValidator())).toEqual([
      expect.objectContaining({ kind: 'unreadable' }),
    ]);
    expect(checkPactsAgainstSpec(join(PACTS_DIR, 'no-such-folder'), specValidator())).toEqual([
      expect.objectContaining({ kind: 'unreadable' }),
    ]);
  });
});
