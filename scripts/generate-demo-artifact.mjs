// Writes src/edge/demo-artifact.json, the rules artifact that the local
// Target edge serves by default for the client code `demo`.
//
// Run with `node scripts/generate-demo-artifact.mjs`, then format the output
// with Prettier. The output is deterministic: event tokens are hashes of each
// rule's activity, experience and location, so a rerun changes nothing unless
// this script changed.

import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const OUTPUT = fileURLToPath(
  new URL('../src/edge/demo-artifact.json', import.meta.url),
)

const RESPONSE_TOKENS = [
  'activity.id',
  'activity.name',
  'experience.id',
  'experience.name',
  'offer.id',
  'offer.name',
  'option.id',
  'option.name',
]

/** Returns a base64 event token derived from `parts`, 64 characters long. */
function eventToken(...parts) {
  return createHash('sha384').update(parts.join('/')).digest('base64')
}

/**
 * Returns a json-logic condition that is true when the visitor's allocation
 * (0-100, computed by the engine from client, activity and visitor id) falls
 * in the experience's share. The first share includes 0.
 */
function allocationCondition(from, to) {
  const lower = from === 0 ? '<=' : '<'
  return {
    and: [
      { [lower]: [from, { var: 'allocation' }] },
      { '>=': [to, { var: 'allocation' }] },
    ],
  }
}

/**
 * Returns one artifact rule: the content that an mbox shows for one
 * experience of one activity, for visitors whose allocation is in
 * `[from, to]`.
 */
function mboxRule({
  activity,
  experience,
  location,
  offer,
  from = 0,
  to = 100,
  clickMetric = false,
}) {
  const tokenParts = ['demo', activity.id, experience.id, location.id]
  const metrics = clickMetric
    ? [{ type: 'click', eventToken: eventToken(...tokenParts, 'click') }]
    : []

  return {
    ruleKey: String(activity.id),
    activityId: activity.id,
    meta: {
      'activity.id': activity.id,
      'activity.name': activity.name,
      'activity.type': activity.type,
      'experience.id': experience.id,
      'experience.name': experience.name,
      'location.name': location.name,
      'location.type': 'mbox',
      'location.id': location.id,
      'audience.ids': [],
      'offer.id': offer.id,
      'offer.name': offer.name,
      'option.id': offer.optionId,
      'option.name': `Offer${offer.optionId}`,
    },
    condition: allocationCondition(from, to),
    consequence: {
      name: location.name,
      options: [
        {
          type: offer.type,
          eventToken: eventToken(...tokenParts, 'display'),
          content: offer.content,
        },
      ],
      metrics,
    },
  }
}

const hero = { id: 900001, name: 'Demo hero A/B', type: 'ab' }
const heroLocation = { id: 0, name: 'demo-hero' }
const heroRules = [
  mboxRule({
    activity: hero,
    experience: { id: 0, name: 'Experience A' },
    location: heroLocation,
    offer: {
      id: 910001,
      optionId: 2,
      name: 'Hero A: summer sale',
      type: 'html',
      content:
        '<section class="demo-hero" data-experience="A"><h2>Summer sale</h2><p>Up to 30% off sandals this week.</p></section>',
    },
    from: 0,
    to: 50,
  }),
  mboxRule({
    activity: hero,
    experience: { id: 1, name: 'Experience B' },
    location: heroLocation,
    offer: {
      id: 910002,
      optionId: 3,
      name: 'Hero B: free shipping',
      type: 'html',
      content:
        '<section class="demo-hero" data-experience="B"><h2>Free shipping</h2><p>On every order over $50.</p></section>',
    },
    from: 50,
    to: 100,
  }),
]

const cardRules = [
  mboxRule({
    activity: { id: 900002, name: 'Demo product card', type: 'xt' },
    experience: { id: 0, name: 'Experience A' },
    location: { id: 0, name: 'demo-card' },
    offer: {
      id: 910003,
      optionId: 2,
      name: 'Card: trail runner',
      type: 'json',
      content: { title: 'Trail runner', price: 89.9, badge: 'New' },
    },
  }),
]

const ctaRules = [
  mboxRule({
    activity: { id: 900003, name: 'Demo call to action', type: 'xt' },
    experience: { id: 0, name: 'Experience A' },
    location: { id: 0, name: 'demo-cta' },
    offer: {
      id: 910004,
      optionId: 2,
      name: 'CTA: ten percent off',
      type: 'html',
      content: '<a class="demo-cta" href="#offer">Get 10% off your order</a>',
    },
    clickMetric: true,
  }),
]

// One activity with twenty locations, for a page that prefetches many mboxes.
const slotActivity = { id: 900004, name: 'Demo slots', type: 'xt' }
const slotRules = Array.from({ length: 20 }, (_, i) => {
  const slot = i + 1
  return mboxRule({
    activity: slotActivity,
    experience: { id: 0, name: 'Experience A' },
    location: { id: i, name: `demo-slot-${slot}` },
    offer: {
      id: 911000 + slot,
      optionId: 2,
      name: `Slot ${slot}`,
      type: 'html',
      content: `<div class="demo-slot">Offer for slot ${slot}</div>`,
    },
  })
})

const mboxes = {}
for (const rule of [...heroRules, ...cardRules, ...ctaRules, ...slotRules]) {
  const name = rule.consequence.name
  mboxes[name] = [...(mboxes[name] ?? []), rule]
}

const artifact = {
  version: '1.0.0',
  meta: {
    generatedAt: '2025-01-01T00:00:00.000Z',
    clientCode: 'demo',
    organizationId: 'DEMO00000000000000000000@AdobeOrg',
    workspace: 0,
    environment: 'production',
  },
  globalMbox: 'target-global-mbox',
  geoTargetingEnabled: false,
  responseTokens: RESPONSE_TOKENS,
  remoteMboxes: [],
  remoteViews: [],
  localMboxes: Object.keys(mboxes),
  localViews: [],
  rules: { mboxes, views: {} },
}

writeFileSync(OUTPUT, `${JSON.stringify(artifact, null, 2)}\n`)
console.log(`Wrote ${Object.keys(mboxes).length} mboxes to ${OUTPUT}`)
