/**
 * The shipped encoder's manifest (models/manifest.json): every preprocessing constant and the model's
 * input/output contract, read once and checked, so a missing, damaged or mismatched model file is a
 * clear error and never a wrong vector.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface TensorSpec {
  name: string;
  dtype: string;
  shape: (string | number)[];
}

export interface ModelManifest {
  id: string;
  sha256: string;
  /**
   * The sha256 of an earlier export of the same weights whose outputs this file reproduces (a faster graph
   * for the same function, its parity fixture passed): analyses are keyed by it, so a library analysed with
   * that file stays analysed. Absent: the file's own sha256.
   */
  analysis_sha256?: string;
  file: string;
  feature_version: number;
  sample_rate: number;
  fragment_seconds: number;
  fragment_samples: number;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  embedding_size: number;
  embedding_normalized: boolean;
  tags: string[];
  /** group -> its tags, in the manifest's order (the sonic map's legend follows it). */
  tag_groups?: Record<string, string[]>;
  /** Which tag groups may be shown as facts; absent in older manifests (then: top tags, map by 'family'). */
  display?: ManifestDisplay;
  /** How right each tag group is on held-out real music (informational; the app only shows `display`). */
  tag_quality?: Record<string, TagQuality>;
}

export interface ManifestDisplay {
  /** Keys of tag_groups, in display order: a fragment keeps each one's most probable tag. */
  groups: string[];
  /** The group the sonic map colours tracks by: one of `groups`, or null when none may colour it. */
  map_colour_group: string | null;
  /** The rule in words. */
  rule?: string;
}

export interface TagQuality {
  /** 'measured': the graph computes the group from the signal (exact); 'predicted': the tag layer guesses it. */
  source?: 'measured' | 'predicted';
  accuracy?: number;
  majority?: number;
  shown?: boolean;
  classes?: string[];
  [key: string]: unknown;
}

/** The colouring of the sonic map a manifest asks for: a tag group and its tags in the manifest's order. */
export interface MapColouring {
  group: string | null;
  classes: string[];
}

/** The map's colour group for a manifest without `display` (the synthetic style families). */
export const LEGACY_MAP_COLOUR_GROUP = 'family';

export interface LoadedModel {
  manifest: ModelManifest;
  /** Absolute path of the .onnx file. */
  modelPath: string;
}

export class ModelError extends Error {
  constructor(message: string, readonly hint: string) {
    super(message);
    this.name = 'ModelError';
  }
}

const REQUIRED: (keyof ModelManifest)[] = ['id', 'sha256', 'file', 'sample_rate', 'fragment_samples', 'inputs', 'outputs', 'embedding_size', 'tags'];

export function sha256File(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(path).on('error', reject).on('data', (d) => hash.update(d)).on('end', () => resolvePromise(hash.digest('hex')));
  });
}

/** The sha256 analyses with this model are stored under: `analysis_sha256` when the manifest names a valid one. */
export function analysisSha256(manifest: Pick<ModelManifest, 'sha256' | 'analysis_sha256'>): string {
  const declared = manifest.analysis_sha256;
  return typeof declared === 'string' && /^[0-9a-f]{64}$/.test(declared) ? declared : manifest.sha256;
}

/** Reads and checks a manifest and its model file (the sha256 must match). */
export async function loadModel(manifestPath: string): Promise<LoadedModel> {
  const path = resolve(manifestPath);
  if (!existsSync(path)) {
    throw new ModelError(`The sound model's manifest is missing: ${path}.`, 'Reinstall Soundlike, or point --model at a models/manifest.json.');
  }
  let manifest: ModelManifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as ModelManifest;
  } catch (error) {
    throw new ModelError(`The sound model's manifest ${path} is not valid JSON (${(error as Error).message}).`, 'Reinstall Soundlike to restore it.');
  }
  const missing = REQUIRED.filter((key) => manifest[key] === undefined);
  if (missing.length > 0) {
    throw new ModelError(`The sound model's manifest ${path} lacks ${missing.join(', ')}.`, 'Use a manifest written by models/training/manifest.py.');
  }
  const problem = displayProblem(manifest);
  if (problem) {
    throw new ModelError(`The sound model's manifest ${path} has a bad display section: ${problem}.`,
      'Restore models/ from the repository, or write the manifest again with models/training/manifest.py.');
  }
  const modelPath = join(dirname(path), manifest.file);
  if (!existsSync(modelPath)) {
    throw new ModelError(`The sound model file is missing: ${modelPath}.`, 'Reinstall Soundlike, or restore models/ from the repository.');
  }
  const sha = await sha256File(modelPath);
  if (sha !== manifest.sha256) {
    throw new ModelError(
      `The sound model file ${modelPath} does not match its manifest (sha256 ${sha.slice(0, 12)}… instead of ${manifest.sha256.slice(0, 12)}…).`,
      'The file is damaged or from another model: restore both files from the same release.',
    );
  }
  return { manifest, modelPath };
}

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/**
 * What is wrong with a manifest's `display` section, or null when it is absent or sound. The engine
 * indexes each shown group's tags in the vocabulary, so every one of them must be there.
 */
export function displayProblem(manifest: Pick<ModelManifest, 'tags' | 'tag_groups' | 'display'>): string | null {
  const display: unknown = manifest.display;
  if (display === undefined) return null;
  if (typeof display !== 'object' || display === null || Array.isArray(display)) return 'display is not an object';
  const { groups, map_colour_group: colour } = display as Record<string, unknown>;
  if (!isStringList(groups)) return 'display.groups is not a list of tag group names';
  const duplicate = groups.find((g, i) => groups.indexOf(g) !== i);
  if (duplicate !== undefined) return `display.groups names "${duplicate}" twice`;
  const tagGroups: unknown = manifest.tag_groups;
  const hasGroups = typeof tagGroups === 'object' && tagGroups !== null && !Array.isArray(tagGroups);
  if (groups.length > 0 && !hasGroups) return 'display.groups is given but tag_groups is missing';
  const vocabulary = new Set(manifest.tags);
  for (const group of groups) {
    const tags = Object.hasOwn(tagGroups as object, group) ? (tagGroups as Record<string, unknown>)[group] : undefined;
    if (!isStringList(tags) || tags.length === 0) return `display group "${group}" is not a tag group of this model`;
    const stray = tags.find((t) => !vocabulary.has(t));
    if (stray !== undefined) return `tag_groups.${group} lists "${stray}", which is not among the model's tags`;
  }
  // null: no group is good enough to colour the map (the training recipe writes that when none is shown).
  if (colour !== null && colour !== undefined && (typeof colour !== 'string' || !groups.includes(colour))) {
    return `display.map_colour_group ${JSON.stringify(colour)} is not one of display.groups`;
  }
  return null;
}

/** The sonic map's colouring: the manifest's display choice, or the legacy 'family' group without one. */
export function mapColouring(manifest: Pick<ModelManifest, 'tags' | 'tag_groups' | 'display'>): MapColouring {
  const group = manifest.display ? (manifest.display.map_colour_group ?? null) : LEGACY_MAP_COLOUR_GROUP;
  if (group === null) return { group, classes: [] };
  return { group, classes: manifest.tag_groups?.[group] ?? manifest.tags.filter((t) => t.startsWith(`${group}:`)) };
}

/**
 * The tag groups a pick's explanation may show, or null for a manifest without `display` (every stored
 * tag, as before). Applied where explanations are built too, so tags stored under an earlier rule for the
 * same model (the display section changed, the weights did not) never reach the user.
 */
export function shownTagGroups(manifest: Pick<ModelManifest, 'display'>): string[] | null {
  return manifest.display ? [...manifest.display.groups] : null;
}

/** Which tag groups explanations show (null: all), and which of those the model measures rather than predicts. */
export interface TagDisplay {
  groups: readonly string[] | null;
  measured: readonly string[];
}

/** What the app needs of a model to use vectors already analysed with it: no inference session. */
export interface ModelFacts {
  /** The sha256 analyses are keyed by (analysisSha256). */
  sha256: string;
  featureVersion: number;
  embeddingSize: number;
  mapColouring: MapColouring;
  shownTagGroups: string[] | null;
  measuredTagGroups: string[];
}

/**
 * The model's facts from its checked manifest (the model file hashed against it, but not loaded): a radio
 * over songs already analysed needs nothing more, so it does not wait for onnxruntime to start.
 */
export async function readModelFacts(manifestPath: string): Promise<ModelFacts> {
  const { manifest } = await loadModel(manifestPath);
  const size = manifest.embedding_size;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) {
    throw new ModelError(`The sound model's manifest ${resolve(manifestPath)} does not give the embedding size.`, 'Use a manifest written by models/training/manifest.py.');
  }
  return { sha256: analysisSha256(manifest), featureVersion: manifest.feature_version ?? 1, embeddingSize: size, mapColouring: mapColouring(manifest), shownTagGroups: shownTagGroups(manifest), measuredTagGroups: measuredTagGroups(manifest) };
}

/** Tag groups the graph measures from the signal instead of predicting (their outputs are not probabilities). */
export function measuredTagGroups(manifest: Pick<ModelManifest, 'tag_quality'>): string[] {
  return Object.entries(manifest.tag_quality ?? {}).filter(([, q]) => q?.source === 'measured').map(([g]) => g);
}

/** The model's identity as its manifest states it (no hashing, no session): for status and versioning (sha256 = analysisSha256). */
export async function readManifestIdentity(manifestPath: string): Promise<{ sha256: string; featureVersion: number } | null> {
  try {
    const manifest = JSON.parse(readFileSync(resolve(manifestPath), 'utf8')) as Partial<ModelManifest>;
    return typeof manifest.sha256 === 'string'
      ? { sha256: analysisSha256({ sha256: manifest.sha256, analysis_sha256: manifest.analysis_sha256 }), featureVersion: manifest.feature_version ?? 1 }
      : null;
  } catch {
    return null;
  }
}
