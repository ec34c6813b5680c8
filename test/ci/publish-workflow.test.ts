/**
 * The publish workflow is what n8n's verification reads as provenance: these checks keep a later edit from
 * publishing on every push, without the OIDC permission, or before the gates (build, lint, scan, unit tests).
 * The file's schema is checked separately by action-validator in .ci/run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Job {
	'runs-on': string;
	permissions?: Record<string, string>;
	steps: Step[];
}
interface Workflow {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

const file = path.join(__dirname, '../../.github/workflows/publish.yml');
const workflow = parse(fs.readFileSync(file, 'utf8')) as Workflow;
const jobs = Object.values(workflow.jobs);
const publishJob = jobs.find((job) => job.steps.some((step) => /\bnpm publish\b/.test(step.run ?? '')));
const steps = publishJob?.steps ?? [];
const indexOfRun = (command: RegExp) => steps.findIndex((step) => command.test(step.run ?? ''));
const publishIndex = indexOfRun(/\bnpm publish\b/);

describe('.github/workflows/publish.yml', () => {
	it('runs only when a version tag is pushed', () => {
		expect(Object.keys(workflow.on)).toEqual(['push']);
		expect(workflow.on.push).toEqual({ tags: ['v*'] });
	});

	it('may mint the OIDC token for provenance and only read the repository', () => {
		const permissions = { ...workflow.permissions, ...publishJob?.permissions };
		expect(permissions).toEqual({ 'id-token': 'write', contents: 'read' });
	});

	it('publishes once, with provenance, public, with the token from secrets', () => {
		expect(jobs.filter((job) => job.steps.some((step) => /\bnpm publish\b/.test(step.run ?? '')))).toHaveLength(1);
		const publish = steps[publishIndex];
		expect(publish.run?.trim()).toBe('npm publish --provenance --access public');
		expect(publish.env?.NODE_AUTH_TOKEN).toMatch(/^\$\{\{\s*secrets\.[A-Z_]+\s*\}\}$/);
	});

	it('sets up Node 20 with the npm registry before anything runs npm', () => {
		const setupIndex = steps.findIndex((step) => /^actions\/setup-node@/.test(step.uses ?? ''));
		expect(setupIndex).toBeGreaterThanOrEqual(0);
		expect(String(steps[setupIndex].with?.['node-version'])).toBe('20');
		expect(steps[setupIndex].with?.['registry-url']).toBe('https://registry.npmjs.org');
		expect(steps.findIndex((step) => /\bnpm\b/.test(step.run ?? ''))).toBeGreaterThan(setupIndex);
	});

	it.each([
		['install', /^npm (install|ci)\b/],
		['build', /^npm run build$/],
		['lint', /^npm run lint$/],
		['scan', /^npm run scan$/],
		['unit tests', /^npm run test:unit$/],
	])('publishes only after %s', (_gate, command) => {
		const gate = indexOfRun(command);
		expect(gate).toBeGreaterThanOrEqual(0);
		expect(gate).toBeLessThan(publishIndex);
	});

	it('runs the gates in the order they depend on: install, build, lint, scan, unit tests', () => {
		const order = [/^npm (install|ci)\b/, /^npm run build$/, /^npm run lint$/, /^npm run scan$/, /^npm run test:unit$/].map(indexOfRun);
		expect(order).toEqual([...order].sort((a, b) => a - b));
	});

	it('no step may fail silently before publish', () => {
		const before = steps.slice(0, publishIndex) as Array<Step & { 'continue-on-error'?: unknown }>;
		expect(before.filter((step) => step['continue-on-error'])).toEqual([]);
	});
});
