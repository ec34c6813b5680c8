import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/**
 * A BigPicture API token on Jira Data Center: no Jira login, the token goes on every BigPicture call. Field names
 * are a public contract (exported workflows and credentials refer to them). `authenticate` and `test` make it usable
 * in n8n's HTTP Request node as a predefined credential type too.
 */
export class BigPictureTokenApi implements ICredentialType {
	name = 'bigPictureTokenApi';

	displayName = 'BigPicture API Token API';

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
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Made in BigPicture → My settings → API tokens; valid for one year. Sent only to BigPicture, never to Jira.',
		},
		// Named for the header it shapes: n8n's scanner takes any field named "token" for a secret.
		{
			displayName: 'Authorization Scheme',
			name: 'authorizationScheme',
			type: 'options',
			options: [
				{
					name: 'Bearer (Current Developer Portal)',
					value: 'bearer',
					description: 'Authorization: Bearer &lt;token&gt;',
				},
				{
					name: 'APIToken (Older Documentation)',
					value: 'apiToken',
					description: 'Authorization: APIToken &lt;token&gt;',
				},
			],
			default: 'bearer',
			description: 'How the token is sent in the Authorization header',
		},
		{
			displayName: 'Jira Personal Access Token',
			name: 'jiraToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Optional: used only for Jira's own REST API (Task → Get Many, the user picker, Custom API Call to Jira). Made in Jira → Profile → Personal Access Tokens.",
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
				'Where BigPicture answers under the base URL. "auto" tries /rest/bigpicture/1.0 (the API token documentation\'s path), then /rest/softwareplant-bigpicture/1.0. Or type a path.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization:
					'={{ ($credentials.authorizationScheme === "apiToken" ? "APIToken " : "Bearer ") + $credentials.apiToken }}',
			},
		},
	};

	// A cheap authenticated read under the short key (or the typed path): the box types.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ String($credentials.baseUrl).trim().replace(/\\/+$/, "") + (!$credentials.apiPath || String($credentials.apiPath).trim().toLowerCase() === "auto" ? "/rest/bigpicture/1.0" : "/" + String($credentials.apiPath).trim().replace(/^\\/+|\\/+$/g, "")) }}',
			url: '/public/ppm/box/box-types',
			method: 'GET',
			skipSslCertificateValidation: '={{ $credentials.ignoreSslIssues }}',
		},
	};
}
