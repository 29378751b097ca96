// Registers a Flow service with core's DiscoveryService and keeps the registration alive: core
// forgets a service whose lease is not renewed within its TTL, so a registered service must
// renew for as long as it runs and deregister when it stops.
//
// register() resolves once core has granted the first lease; from then on a background loop
// renews it at RENEW_FRACTION of the granted TTL, retries with backoff while core is
// unreachable, and registers again (same request, so the same instance id replaces any
// leftover) when core answers NOT_FOUND because the lease expired meanwhile. close() stops the
// loop and deregisters. The Go client (services/go-processor/discovery) behaves the same.
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { durationMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient, type Client, type Transport } from "@connectrpc/connect";
import { discoveryv1 } from "@flow-proto/contract";
import { Backoff, sleep } from "./backoff.js";

/**
 * The share of the granted TTL after which the lease is renewed. A third leaves room for two
 * more attempts (with backoff) before the lease runs out, so one lost renewal never expires it.
 * When core answers a shorter renew_interval, that one is used.
 */
export const RENEW_FRACTION = 1 / 3;

/** Sent with DeregisterService by close(), for core's logs. */
export const DEREGISTER_REASON = "shutdown";

export interface RegisterOptions {
  /** One line for each renewal failure and each re-registration (successes are not logged). */
  log?: (line: string) => void;
}

type RegisterRequest = MessageInitShape<typeof discoveryv1.RegisterServiceRequestSchema>;

/** RENEW_FRACTION of the TTL, or core's suggestion when that is sooner. */
function intervalFor(ttlMs: number, suggestedMs: number): number {
  const d = ttlMs * RENEW_FRACTION;
  return suggestedMs > 0 && suggestedMs < d ? suggestedMs : d;
}

/** A live registration with core. */
export class Registration {
  private leaseId = "";
  private ttlMs = 0;
  private intervalMs = 0;
  private renewalCount = 0;
  private expiredCount = 0;
  private readonly stop = new AbortController();
  private loop: Promise<void> = Promise.resolve();
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly client: Client<typeof discoveryv1.DiscoveryService>,
    private readonly request: discoveryv1.RegisterServiceRequest,
    private readonly log: (line: string) => void,
  ) {}

  /**
   * Registers `request.service` at `request.endpoint` with core and starts renewing in the
   * background. Rejects (with core's ConnectError as `cause`) when core refuses or cannot be
   * reached; the first registration is not retried, so that a misconfigured service learns so
   * at start. The caller must close() the Registration.
   */
  static async register(transport: Transport, request: RegisterRequest, opts: RegisterOptions = {}): Promise<Registration> {
    const req = create(discoveryv1.RegisterServiceRequestSchema, request);
    if (!req.service) throw new Error("discovery: RegisterServiceRequest.service is required");
    const r = new Registration(createClient(discoveryv1.DiscoveryService, transport), req, opts.log ?? (() => {}));
    await r.registerOnce();
    r.loop = r.renewLoop();
    return r;
  }

  private get name(): string {
    return this.request.service?.name ?? "";
  }

  /** Asks core for a (new) lease and records it. */
  private async registerOnce(signal?: AbortSignal, timeoutMs?: number): Promise<void> {
    let resp: discoveryv1.RegisterServiceResponse;
    try {
      resp = await this.client.registerService(this.request, { signal, timeoutMs });
    } catch (e) {
      throw new Error(`discovery: register "${this.name}" (instance "${this.request.service?.instanceId}"): ${errorText(e)}`, { cause: e });
    }
    const ttlMs = resp.grantedTtl ? durationMs(resp.grantedTtl) : 0;
    if (!resp.leaseId || ttlMs <= 0) throw new Error(`discovery: register "${this.name}": core answered no lease (ttl ${ttlMs} ms)`);
    this.leaseId = resp.leaseId;
    this.ttlMs = ttlMs;
    this.intervalMs = intervalFor(ttlMs, resp.renewInterval ? durationMs(resp.renewInterval) : 0);
  }

  /** Renews until close(). */
  private async renewLoop(): Promise<void> {
    const backoff = new Backoff();
    let wait = this.intervalMs;
    for (;;) {
      try {
        await sleep(wait, this.stop.signal);
      } catch {
        return;
      }
      try {
        await this.renewOnce();
        backoff.reset();
        wait = this.intervalMs;
      } catch (e) {
        if (this.stop.signal.aborted) return;
        // Back off, but never wait longer than the renew interval: the lease is running out.
        wait = Math.min(backoff.next(), this.intervalMs);
        this.log(`${(e as Error).message}; retrying in ${Math.round(wait)} ms`);
      }
    }
  }

  /**
   * One renewal attempt, bounded by the renew interval so that a hung call leaves time for
   * another before the lease runs out. NOT_FOUND means the lease expired (core was unreachable
   * for longer than the TTL, or dropped it): then it registers again.
   */
  private async renewOnce(): Promise<void> {
    const lease = this.leaseId;
    const opts = { signal: this.stop.signal, timeoutMs: Math.max(1, Math.round(this.intervalMs)) };
    let resp: discoveryv1.RenewLeaseResponse;
    try {
      resp = await this.client.renewLease({ leaseId: lease }, opts);
    } catch (e) {
      if (ConnectError.from(e).code !== Code.NotFound) throw new Error(`discovery: renew lease of "${this.name}": ${errorText(e)}`, { cause: e });
      this.expiredCount++;
      this.log(`discovery: lease of "${this.name}" expired; registering again`);
      await this.registerOnce(opts.signal, opts.timeoutMs);
      return;
    }
    if (this.leaseId === lease) this.intervalMs = intervalFor(this.ttlMs, resp.renewInterval ? durationMs(resp.renewInterval) : 0);
    this.renewalCount++;
  }

  /** The current delay between renewals, in ms. */
  get renewIntervalMs(): number {
    return this.intervalMs;
  }

  /** The lease duration core granted at the latest registration, in ms. */
  get grantedTtlMs(): number {
    return this.ttlMs;
  }

  /** Successful renewals, and how often the lease was found expired (then registered again). */
  get stats(): { renewals: number; expired: number } {
    return { renewals: this.renewalCount, expired: this.expiredCount };
  }

  /**
   * Stops renewing and deregisters, so that core forgets the service at once instead of after
   * the TTL. Waits for a renewal in flight first, so that no renewal can follow the
   * deregistration. Only the first call does anything; later ones return its promise.
   */
  close(timeoutMs = 5_000): Promise<void> {
    this.closing ??= (async () => {
      this.stop.abort(new Error("discovery: registration closed"));
      await this.loop;
      try {
        await this.client.deregisterService({ leaseId: this.leaseId, reason: DEREGISTER_REASON }, { timeoutMs });
      } catch (e) {
        throw new Error(`discovery: deregister "${this.name}": ${errorText(e)}`, { cause: e });
      }
    })();
    return this.closing;
  }
}

/** Same as Registration.register, as a function. */
export const register = Registration.register;

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
