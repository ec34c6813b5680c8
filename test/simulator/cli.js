#!/usr/bin/env node
'use strict';
/**
 * Starts the simulator with the demo portfolio and prints its base URL.
 *   node test/simulator/cli.js [--port 8099] [--host 127.0.0.1] [--context-path /jira]
 *        [--portfolio demo|small|<boxCount>] [--version 8.57.0] [--latency 0] [--no-basic]
 * Stops on Ctrl-C.
 */
const { startSimulator } = require('./index');

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => argv[++i];
    if (a === '--port') out.port = Number(val());
    else if (a === '--host') out.host = val();
    else if (a === '--context-path') out.contextPath = val();
    else if (a === '--portfolio') { const v = val(); out.portfolio = /^\d+$/.test(v) ? { boxCount: Number(v) } : v; }
    else if (a === '--version') out.simulatedVersion = val();
    else if (a === '--latency') out.latencyMs = Number(val());
    else if (a === '--no-basic') out.basicAuthAllowed = false;
    else if (a === '--help' || a === '-h') { out.help = true; }
    else { console.error(`unknown argument: ${a}`); process.exit(2); }
  }
  return out;
}

(async () => {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log('usage: node test/simulator/cli.js [--port N] [--host H] [--context-path /jira] [--portfolio demo|small|N] [--version X.Y.Z] [--latency ms] [--no-basic]');
    return;
  }
  const { help, ...opts } = args;
  const sim = await startSimulator({ portfolio: 'demo', ...opts });
  console.log(sim.baseUrl);
  console.error(`BigPicture API: ${sim.apiBase()}`);
  console.error(`users: ${Object.entries(sim.opts.users).map(([n, u]) => `${n}/${u.password}${u.admin ? ' (admin)' : ''}`).join(', ')}  (test data)`);
  const stop = async () => { await sim.close(); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
})().catch((e) => { console.error(e); process.exit(1); });
