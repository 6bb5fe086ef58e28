import { describe, expect, it } from 'vitest';
import { CONTRACT, channelOf, contractMembers } from './contract';
import { commandPath } from './web-protocol';

describe('the contract (house rule 2)', () => {
  const members = contractMembers();

  it('lists every member of every service once', () => {
    const expected = Object.values(CONTRACT).reduce((n, service) => n + Object.keys(service).length, 0);
    expect(members).toHaveLength(expected);
    expect(members.length).toBeGreaterThan(0);
  });

  it('has unique channels of the form domain:verb', () => {
    const channels = members.map((m) => m.channel);
    expect(new Set(channels).size).toBe(channels.length);
    for (const m of members) {
      expect(m.channel).toMatch(/^[a-z]+:[a-z][A-Za-z0-9]*$/);
      expect(m.channel).toBe(channelOf(m.service, m.member));
    }
  });

  it('names every event onDid*, and no command', () => {
    for (const m of members) {
      expect(m.member.startsWith('onDid'), m.channel).toBe(m.kind === 'event');
      if (m.kind === 'event') expect(m.member).toMatch(/^onDid[A-Z]/);
    }
  });

  it('gives every command a distinct HTTP path', () => {
    const paths = members.filter((m) => m.kind === 'command').map((m) => commandPath(m.service, m.member));
    expect(new Set(paths).size).toBe(paths.length);
    for (const path of paths) expect(path).toMatch(/^\/api\/[a-z]+\/[a-z][a-zA-Z0-9]*$/);
  });
});
