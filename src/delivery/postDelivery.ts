import { TargetError } from './TargetError'
import type { DeliveryRequest, DeliveryResponse } from './types'

/** Options of {@link postDelivery}: the request and how to send it. */
export interface PostDeliveryOptions {
  /** Full URL of `/rest/v1/delivery`, query string included. */
  url: string
  request: DeliveryRequest
  /** Milliseconds before the request is aborted and rejected. */
  timeout: number
  /** Lets the request outlive the page, as a notification must. */
  keepalive?: boolean
}

/**
 * Sends a Delivery API request and resolves with the response body.
 * Rejects with a {@link TargetError} on timeout, network failure, an HTTP
 * error, a body `status` of 400 or more under HTTP 200, or a body that is
 * not JSON.
 */
export async function postDelivery({
  url,
  request,
  timeout,
  keepalive,
}: PostDeliveryOptions): Promise<DeliveryResponse> {
  const payload = JSON.stringify(request)
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeout)
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      // text/plain keeps this a simple request: no CORS preflight, one
      // round trip less before the first offer can show.
      headers: { 'content-type': 'text/plain' },
      body: payload,
      signal: controller.signal,
      // Browsers refuse keepalive bodies over 64 KiB in flight; a larger
      // batch goes as a plain request rather than not at all.
      keepalive: keepalive && new TextEncoder().encode(payload).length < 60_000,
      credentials: 'omit',
    })
  } catch (cause) {
    clearTimeout(timer)
    throw controller.signal.aborted
      ? new TargetError(
          'timeout',
          `Target request timed out after ${timeout} ms`,
        )
      : new TargetError('network', `Target request failed: ${String(cause)}`)
  }
  let text: string
  try {
    text = await response.text()
  } catch {
    throw new TargetError(
      'timeout',
      `Target request timed out after ${timeout} ms`,
    )
  } finally {
    clearTimeout(timer)
  }
  let body: DeliveryResponse | undefined
  try {
    body = text ? (JSON.parse(text) as DeliveryResponse) : undefined
  } catch {
    body = undefined
  }
  if (!response.ok) {
    throw new TargetError(
      'http',
      `Target answered HTTP ${response.status}: ${body?.message ?? text.slice(0, 200)}`,
      response.status,
    )
  }
  if (!body || typeof body !== 'object') {
    throw new TargetError(
      'parse',
      'Target answered with a body that is not JSON',
    )
  }
  // Some proxies send the status as a string.
  if (Number(body.status) >= 400) {
    throw new TargetError(
      'status',
      `Target answered status ${body.status}: ${body.message ?? 'no message'}`,
      body.status,
    )
  }
  return body
}
