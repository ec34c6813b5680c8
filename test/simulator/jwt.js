'use strict';
/**
 * Minimal HS256 JSON Web Tokens with node:crypto (no dependencies).
 * Expiry is NOT checked here: the caller compares `exp` with the simulator clock,
 * so tests can move time forward without waiting.
 */
const crypto = require('node:crypto');

/** @param {string|Buffer} s */
const b64url = (s) => Buffer.from(s).toString('base64url');

/**
 * @param {Record<string, unknown>} payload
 * @param {string|Buffer} secret
 * @returns {string}
 */
function sign(payload, secret) {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(payload));
  const sig = crypto.createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/**
 * Decodes without verifying. Returns null when the string is not a JWT.
 * @param {string} token
 * @returns {{header: any, payload: any} | null}
 */
function decode(token) {
  if (typeof token !== 'string') return null;
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[0] || !parts[1] || !parts[2]) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object') return null;
    return { header, payload };
  } catch {
    return null;
  }
}

/**
 * Verifies the signature (constant time) and the algorithm.
 * @param {string} token
 * @param {string|Buffer} secret
 * @returns {{ valid: true, payload: any } | { valid: false, reason: 'malformed'|'algorithm'|'signature', payload?: any }}
 */
function verify(token, secret) {
  const decoded = decode(token);
  if (!decoded) return { valid: false, reason: 'malformed' };
  if (decoded.header.alg !== 'HS256') return { valid: false, reason: 'algorithm', payload: decoded.payload };
  const [head, body, sig] = token.split('.');
  const expected = crypto.createHmac('sha256', secret).update(`${head}.${body}`).digest();
  let given;
  try {
    given = Buffer.from(sig, 'base64url');
  } catch {
    return { valid: false, reason: 'signature', payload: decoded.payload };
  }
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return { valid: false, reason: 'signature', payload: decoded.payload };
  }
  return { valid: true, payload: decoded.payload };
}

/** Looks like a JWT (three base64url parts)? Cheap test, no parsing. */
const looksLikeJwt = (s) => typeof s === 'string' && /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(s);

module.exports = { sign, verify, decode, looksLikeJwt };
