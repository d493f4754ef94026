#!/usr/bin/env node
// The `target-edge` bin: runs the command and stops it on SIGINT or SIGTERM.
import { runCli } from './runCli'

const stop = new AbortController()
process.once('SIGINT', () => stop.abort())
process.once('SIGTERM', () => stop.abort())

void runCli(process.argv.slice(2), {
  stdout: (line) => console.log(line),
  stderr: (line) => console.error(line),
  signal: stop.signal,
}).then((code) => {
  process.exitCode = code
})
