/**
 * The transport-neutral half of both transports: call a contract command by name and wrap the outcome
 * in an Envelope, and fan every contract event out to one callback. Only members CONTRACT lists are
 * reachable, so neither transport can call anything else on a service object.
 */
import { CONTRACT, contractMembers, type ServiceName, type SoundlikeApi, type Unsubscribe, type Event } from '../../shared/contract';
import { SoundlikeError, type Envelope } from '../../shared/errors';
import { pointHintAtLog } from '../logging';

export function isCommand(service: string, member: string): service is ServiceName {
  return Object.hasOwn(CONTRACT, service)
    && Object.hasOwn(CONTRACT[service as ServiceName], member)
    && (CONTRACT[service as ServiceName] as Record<string, string>)[member] === 'command';
}

export async function invokeCommand(api: SoundlikeApi, service: string, member: string, args: unknown): Promise<Envelope<unknown>> {
  try {
    if (!isCommand(service, member)) {
      throw new SoundlikeError('INVALID_ARGUMENT', `There is no command ${service}.${member}.`);
    }
    if (!Array.isArray(args)) throw new SoundlikeError('INVALID_ARGUMENT', 'Command arguments must be a list.');
    const target = api[service] as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const value = await target[member].apply(api[service], args);
    return { ok: true, value: value === undefined ? null : value };
  } catch (error) {
    const e = SoundlikeError.from(error);
    if (e.code === 'INTERNAL') console.error(`[soundlike] ${service}.${member} failed:`, error);
    return { ok: false, error: pointHintAtLog(e).toJSON() };
  }
}

/** Subscribes to every event of the contract; `emit` gets the channel (`service:onDidX`) and payload. */
export function subscribeAll(api: SoundlikeApi, emit: (channel: string, payload: unknown) => void): Unsubscribe {
  const subscriptions = contractMembers()
    .filter((m) => m.kind === 'event')
    .map((m) => {
      const event = (api[m.service] as unknown as Record<string, Event<unknown>>)[m.member];
      return event((payload) => emit(m.channel, payload));
    });
  return () => subscriptions.forEach((unsubscribe) => unsubscribe());
}
