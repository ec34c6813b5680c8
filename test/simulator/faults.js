'use strict';
/**
 * Seeded, deterministic fault injection.
 *
 * Each fault-eligible call (BigPicture public API and Jira search; system/auth and system/reauth
 * only when `faultsOnAuth`) draws exactly four numbers from the PRNG, whatever the configuration,
 * so the same seed and the same sequence of eligible calls always give the same faults.
 * Decision order: every429 (counter) → rateReset (socket destroyed before processing)
 * → rate503 (503, Retry-After on about half of them) → rateResetAfter (request IS processed,
 * then the socket is destroyed instead of answering: the lost-response case).
 */

/** @param {number} seed */
function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @typedef {object} FaultConfig
 * @property {number} [seed=1]
 * @property {number} [rate503=0]          probability 0..1 of a 503
 * @property {number} [every429=0]         every Nth eligible call answers 429 (0 = never)
 * @property {number} [retryAfterSeconds=1]
 * @property {number} [rateReset=0]        probability of destroying the socket before processing
 * @property {number} [rateResetAfter=0]   probability of processing, then destroying the socket
 * @property {boolean} [faultsOnAuth=false] also fault system/auth and system/reauth
 */

const DEFAULTS = Object.freeze({
  seed: 1, rate503: 0, every429: 0, retryAfterSeconds: 1, rateReset: 0, rateResetAfter: 0, faultsOnAuth: false,
});

class Faults {
  /** @param {FaultConfig} [cfg] */
  constructor(cfg) {
    /** @type {Required<FaultConfig>} */
    this.cfg = { ...DEFAULTS };
    this.configure(cfg || {});
  }

  /** Merges the config and restarts the sequence (PRNG and 429 counter). @param {FaultConfig} cfg */
  configure(cfg) {
    this.cfg = { ...this.cfg, ...cfg };
    this.rand = mulberry32(Number(this.cfg.seed) || 0);
    this.eligible = 0;
  }

  get active() {
    const c = this.cfg;
    return c.rate503 > 0 || c.every429 > 0 || c.rateReset > 0 || c.rateResetAfter > 0;
  }

  /**
   * @returns {null | { kind: '429'|'503'|'reset'|'resetAfter', retryAfter?: number }}
   */
  decide() {
    this.eligible += 1;
    const c = this.cfg;
    const r1 = this.rand(), r2 = this.rand(), r3 = this.rand(), r4 = this.rand();
    if (c.every429 > 0 && this.eligible % c.every429 === 0) return { kind: '429', retryAfter: c.retryAfterSeconds };
    if (r1 < c.rateReset) return { kind: 'reset' };
    if (r2 < c.rate503) return r3 < 0.5 ? { kind: '503', retryAfter: c.retryAfterSeconds } : { kind: '503' };
    if (r4 < c.rateResetAfter) return { kind: 'resetAfter' };
    return null;
  }
}

module.exports = { Faults, mulberry32, FAULT_DEFAULTS: DEFAULTS };
