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
}

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

/** The model's identity as its manifest states it (no hashing, no session): for status and versioning. */
export async function readManifestIdentity(manifestPath: string): Promise<{ sha256: string; featureVersion: number } | null> {
  try {
    const manifest = JSON.parse(readFileSync(resolve(manifestPath), 'utf8')) as Partial<ModelManifest>;
    return typeof manifest.sha256 === 'string' ? { sha256: manifest.sha256, featureVersion: manifest.feature_version ?? 1 } : null;
  } catch {
    return null;
  }
}
