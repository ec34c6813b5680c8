#!/usr/bin/env node
'use strict';
/**
 * The demo (`npm start`): the Jira + BigPicture simulator with a realistic portfolio, and a real n8n with this
 * package installed the way n8n installs community packages, a ready credential and the two example workflows.
 *
 *   npm start                      build, then this script
 *   node scripts/demo.js --reset   start from an empty n8n (deletes .n8n-e2e/demo) and import the examples again
 *   node scripts/demo.js --verbose also print n8n's log here (it is always written to .n8n-e2e/demo/n8n.log)
 *
 * Environment: BIGPICTURE_DEMO_PORT (n8n, default 5678 when free), BIGPICTURE_SIM_PORT (simulator, default 8090
 * when free). Ctrl-C stops everything this script started.
 *
 * The credential and the example workflows are imported on the first start only (or after --reset): later starts
 * keep whatever the user changed in them. The simulator's port is remembered with them, since the credential
 * points at it.
 */
const fs = require('node:fs');
const path = require('node:path');

const { httpGet, tail } = require('./lib/n8n');
const { REPO } = require('./lib/package');
const { freePort } = require('./lib/ports');
const { isInterrupted, onCleanup, runCleanups } = require('./lib/proc');
const { prepareN8n, ownerEnv } = require('./lib/setup');
const {
	NODE_TYPE,
	bigPictureCredential,
	tokenCredential,
	cloudCredential,
	loadExample,
	webhookPath,
} = require('./lib/workflows');
const { startSimulator, DEFAULT_USERS } = require(path.join(REPO, 'test', 'simulator'));

const DEMO_FOLDER = path.join(REPO, '.n8n-e2e', 'demo'); // .n8n-e2e/ is git-ignored
/** Written once the examples are imported: what was imported, and the simulator port the credential points at. */
const IMPORTED = path.join(DEMO_FOLDER, 'examples-imported.json');
const ENCRYPTION_KEY = 'n8n-nodes-bigpicture-demo-not-a-secret';
const OWNER = {
	email: 'demo@example.com',
	password: 'BigPicture-demo1',
	firstName: 'Demo',
	lastName: 'Owner',
};
const JIRA_USER = 'alice';
const CREDENTIAL = { id: 'bpDemoCredential', name: 'BigPicture (demo simulator)' };
const WORKFLOWS = {
	report: { example: 'box-report', id: 'bpDemoBoxReport1' },
	webhook: { example: 'webhook-box-lookup', id: 'bpDemoWebhook001' },
	changes: { example: 'box-changes', id: 'bpDemoBoxChanges' },
};

/**
 * The other ways in (issue 11): a BigPicture API token (Data Center) and a BigPicture Cloud token, both alice's in
 * the simulator. Demo values, not secrets. Imported once, also into a demo folder made before they existed.
 */
const TOKENS = {
	apiToken: 'demo-bigpicture-api-token-alice',
	cloud: 'demo-bigpicture-cloud-token-alice',
	jiraPat: 'demo-jira-pat-alice',
};
const WAYS_CREDENTIALS = {
	token: { id: 'bpDemoCredToken1', name: 'BigPicture API token (demo simulator)' },
	cloud: { id: 'bpDemoCredCloud1', name: 'BigPicture Cloud (demo simulator)' },
};
const WAYS_WORKFLOW = 'bpDemoEveryWayIn';

/** Start → one node per way in, side by side: Jira login, API token, Cloud, and BigTemplate over the Jira login. */
function waysWorkflow() {
	const firstBoxes = {
		resource: 'box',
		operation: 'getMany',
		returnAll: false,
		limit: 10,
		filters: {},
		options: {},
	};
	const node = (name, y, parameters, type, credential) => ({
		id: `${WAYS_WORKFLOW}-${y}`,
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [260, y * 160],
		parameters,
		credentials: { [type]: { id: credential.id, name: credential.name } },
	});
	const nodes = [
		{
			id: `${WAYS_WORKFLOW}-start`,
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 240],
			parameters: {},
		},
		node('Jira Login', 0, firstBoxes, 'bigPictureApi', CREDENTIAL),
		node(
			'BigPicture API Token',
			1,
			{ authentication: 'apiToken', ...firstBoxes },
			'bigPictureTokenApi',
			WAYS_CREDENTIALS.token,
		),
		node(
			'BigPicture Cloud',
			2,
			{ authentication: 'cloud', ...firstBoxes },
			'bigPictureCloudApi',
			WAYS_CREDENTIALS.cloud,
		),
		node(
			'BigTemplate (Jira Login)',
			3,
			{
				app: 'bigTemplate',
				resource: 'request',
				operation: 'call',
				api: 'bigpicture',
				method: 'GET',
				path: 'public/ppm/box/box-types',
				options: {},
			},
			'bigPictureApi',
			CREDENTIAL,
		),
	];
	const targets = nodes.slice(1).map((n) => ({ node: n.name, type: 'main', index: 0 }));
	return {
		id: WAYS_WORKFLOW,
		name: 'BigPicture: every way in',
		active: false,
		nodes,
		connections: { Start: { main: [targets] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

const args = new Set(process.argv.slice(2));
const log = (msg) => process.stdout.write(`[demo] ${msg}\n`);

async function main() {
	onCleanup(() => {}); // Ctrl-C from here on stops every process this script started
	if (args.has('--reset') && fs.existsSync(DEMO_FOLDER)) {
		log(`--reset: deleting ${path.relative(REPO, DEMO_FOLDER)}`);
		fs.rmSync(DEMO_FOLDER, { recursive: true, force: true });
	}

	const imported = fs.existsSync(IMPORTED) ? JSON.parse(fs.readFileSync(IMPORTED, 'utf8')) : null;
	const wantedSimPort = Number(process.env.BIGPICTURE_SIM_PORT) || imported?.simPort || 8090;
	const simPort = await freePort(wantedSimPort);
	const sim = await startSimulator({
		host: '127.0.0.1',
		port: simPort,
		contextPath: '/jira',
		portfolio: 'demo',
		// as Jira Data Center answers a locked login, so the credential test shows its CAPTCHA message
		captchaStatus: 403,
		// every way in: API tokens under the short key the token docs use, a Jira PAT, BigGantt and BigTemplate
		// beside BigPicture, a Cloud tenant behind a discovery endpoint
		apiTokens: { [TOKENS.apiToken]: JIRA_USER },
		apiTokenKeys: ['bigpicture'],
		jiraPats: { [TOKENS.jiraPat]: JIRA_USER },
		apps: ['bigGantt', 'bigTemplate'],
		cloud: { tokens: { [TOKENS.cloud]: JIRA_USER } },
	});
	onCleanup(() => sim.close());
	log(
		`Jira + BigPicture simulator: ${sim.baseUrl} (user ${JIRA_USER}, ${sim.state.boxes.size} boxes)`,
	);

	const n8n = await prepareN8n({
		userFolder: DEMO_FOLDER,
		encryptionKey: ENCRYPTION_KEY,
		preferredPort: Number(process.env.BIGPICTURE_DEMO_PORT) || 5678,
		env: { N8N_SECURE_COOKIE: 'false' },
		log,
	});

	const workflows = Object.values(WORKFLOWS).map((w) =>
		loadExample(w.example, { credential: CREDENTIAL, id: w.id }),
	);
	if (!imported) {
		// Once: importing again would overwrite whatever the user changed in them since.
		await n8n.importCredentials([
			bigPictureCredential({
				...CREDENTIAL,
				baseUrl: sim.baseUrl,
				username: JIRA_USER,
				password: DEFAULT_USERS[JIRA_USER].password,
			}),
		]);
		await n8n.importWorkflows(workflows);
		await n8n.publish(WORKFLOWS.webhook.id);
		const names = workflows.map((w) => `"${w.name}"`).join(', ');
		fs.writeFileSync(
			IMPORTED,
			`${JSON.stringify({ simPort, credential: CREDENTIAL.id, workflows: workflows.map((w) => w.id), at: new Date().toISOString() }, null, 2)}\n`,
		);
		log(
			`imported credential "${CREDENTIAL.name}" and ${names} (first start; later starts keep your changes)`,
		);
	}
	if (!imported?.ways) {
		// Once, also into a demo folder made before these existed (nothing of the user's is overwritten: new ids).
		await n8n.importCredentials([
			tokenCredential({
				...WAYS_CREDENTIALS.token,
				baseUrl: sim.baseUrl,
				apiToken: TOKENS.apiToken,
			}),
			cloudCredential({
				...WAYS_CREDENTIALS.cloud,
				apiToken: TOKENS.cloud,
				discoveryUrl: sim.cloudDiscoveryUrl(),
			}),
		]);
		await n8n.importWorkflows([waysWorkflow()]);
		const record = JSON.parse(fs.readFileSync(IMPORTED, 'utf8'));
		fs.writeFileSync(
			IMPORTED,
			`${JSON.stringify({ ...record, ways: new Date().toISOString() }, null, 2)}\n`,
		);
		log(
			`imported the credentials "${WAYS_CREDENTIALS.token.name}", "${WAYS_CREDENTIALS.cloud.name}" and "BigPicture: every way in"`,
		);
	}
	if (imported) {
		log(
			`keeping the credential and example workflows as you left them (imported ${imported.at}); --reset starts over`,
		);
		if (simPort !== imported.simPort) {
			log(
				`WARNING: port ${imported.simPort} is taken, so the simulator runs on ${simPort}; the credential still points ` +
					`at port ${imported.simPort}. Free that port and start again, change the credential's Jira Base URL to ` +
					`${sim.baseUrl}, or start over with --reset.`,
			);
		}
	}

	const logFile = path.join(DEMO_FOLDER, 'n8n.log');
	const logStream = fs.createWriteStream(logFile, { flags: 'a' });
	const hook = workflows.find((w) => w.id === WORKFLOWS.webhook.id);
	const sampleBox = [...sim.state.boxes.values()].find((b) => b.boxId.startsWith('PROG-')) || {
		boxId: 'ROOT',
	};
	const hookUrl = `${n8n.url}/webhook/${webhookPath(hook)}?boxId=${sampleBox.boxId}`;
	log(`starting n8n on ${n8n.url} (log: ${path.relative(REPO, logFile)})…`);
	let unregisteredSince;
	const handle = await n8n.start({
		env: ownerEnv(n8n, OWNER),
		echo: args.has('--verbose'),
		timeoutMs: 300000,
		ready: async () => {
			const res = await httpGet(hookUrl);
			if (res.status === 503 || /starting up/i.test(res.body)) return false;
			if (res.status !== 404 || !/not registered/i.test(res.body)) return true;
			// n8n is up but the example webhook is not registered (yet, or the user unpublished it): wait a while only.
			unregisteredSince ??= Date.now();
			if (Date.now() - unregisteredSince < 60000) return false;
			log(
				'the example webhook is not registered (unpublished?): publish it in the editor to call it',
			);
			return true;
		},
	});
	onCleanup(async () => {
		log('stopping n8n…');
		await handle.stop();
	});
	handle.child.stdout.pipe(logStream);
	handle.child.stderr.pipe(logStream);
	logStream.write(handle.output());

	const lines = [
		'',
		'  n8n with the BigPicture node is running.',
		'',
		`  Editor:     ${n8n.url}/`,
		`  Log in:     ${OWNER.email} / ${OWNER.password}`,
		'',
		`  Credential: "${CREDENTIAL.name}" → ${sim.baseUrl} (Jira user ${JIRA_USER} / ${DEFAULT_USERS[JIRA_USER].password})`,
		`  Workflows:  "${workflows[0].name}" (open it, "Execute workflow"):`,
		`              ${n8n.url}/workflow/${WORKFLOWS.report.id}`,
		`              "${workflows[1].name}" (published):`,
		`              ${n8n.url}/workflow/${WORKFLOWS.webhook.id}`,
		`              curl '${hookUrl}'`,
		`              curl '${n8n.url}/webhook/${webhookPath(hook)}?boxId=NOPE-1'   (404, for an unknown box)`,
		`              "${workflows[2].name}" (publish it, or open it and "Fetch Test Event"):`,
		`              ${n8n.url}/workflow/${WORKFLOWS.changes.id}`,
		'',
		'  Every way in: "BigPicture: every way in" (open it, "Execute workflow"): one node per Connect With value',
		`              ${n8n.url}/workflow/${WAYS_WORKFLOW}`,
		`              "${WAYS_CREDENTIALS.token.name}": API token ${TOKENS.apiToken}`,
		`              "${WAYS_CREDENTIALS.cloud.name}": Cloud token ${TOKENS.cloud}, discovery ${sim.cloudDiscoveryUrl()}`,
		`              A Jira PAT to try in the first credential (Authentication: Personal Access Token): ${TOKENS.jiraPat}`,
		'',
		`  Jira login page (lifts a CAPTCHA lock; the simulated CAPTCHA word is shown on it): ${sim.baseUrl}/login.jsp`,
		'  The examples were imported on the first start; your changes to them are kept (--reset starts over).',
		'',
		'  Logins to the simulator are listed below as they happen. Ctrl-C stops n8n and the simulator.',
		'',
	];
	process.stdout.write(`${lines.join('\n')}\n`);

	// A line per login/renewal, to show how rarely the node logs in.
	let seen = 0; // the first login (by the readiness check above) included
	const watcher = setInterval(() => {
		const calls = sim.calls;
		for (; seen < calls.length; seen += 1) {
			const c = calls[seen];
			if (/\/system\/(re)?auth$/.test(c.path)) {
				log(`simulator: ${c.method} ${c.path.split('/1.0/')[1]} → ${c.status} (${c.auth})`);
			}
		}
	}, 1000);
	onCleanup(() => clearInterval(watcher));

	const { code, signal } = await handle.child.exited;
	if (isInterrupted()) return; // Ctrl-C: the cleanup is under way and ends the process
	log(`n8n exited (${code ?? signal}); last lines of its log:\n${tail(handle.output(), 20)}`);
	await runCleanups();
	process.exit(code === 0 ? 0 : 1);
}

main().catch(async (error) => {
	process.stderr.write(`[demo] ${error.stack || error}\n`);
	await runCleanups();
	process.exit(1);
});
