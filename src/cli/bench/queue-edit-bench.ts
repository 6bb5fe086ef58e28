/**
 * Queue edits in a big queue (enqueue at the end, remove one, move one): what crosses a process boundary
 * for each, side by side in the same run. "before" is what the contract sent until edits became deltas:
 * the whole state as the answer and as the event (weighed from the playback service's in-process event,
 * which still carries exactly that); "after" is the answer and the events the contract sends now. Each
 * side's time is the service call plus serializing what is sent (as a transport does) plus parsing and
 * applying it on the client side, so only the message part differs.
 */
import type { QueueEdit, QueueState } from '../../shared/domain';
import { applyQueueEdit } from '../../shared/queue-edit';
import type { Services } from '../../main/services';

const REPEATS = 7;

interface Side {
  replyBytes: number;
  eventBytes: number;
  medianMs: number;
}

/** Serializes payloads as a transport does; returns their bytes and the JSON to parse on the other side. */
function send(payloads: unknown[]): { bytes: number; json: string[]; ms: number } {
  const started = performance.now();
  const json = payloads.map((payload) => JSON.stringify(payload));
  const ms = performance.now() - started;
  return { bytes: json.reduce((sum, text) => sum + Buffer.byteLength(text), 0), json, ms };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] * 10) / 10;
};

type EditCall = (queue: QueueState) => Promise<QueueEdit>;

/** Runs `edit` REPEATS times and weighs both ways of sending each one. */
async function weigh(services: Services, edit: EditCall): Promise<{ before: Side; after: Side; serviceMedianMs: number }> {
  const p = services.api.playback;
  const before: { reply: number; event: number; ms: number[] } = { reply: 0, event: 0, ms: [] };
  const after: { reply: number; event: number; ms: number[] } = { reply: 0, event: 0, ms: [] };
  const serviceMs: number[] = [];
  let client = await p.getQueue(); // what a window holds
  for (let i = 0; i < REPEATS; i++) {
    const wholeStates: QueueState[] = [];
    const contractEvents: unknown[] = [];
    const stops = [
      services.playback.onDidChangeQueue((state) => wholeStates.push(state)),
      p.onDidChangeQueue((state) => contractEvents.push(state)),
      p.onDidEditQueue((e) => contractEvents.push(e)),
      p.onDidChangeQueuePosition((position) => contractEvents.push(position)),
    ];
    const started = performance.now();
    const answer = await edit(client);
    const callMs = performance.now() - started;
    stops.forEach((stop) => stop());
    serviceMs.push(callMs);

    // Before: the whole state answered and announced; the client parses both and takes the last.
    const whole = wholeStates.at(-1);
    if (!whole) throw new Error('The edit announced no queue state.');
    const oldReply = send([whole]);
    const oldEvent = send(wholeStates);
    let t = performance.now();
    for (const text of [...oldReply.json, ...oldEvent.json]) JSON.parse(text);
    before.ms.push(callMs + oldReply.ms + oldEvent.ms + (performance.now() - t));
    before.reply = oldReply.bytes;
    before.event = oldEvent.bytes;

    // After: the edit answered and announced; the client applies the first, the second is stale.
    const newReply = send([answer]);
    const newEvents = send(contractEvents);
    t = performance.now();
    for (const text of [...newEvents.json, ...newReply.json]) {
      const next = applyQueueEdit(client, JSON.parse(text) as QueueEdit);
      if (next === 'reload') throw new Error('The edit did not apply onto the queue before it.');
      if (next !== 'stale') client = next;
    }
    after.ms.push(callMs + newReply.ms + newEvents.ms + (performance.now() - t));
    after.reply = newReply.bytes;
    after.event = newEvents.bytes;
  }
  const truth = await p.getQueue();
  if (client.version !== truth.version || client.items.length !== truth.items.length) throw new Error('The client copy drifted from the service.');
  return {
    before: { replyBytes: before.reply, eventBytes: before.event, medianMs: median(before.ms) },
    after: { replyBytes: after.reply, eventBytes: after.event, medianMs: median(after.ms) },
    serviceMedianMs: median(serviceMs),
  };
}

/** Enqueue-at-end, remove-one and move-one in a queue of `trackIds.length` entries. */
export async function queueEdits(services: Services, trackIds: number[]): Promise<Record<string, unknown>> {
  const p = services.api.playback;
  await p.replaceQueue(trackIds, 0);
  let at = 0;
  const middle = (queue: QueueState) => queue.items[Math.floor(queue.items.length / 2)];
  return {
    entries: trackIds.length,
    enqueueAtEnd: await weigh(services, () => p.enqueue([trackIds[at++ % trackIds.length]], 'end')),
    removeOne: await weigh(services, (queue) => p.removeFromQueue([middle(queue).id])),
    // A drag in the queue panel: one entry a few rows up.
    moveOne: await weigh(services, (queue) => p.moveInQueue(middle(queue).id, Math.floor(queue.items.length / 2) - 5)),
  };
}
