'use strict';
/**
 * Requests being handled right now and the most handled at once since the last reset: lets a test prove that a
 * client really sends N requests in parallel (pair it with the `latencyMs` option so they overlap).
 */
class InFlight {
  constructor() { this.current = 0; this.max = 0; }

  /** @param {import('node:http').ServerResponse} res counted until its connection closes or the answer ends */
  track(res) {
    this.current += 1;
    if (this.current > this.max) this.max = this.current;
    let done = false;
    const leave = () => { if (!done) { done = true; this.current -= 1; } };
    res.once('finish', leave);
    res.once('close', leave);
  }

  reset() { this.max = this.current; }
}

module.exports = { InFlight };
