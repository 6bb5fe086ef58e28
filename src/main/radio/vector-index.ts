/**
 * Main's handle on the index worker. Requests are answered in order; the worker is started lazily and
 * restarted if it dies (the index is rebuilt or reread from disk then).
 */
import { Worker } from 'node:worker_threads';
import { closeWorker } from '../worker-close';
import type { FromIndexWorker, IndexConfig, IndexStats, MapPoints, PairScale, PathRequest, PathResultMessage, SearchHits, SimilarRequest, SimilarResult, ToIndexWorker } from './index-protocol';

type Request = ToIndexWorker extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class VectorIndex {
  private worker: Worker | null = null;
  private opened: Promise<IndexStats> | null = null;
  private config: IndexConfig | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(answer: FromIndexWorker & { type: 'ok' }): void; reject(error: Error): void }>();
  /** The indexed songs' generation as of the worker's last answer (null: that answer did not say). */
  private generation: number | null = null;
  /** The last pair scale and the generation it was computed on: valid while the worker's stays the same. */
  private scaleCache: { generation: number; maxPairs: number; scale: PairScale } | null = null;

  constructor(private readonly workerPath: string) {}

  /** Opens (or re-opens for another model/step) the index; resolves with its stats. */
  open(config: IndexConfig): Promise<IndexStats> {
    const same = this.config && JSON.stringify(this.config) === JSON.stringify(config);
    if (!same || !this.opened) {
      this.config = config;
      this.opened = this.request({ type: 'open', config }).then((a) => a.stats as IndexStats);
      this.opened.catch(() => {
        this.opened = null;
      });
    }
    return this.opened;
  }

  get isOpen(): boolean {
    return this.opened !== null;
  }

  async refresh(): Promise<{ added: number; removed: number }> {
    if (!this.opened) return { added: 0, removed: 0 };
    await this.opened;
    return (await this.request({ type: 'refresh' })).changed ?? { added: 0, removed: 0 };
  }

  async search(query: Float32Array, k: number): Promise<SearchHits> {
    if (!this.opened) throw new Error('vector index not open');
    await this.opened;
    return (await this.request({ type: 'search', query, k })).hits as SearchHits;
  }

  /** The radio's candidates re-ranked by set-to-set similarity with the seed (index-worker.ts). */
  async similar(request: SimilarRequest): Promise<SimilarResult> {
    if (!this.opened) throw new Error('vector index not open');
    await this.opened;
    return (await this.request({ type: 'similar', request })).similar as SimilarResult;
  }

  /** A sonic path between two songs through the index's space (sonic-path.ts). */
  async sonicPath(request: PathRequest): Promise<PathResultMessage> {
    if (!this.opened) throw new Error('vector index not open');
    await this.opened;
    return (await this.request({ type: 'path', request })).path as PathResultMessage;
  }

  /**
   * The library's scale for a pick's closeness: scores of up to `maxPairs` pairs of different songs (cached
   * in the worker, and here while the indexed songs stay those of the worker's last answer).
   */
  async pairScale(maxPairs: number): Promise<PairScale> {
    if (!this.opened) throw new Error('vector index not open');
    await this.opened;
    const cached = this.scaleCache;
    if (cached && cached.generation === this.generation && cached.maxPairs === maxPairs) return cached.scale;
    const scale = (await this.request({ type: 'pairScale', maxPairs })).pairScale as PairScale;
    this.scaleCache = this.generation === null ? null : { generation: this.generation, maxPairs, scale };
    return scale;
  }

  /** Track vectors projected to 2-D (computed in the worker, cached). */
  async sonicMap(colourGroup: string | null): Promise<MapPoints> {
    if (!this.opened) throw new Error('vector index not open');
    await this.opened;
    return (await this.request({ type: 'map', colourGroup })).map as MapPoints;
  }

  async stats(): Promise<IndexStats | null> {
    if (!this.opened) return null;
    await this.opened;
    return (await this.request({ type: 'stats' })).stats ?? null;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.opened = null;
    for (const p of this.pending.values()) p.reject(new Error('vector index closed'));
    this.pending.clear();
    if (worker) await closeWorker(worker, { type: 'close', id: 0 } satisfies ToIndexWorker);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // faiss parallelises with OpenMP, which the worker's libgomp reads from the process environment when
    // it loads. A radio's few small queries gain nothing from threads, and OpenMP threads spinning against
    // the analysis (and each other) on a small machine made them 10-100x slower: one thread, unless the
    // user chose otherwise.
    process.env.OMP_NUM_THREADS ??= '1';
    const worker = new Worker(this.workerPath);
    // A new worker counts its generations afresh: nothing cached from another one stands.
    this.generation = null;
    this.scaleCache = null;
    worker.on('message', (answer: FromIndexWorker) => {
      const waiter = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      // Answers come in order: the last one tells which indexed songs stand now (none told: unknown, nothing
      // cached holds). A replaced worker's late answers tell nothing about the current one.
      if (answer.type === 'ok' && this.worker === worker) this.generation = answer.generation ?? null;
      if (!waiter) return;
      if (answer.type === 'ok') waiter.resolve(answer);
      else waiter.reject(new Error(answer.message));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) {
        this.worker = null;
        this.opened = null; // the next request re-opens (reading the saved index or rebuilding it)
      }
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => fail(new Error(`the vector index worker crashed: ${error.message}`)));
    worker.on('exit', (code) => fail(new Error(`the vector index worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private request(message: Request): Promise<FromIndexWorker & { type: 'ok' }> {
    if (message.type !== 'open' && !this.worker && this.config) {
      // The worker died since: open again first (the index is read back or rebuilt from SQLite).
      const config = this.config;
      this.opened = this.request({ type: 'open', config }).then((a) => a.stats as IndexStats);
    }
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id } as ToIndexWorker);
    });
  }
}
