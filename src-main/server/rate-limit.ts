/**
 * Request rate limits as token buckets, pure (the clock is passed in, nothing else is read).
 * A bucket holds at most `burst` tokens and refills at `perSecond`; a request takes one.
 * The limiter keeps one bucket per client plus one for all clients together: a request is
 * admitted only when both buckets hold a token, and then takes one from each — a refused
 * request takes nothing, so clients that back off are not charged for being turned away.
 * Client keys come from a small fixed set chosen by the caller, so the map stays small.
 */

export interface Rate {
  /** Sustained requests a second. */
  readonly perSecond: number;
  /** Requests allowed at once after a quiet spell (the bucket's size). */
  readonly burst: number;
}

export interface RateLimits {
  /** Each client's own budget. */
  readonly client: Rate;
  /** All clients together. */
  readonly total: Rate;
}

/** Far above what the app's pages ask (a dashboard is a few dozen calls); a runaway script is not. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  client: { perSecond: 200, burst: 400 },
  total: { perSecond: 400, burst: 800 },
};

export type Admission =
  | { readonly ok: true }
  | { readonly ok: false; readonly limit: 'client' | 'total'; readonly rate: Rate; readonly retryAfterMs: number };

function checkRate(rate: Rate, name: string): void {
  if (!(Number.isFinite(rate.perSecond) && rate.perSecond > 0 && Number.isFinite(rate.burst) && rate.burst >= 1)) {
    throw new RangeError(`${name} rate limit needs perSecond > 0 and burst ≥ 1, not ${JSON.stringify(rate)}`);
  }
}

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(readonly rate: Rate, nowMs: number) {
    checkRate(rate, 'a');
    this.tokens = rate.burst;
    this.last = nowMs;
  }

  /** Tokens held at `nowMs` (a clock that steps back refills nothing). */
  available(nowMs: number): number {
    if (nowMs > this.last) {
      this.tokens = Math.min(this.rate.burst, this.tokens + ((nowMs - this.last) / 1000) * this.rate.perSecond);
      this.last = nowMs;
    }
    return this.tokens;
  }

  /** Takes one token; call only after `available(now) >= 1`. */
  take(nowMs: number): void {
    this.tokens = this.available(nowMs) - 1;
  }

  /** Milliseconds until one token is held (0 if one is held now). */
  waitMs(nowMs: number): number {
    const missing = 1 - this.available(nowMs);
    return missing <= 0 ? 0 : (missing / this.rate.perSecond) * 1000;
  }
}

export class RateLimiter {
  private readonly clients = new Map<string, TokenBucket>();
  private readonly total: TokenBucket;

  /** `now` is a monotonic clock in milliseconds (tests pass a fake one). */
  constructor(readonly limits: RateLimits, private readonly now: () => number = () => performance.now()) {
    checkRate(limits.client, 'the client');
    checkRate(limits.total, 'the total');
    this.total = new TokenBucket(limits.total, now());
  }

  /**
   * Admits one request of `client` (taking a token from its bucket and from the total), or
   * says which limit refused it and how long until both buckets hold a token again.
   */
  admit(client: string): Admission {
    const now = this.now();
    let own = this.clients.get(client);
    if (own === undefined) {
      own = new TokenBucket(this.limits.client, now);
      this.clients.set(client, own);
    }
    const ownWait = own.waitMs(now);
    const totalWait = this.total.waitMs(now);
    if (ownWait > 0 || totalWait > 0) {
      const limit = ownWait >= totalWait ? 'client' : 'total';
      return { ok: false, limit, rate: limit === 'client' ? own.rate : this.total.rate, retryAfterMs: Math.max(ownWait, totalWait) };
    }
    own.take(now);
    this.total.take(now);
    return { ok: true };
  }
}
