// @vitest-environment node
// The bin (src/edge/cli.ts) only wires process signals and console to
// runCli, so these tests run runCli in-process.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/edge/runCli'

/** Output lines of one run, and the means to stop it. */
function captureIo() {
  const stdout: string[] = []
  const stderr: string[] = []
  const stop = new AbortController()
  return {
    stdout,
    stderr,
    stop,
    io: {
      stdout: (line: string) => stdout.push(line),
      stderr: (line: string) => stderr.push(line),
      signal: stop.signal,
    },
  }
}

/** Returns a port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (address === null || typeof address === 'string') {
    throw new Error('The probe server has no port')
  }
  return address.port
}

async function waitForLine(lines: string[], text: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (lines.some((line) => line.includes(text))) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`No output line contains "${text}": ${lines.join('\n')}`)
}

describe(runCli, () => {
  it('serves on the given port until stopped', async () => {
    const port = await freePort()
    const { stdout, stop, io } = captureIo()
    const exited = runCli(['--port', String(port)], io)
    await waitForLine(stdout, 'listening')
    const health = await fetch(`http://127.0.0.1:${port}/_edge/health`)
    stop.abort()

    expect(health.status).toBe(200)
    expect(await exited).toBe(0)
    expect(stdout).toContain(
      `Target edge listening on http://127.0.0.1:${port}`,
    )
    expect(stdout.join('\n')).toContain(
      `serverDomain "127.0.0.1:${port}" with secure: false and client "demo"`,
    )
    expect(stdout.at(-1)).toBe('Target edge stopped.')
  })

  it('logs each request in one line', async () => {
    const port = await freePort()
    const { stdout, stop, io } = captureIo()
    const exited = runCli(['-p', String(port)], io)
    await waitForLine(stdout, 'listening')
    await fetch(
      `http://127.0.0.1:${port}/rest/v1/delivery?client=demo&sessionId=s1`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          context: { channel: 'web' },
          prefetch: { mboxes: [{ index: 0, name: 'demo-hero' }] },
        }),
      },
    )
    await waitForLine(stdout, 'POST /rest/v1/delivery')
    stop.abort()
    await exited
    const line = stdout.find((entry) =>
      entry.includes('POST /rest/v1/delivery'),
    )

    expect(line).toContain('client=demo sessionId=s1 prefetch=1')
    expect(line).toContain('-> 200')
  })

  it('serves an artifact given by path', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'target-edge-'))
    const path = join(folder, 'rules.json')
    writeFileSync(
      path,
      JSON.stringify({
        version: '1.0.0',
        meta: { clientCode: 'acme' },
        rules: { mboxes: {} },
      }),
    )
    const { stdout, stop, io } = captureIo()
    const exited = runCli(['--artifact', path, '--port', '0'], io)
    await waitForLine(stdout, 'listening')
    stop.abort()

    expect(await exited).toBe(0)
    expect(stdout).toContain(`Artifact: ${path} (client code acme, 0 mboxes)`)
  })

  it('rejects a missing artifact file', async () => {
    const { stderr, io } = captureIo()
    const code = await runCli(['--artifact', '/nonexistent/rules.json'], io)

    expect(code).toBe(1)
    expect(stderr[0]).toContain(
      'Artifact file /nonexistent/rules.json is not found',
    )
    expect(stderr[0]).toContain('Pass the path of a Target rules artifact')
  })

  it('rejects an artifact that is not JSON', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'target-edge-'))
    const path = join(folder, 'rules.json')
    writeFileSync(path, '<html></html>')
    const { stderr, io } = captureIo()
    const code = await runCli(['--artifact', path], io)

    expect(code).toBe(1)
    expect(stderr[0]).toContain(`Artifact file ${path} is not valid JSON`)
  })

  it('rejects an invalid port', async () => {
    const { stderr, io } = captureIo()
    const code = await runCli(['--port', 'http'], io)

    expect(code).toBe(1)
    expect(stderr[0]).toBe(
      'target-edge: --port must be an integer from 0 to 65535, got "http".',
    )
  })

  it('rejects an unknown option', async () => {
    const { stderr, io } = captureIo()
    const code = await runCli(['--prot', '9310'], io)

    expect(code).toBe(1)
    expect(stderr[0]).toContain("Unknown option '--prot'")
    expect(stderr[1]).toContain('Usage: target-edge')
  })

  it('prints what each option sets', async () => {
    const { stdout, io } = captureIo()
    const code = await runCli(['--help'], io)
    const help = stdout.join('\n')

    expect(code).toBe(0)
    expect(help).toContain('--artifact <path>  Rules artifact JSON file')
    expect(help).toContain('--port <n>         TCP port on 127.0.0.1')
    expect(help).toContain('Default: 9310.')
    expect(help).toContain('--latency <ms>')
  })
})
