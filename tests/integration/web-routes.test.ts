/**
 * Every command of the contract is reachable over the web host: each answers with an Envelope (a value
 * or a typed error), never a 404 from the router. Guards against a command name the route cannot match.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../src/main/web/web-host';
import { contractMembers } from '../../src/shared/contract';
import type { Envelope } from '../../src/shared/errors';
import { commandPath } from '../../src/shared/web-protocol';
import { httpRequest } from '../helpers/http';
import { freshServices } from '../helpers/services';

describe('web host routes', () => {
  const ctx = freshServices();
  let host: WebHost;

  beforeAll(async () => {
    host = await startWebHost({ services: ctx.services, rendererDir: null, port: 0, token: 'routes-token-123456' });
  });

  afterAll(async () => {
    await host?.close();
  });

  it('routes every contract command to its service', async () => {
    const commands = contractMembers().filter((m) => m.kind === 'command');
    expect(commands.length).toBeGreaterThan(30);
    for (const m of commands) {
      // A deliberately wrong argument list: the service answers (usually with a typed error), the router does not 404.
      const res = await httpRequest(`${host.origin}${commandPath(m.service, m.member)}`, {
        method: 'POST', headers: { 'content-type': 'application/json', origin: host.origin, authorization: 'Bearer routes-token-123456' }, body: JSON.stringify([{ bogus: true }]),
      });
      expect(res.status, `${m.channel} answered ${res.status}`).toBe(200);
      const envelope = res.json<Envelope<unknown>>();
      expect(typeof envelope.ok, m.channel).toBe('boolean');
      if (!envelope.ok) {
        expect(envelope.error.message, m.channel).not.toMatch(/^There is no command/);
        // A malformed argument is the caller's mistake, said as such, never an internal failure.
        expect(envelope.error.code, `${m.channel}: ${envelope.error.message}`).not.toBe('INTERNAL');
      }
    }
  });
});
