import { inject } from 'vitest'
import { beforeEach, describe, expect, it } from 'vitest'
import { TargetMbox } from 'react-adobe-target'
import suite from '@adobe/target-decisioning-engine/test/schema/models/TEST_SUITE_NOTIFICATIONS.json'
import {
  eventually,
  forgetVisitor,
  notificationsOf,
  renderWithTarget,
} from './renderWithTarget'

// This edge runs Adobe's TEST_ARTIFACT_AB_MULTI_SIMPLE, the artifact of the
// engine's notification suite, so the suite's expected notifications can be
// compared with the ones this library sends for the same visitor.
const suiteEdgeHost = inject('adobeSuiteEdgeHost')

interface SuiteCase {
  input: {
    request: {
      id: { tntId: string; marketingCloudVisitorId: string }
      execute: { mboxes: { name: string }[] }
    }
  }
  notificationOutput: {
    request: {
      notifications: {
        type: string
        timestamp: number
        mbox: { name: string }
        tokens: string[]
      }[]
    }
  }
}

const cases = Object.entries(
  suite.test as unknown as Record<string, SuiteCase>,
).filter(([, testCase]) => testCase.notificationOutput)

beforeEach(forgetVisitor)

describe('display notifications against Adobe suite cases', () => {
  it.each(cases)('matches %s', async (_, testCase) => {
    const { tntId, marketingCloudVisitorId } = testCase.input.request.id
    const expiry = Math.floor(Date.now() / 1000) + 3600
    document.cookie = `mbox=PC#${tntId}#${expiry}; path=/`
    const names = testCase.input.request.execute.mboxes.map((m) => m.name)

    const { client } = renderWithTarget(
      names.map((name) => (
        <TargetMbox key={name} name={name} render={() => <p>offer</p>}>
          <p>default</p>
        </TargetMbox>
      )),
      {
        serverDomain: suiteEdgeHost,
        clientCode: 'someClientId',
        visitorId: { marketingCloudVisitorId },
      },
    )
    const expected = testCase.notificationOutput.request.notifications
    const sent = await eventually(async () => {
      const logged = await notificationsOf(client, {
        host: suiteEdgeHost,
      })
      expect(logged).toHaveLength(expected.length)
      return logged
    })

    for (const want of expected) {
      const got = sent.find((n) => n.mbox.name === want.mbox.name)!
      expect(got.type).toBe(want.type)
      expect(got.tokens).toEqual(want.tokens)
      expect(got.tntId).toBe(tntId)
      expect(got.id).toEqual(expect.any(String))
      expect(got.id.length).toBeLessThanOrEqual(200)
      // The suite's timestamp is a mocked date in epoch milliseconds; a
      // real one must be in the same unit and close to now.
      expect(String(got.timestamp)).toHaveLength(String(want.timestamp).length)
      expect(Math.abs(got.timestamp - Date.now())).toBeLessThan(60_000)
      // A prefetched mbox's display carries the state the edge issued.
      expect(got.mbox.state).toEqual(expect.any(String))
    }
  })
})
