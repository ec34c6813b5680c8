'use strict';
/**
 * The `tls` option: a self-signed certificate for 127.0.0.1 / localhost, made at start with the `openssl` CLI (an
 * RSA 2048 key, as most Jira Data Center installs behind their own CA or a self-signed certificate have), once per
 * process. Clients must turn certificate checks off ("Ignore SSL Issues"), exactly as against such a Jira.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

let cached = null;

/** @returns {{key: string, cert: string}} */
function selfSignedCertificate() {
  if (cached) return cached;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-sim-tls-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    try {
      execFileSync('openssl', [
        'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
        '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (err) {
      throw new Error(`simulator option tls needs the openssl CLI to make its certificate: ${err.message}`);
    }
    cached = { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
    return cached;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { selfSignedCertificate };
