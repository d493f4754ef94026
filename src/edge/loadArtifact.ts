import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import demoArtifact from './demo-artifact.json'
import { isPlainObject } from './isPlainObject'
import type { DecisioningArtifact } from './types'

const SUPPORTED_MAJOR_VERSION = 1

/**
 * Reads and checks a rules artifact: from a JSON file when `source` is a
 * path, as given when it is an object, or the bundled demo artifact for the
 * client code `demo` when it is undefined.
 *
 * Rejects with an Error whose message names the file, the problem and the
 * fix: a missing or unreadable file, invalid JSON, a major version other than
 * 1 (the one `@adobe/target-decisioning-engine` 1.x reads), or no
 * `rules.mboxes` object.
 *
 * @example
 * ```ts
 * const artifact = await loadArtifact('./rules.json')
 * console.log(Object.keys(artifact.rules.mboxes))
 * ```
 */
export async function loadArtifact(
  source?: string | DecisioningArtifact,
): Promise<DecisioningArtifact> {
  if (source === undefined) {
    return demoArtifact as DecisioningArtifact
  }
  if (typeof source !== 'string') {
    return checkArtifact(source, 'The artifact object')
  }

  const path = resolve(source)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'not found'
        : `unreadable (${(error as Error).message})`
    throw new Error(
      `Artifact file ${path} is ${reason}. Pass the path of a Target rules artifact JSON file, or omit it to serve the demo artifact.`,
    )
  }

  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new Error(
      `Artifact file ${path} is not valid JSON (${(error as Error).message}). Pass a rules artifact as published by Target for on-device decisioning.`,
    )
  }
  return checkArtifact(parsed, `Artifact file ${path}`)
}

function checkArtifact(value: unknown, label: string): DecisioningArtifact {
  if (!isPlainObject(value)) {
    throw new Error(`${label} is not a JSON object. Pass a rules artifact.`)
  }

  const { version, rules } = value
  const major =
    typeof version === 'string' ? Number(version.split('.')[0]) : NaN
  if (major !== SUPPORTED_MAJOR_VERSION) {
    throw new Error(
      `${label} has version ${JSON.stringify(version)}, but the decisioning engine reads only major version ${SUPPORTED_MAJOR_VERSION} ("1.x.y"). Download a current artifact from Target.`,
    )
  }
  if (!isPlainObject(rules) || !isPlainObject(rules.mboxes)) {
    throw new Error(
      `${label} has no rules.mboxes object. Pass a rules artifact such as Target's rules.json.`,
    )
  }
  for (const kind of ['mboxes', 'views']) {
    const problem = checkRules(rules[kind], `rules.${kind}`)
    if (problem) throw new Error(`${label} is not a valid artifact: ${problem}`)
  }
  return value as DecisioningArtifact
}

/**
 * Returns the first rule field that the decisioning engine 1.9.3 reads
 * without checking and that is missing, or undefined when all are there.
 * Without this check, such an artifact fails on every request instead.
 */
function checkRules(rulesByName: unknown, path: string): string | undefined {
  if (rulesByName === undefined) return undefined
  if (!isPlainObject(rulesByName)) return `${path} must be an object.`

  for (const [name, rules] of Object.entries(rulesByName)) {
    const where = `${path}[${JSON.stringify(name)}]`
    if (!Array.isArray(rules)) return `${where} must be an array of rules.`
    for (const [position, rule] of rules.entries()) {
      const at = `${where}[${position}]`
      if (!isPlainObject(rule)) return `${at} must be an object.`
      if (!isPlainObject(rule.consequence)) {
        return `${at}.consequence must be an object.`
      }
      if (!isPlainObject(rule.meta)) return `${at}.meta must be an object.`
      if (!Array.isArray(rule.meta['audience.ids'])) {
        return `${at}.meta["audience.ids"] must be an array (empty when the rule has no audience).`
      }
    }
  }
  return undefined
}
