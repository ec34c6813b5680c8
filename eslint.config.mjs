import { config } from '@n8n/node-cli/eslint';

// n8n's full community-node rules (the n8n Cloud set, so `sleep` not setTimeout, no `process`), with one knowing
// departure: this package has runtime dependencies. BigPicture's login needs a real cookie jar (Jira sets
// JSESSIONID, balancer-affinity and rotated cookies that must all travel with every call) and full control of
// redirects, raw bodies and keep-alive agents, which n8n's httpRequest helper does not give. So the HTTP client
// module alone imports axios, tough-cookie and node's http/https (for axios's agents), and package.json lists the
// first two as dependencies. That is also why "strict" is false in package.json: strict mode forbids any change
// to this file. See README, "Why this package has dependencies".
export default [
	// The package is what n8n loads; tests, benchmarks and scripts are Node programs, not node code.
	{ ignores: ['test/**', 'bench/**', 'scripts/**', 'examples/**', 'jest.config.js', 'gulpfile.js'] },
	...config,
	{
		files: ['nodes/BigPicture/transport/http.ts'],
		rules: { '@n8n/community-nodes/no-restricted-imports': 'off' },
	},
	{
		files: ['package.json'],
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
];
