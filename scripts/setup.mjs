// Installs what the demos and tests need on a fresh machine, and nothing
// that is already there: the npm packages, and with --browser Debian's
// Chromium for the browser tests. Uses only Node's own modules, because
// it runs before `npm ci`.
import { execSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'

const run = (command) => execSync(command, { stdio: 'inherit' })

const lock = statSync('package-lock.json').mtimeMs
const installed = existsSync('node_modules/.package-lock.json')
  ? statSync('node_modules/.package-lock.json').mtimeMs
  : 0
if (installed < lock) {
  console.log('setup: installing npm packages (npm ci)')
  run('npm ci --no-audit --no-fund')
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (process.argv.includes('--browser') && !existsSync(chromium)) {
  if (process.getuid?.() !== 0) {
    console.error(
      `setup: Chromium is missing at ${chromium}. Install Debian's package as root (apt-get install -y chromium), or set CHROMIUM_PATH to a Chromium binary.`,
    )
    process.exit(1)
  }
  console.log("setup: installing Debian's chromium package")
  run('apt-get update -qq')
  run('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium')
}
