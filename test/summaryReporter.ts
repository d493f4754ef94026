import type { Reporter, TestModule } from 'vitest/node'

/**
 * Prints one closing line, `N passed, N failed, N skipped`, after the
 * default reporter's summary, in the plain form CI tools read.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const counts = { passed: 0, failed: 0, skipped: 0 }
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests()) {
        const { state } = test.result()
        if (state === 'passed') counts.passed++
        else if (state === 'failed') counts.failed++
        else counts.skipped++
      }
    }
    console.log(
      `\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
    )
  }
}
