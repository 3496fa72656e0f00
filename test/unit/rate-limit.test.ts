/**
 * The token buckets of the browser-mode rate limit, on a fake clock (no sleeping): counts of
 * admitted requests and waits worked out by hand from burst and rate.
 */
import { describe, expect, it } from 'vitest';
import { RateLimiter, TokenBucket, type RateLimits } from '../../src-main/server/rate-limit';

/** A clock the test moves by hand, in milliseconds. */
function fakeClock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms), set: (ms: number) => void (now = ms) };
}

/** How many of `n` requests of `client` in a row are admitted. */
function admitted(limiter: RateLimiter, client: string, n: number): number {
  let ok = 0;
  for (let i = 0; i < n; i++) if (limiter.admit(client).ok) ok++;
  return ok;
}

const SMALL: RateLimits = { client: { perSecond: 4, burst: 3 }, total: { perSecond: 100, burst: 100 } };

describe('TokenBucket', () => {
  it('starts full, refills at its rate and never holds more than its burst', () => {
    const bucket = new TokenBucket({ perSecond: 4, burst: 3 }, 0);
    expect(bucket.available(0)).toBe(3);
    bucket.take(0);
    bucket.take(0);
    bucket.take(0);
    expect(bucket.available(0)).toBe(0);
    // 4 a second: one token every 250 ms.
    expect(bucket.waitMs(0)).toBe(250);
    expect(bucket.available(125)).toBe(0.5);
    expect(bucket.waitMs(125)).toBe(125);
    expect(bucket.available(250)).toBe(1);
    expect(bucket.waitMs(250)).toBe(0);
    // An hour later it holds its burst, not 14,400 tokens.
    expect(bucket.available(3_600_250)).toBe(3);
  });

  it('refills nothing when the clock steps back', () => {
    const bucket = new TokenBucket({ perSecond: 4, burst: 3 }, 1_000);
    bucket.take(1_000);
    expect(bucket.available(500)).toBe(2);
    expect(bucket.available(1_250)).toBe(3);
  });

  it.each([
    [{ perSecond: 0, burst: 1 }],
    [{ perSecond: -1, burst: 1 }],
    [{ perSecond: 10, burst: 0 }],
    [{ perSecond: Number.NaN, burst: 5 }],
    [{ perSecond: Number.POSITIVE_INFINITY, burst: 5 }],
  ])('refuses the rate %j', (rate) => {
    expect(() => new TokenBucket(rate, 0)).toThrow(RangeError);
  });
});

describe('RateLimiter', () => {
  it('admits a burst, refuses the next request with the wait until a token refills', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(SMALL, clock.now);
    expect(admitted(limiter, 'script', 3)).toBe(3);
    expect(limiter.admit('script')).toEqual({ ok: false, limit: 'client', rate: SMALL.client, retryAfterMs: 250 });
    clock.advance(100);
    expect(limiter.admit('script')).toMatchObject({ ok: false, retryAfterMs: 150 });
    clock.advance(150);
    expect(limiter.admit('script')).toEqual({ ok: true });
    expect(limiter.admit('script').ok).toBe(false);
  });

  it('holds a steady client to its rate: 4 a second over 10 s after the burst of 3', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(SMALL, clock.now);
    let ok = 0;
    // One attempt every 10 ms for 10 s: 3 from the burst, then one per 250 ms refilled (40).
    for (let t = 0; t < 1_000; t++) {
      if (limiter.admit('script').ok) ok++;
      clock.advance(10);
    }
    expect(ok).toBe(3 + 39);
  });

  it('gives each client its own budget', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(SMALL, clock.now);
    expect(admitted(limiter, 'script', 10)).toBe(3);
    expect(admitted(limiter, 'page', 10)).toBe(3);
  });

  it('caps all clients together, and a request refused by the total costs its client nothing', () => {
    const clock = fakeClock();
    const limits: RateLimits = { client: { perSecond: 1, burst: 4 }, total: { perSecond: 10, burst: 5 } };
    const limiter = new RateLimiter(limits, clock.now);
    expect(admitted(limiter, 'script', 4)).toBe(4);
    // The total has 1 left: page gets it, then the total refuses page while page still holds 3.
    expect(admitted(limiter, 'page', 1)).toBe(1);
    expect(limiter.admit('page')).toEqual({ ok: false, limit: 'total', rate: limits.total, retryAfterMs: 100 });
    expect(limiter.admit('page')).toMatchObject({ ok: false, limit: 'total' });
    // 500 ms later the total is full (5) and page holds 3 + 0.5: had the two refusals cost it
    // tokens, it would hold 1.5 and get 1 request through, not 3.
    clock.advance(500);
    expect(admitted(limiter, 'page', 10)).toBe(3);
  });

  it('when both buckets are empty, waits for the slower one', () => {
    const clock = fakeClock();
    const limits: RateLimits = { client: { perSecond: 2, burst: 1 }, total: { perSecond: 1, burst: 1 } };
    const limiter = new RateLimiter(limits, clock.now);
    expect(limiter.admit('script').ok).toBe(true);
    // The client refills in 500 ms, the total in 1000 ms.
    expect(limiter.admit('script')).toEqual({ ok: false, limit: 'total', rate: limits.total, retryAfterMs: 1_000 });
  });

  it('refuses bad limits when built', () => {
    expect(() => new RateLimiter({ client: { perSecond: 1, burst: 0.5 }, total: { perSecond: 1, burst: 1 } })).toThrow(/client rate limit/);
    expect(() => new RateLimiter({ client: { perSecond: 1, burst: 1 }, total: { perSecond: 0, burst: 1 } })).toThrow(/total rate limit/);
  });
});
