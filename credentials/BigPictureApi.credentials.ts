import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * What the user types to reach BigPicture on Jira Data Center. The field names are a public contract:
 * exported workflows and credentials refer to them. The real login (system/auth → JWT) runs in the node's
 * session layer, and the credential test runs that same flow (see the node's `testedBy`).
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
		// A session cookie is a live login: it is masked like a password although its name says nothing of it.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Session Cookie',
			name: 'sessionCookie',
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
			description: 'Made in Jira → Profile → Personal Access Tokens; sent as Authorization: Bearer to system/auth',
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
				'Where the app answers under the base URL. "auto" tries /rest/softwareplant-bigpicture/1.0, then /rest/bigpicture/1.0. Type a path such as /rest/softwareplant-bigtemplate/1.0 for BigTemplate.',
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
}
