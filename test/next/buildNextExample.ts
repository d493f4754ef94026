import { spawn } from 'node:child_process'
import {
  EXAMPLE_DIR,
  NEXT_BIN,
  REPOSITORY_ROOT,
  nextEnvironment,
} from './nextProcess'

/**
 * Builds the Next.js example once before its tests, with `next build`,
 * and prints how long the build took. Rejects with the build's output
 * when it fails.
 */
export default async function buildNextExample(): Promise<void> {
  const started = performance.now()
  const child = spawn(process.execPath, [NEXT_BIN, 'build', EXAMPLE_DIR], {
    cwd: REPOSITORY_ROOT,
    env: nextEnvironment(),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', resolve)
  })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  if (code !== 0) {
    throw new Error(
      `next build ${EXAMPLE_DIR} failed with code ${code} after ${seconds} s:\n${output}`,
    )
  }
  console.log(`next build ${EXAMPLE_DIR} took ${seconds} s`)
}
