/**
 * The About box's facts, read from the app's own resources/licenses/about.json (written by
 * `npm run licenses`, packed into the app). The page only asks; which file is read is fixed here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AboutInfo, LicensedSource, ShippedComponent } from '../../shared/domain';
import { SoundlikeError } from '../../shared/errors';
import { appRoot } from '../paths';

/** The file the About box is read from: inside the app (app.asar when packaged), never a path from a page. */
export function aboutFilePath(): string {
  return join(appRoot(), 'resources', 'licenses', 'about.json');
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

function isSource(value: unknown): value is LicensedSource {
  const s = value as Partial<LicensedSource> | null;
  return typeof s === 'object' && s !== null && isString(s.name) && isString(s.kind) && isString(s.role) && isStringList(s.licences);
}

function isComponent(value: unknown): value is ShippedComponent {
  const c = value as Partial<ShippedComponent> | null;
  return typeof c === 'object' && c !== null && isString(c.name) && isString(c.version) && isString(c.licence) && isString(c.role);
}

/** Checks the parsed file has every field the About box shows; the version is this build's own. */
export function parseAbout(json: unknown, version: string): AboutInfo | null {
  const a = json as Partial<AboutInfo> | null;
  if (typeof a !== 'object' || a === null) return null;
  const model = a.model as Partial<AboutInfo['model']> | undefined;
  const demo = a.demoLibrary as Partial<AboutInfo['demoLibrary']> | undefined;
  const ok = isString(a.name) && isString(a.licence) && isString(a.copyright)
    && isString(model?.id) && isString(model?.created) && isString(model?.note)
    && Array.isArray(a.trainingData) && a.trainingData.every(isSource)
    && isString(demo?.licence) && isString(demo?.summary)
    && Array.isArray(a.components) && a.components.every(isComponent);
  return ok ? { ...(a as Omit<AboutInfo, 'version'>), version } : null;
}

/** The About box's facts; a missing or damaged file is an install problem, said as one. */
export function readAbout(version: string, file: string = aboutFilePath()): AboutInfo {
  let json: unknown = null;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // Reported below with what to do: the file belongs to the install, not to the user's data.
  }
  const about = parseAbout(json, version);
  if (!about) {
    throw new SoundlikeError('INTERNAL', `The app's licence information (${file}) is missing or damaged.`,
      'Reinstall Soundlike; from source, run `npm run licenses`. The licences are also in LICENSE and resources/licenses/THIRD-PARTY.md.');
  }
  return about;
}
